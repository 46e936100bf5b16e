import type { DialogProgress } from '../../dialogs';
import type { OrderService } from '../commerce/order-service';
import type { Order, Ticket } from '../commerce/types';
import { maskPersonalData } from '../log/mask';
import type { Entity, Language } from '../nlu/types';
import type { TurnRecord } from '../storage/conversation-log';
import type { EscalationPriority, EscalationReasonCode } from './escalation-policy';
import { extractiveSummary } from './summary';

/** What an agent knows when a conversation reaches them (DESIGN.md §6). */
export interface HandoffContext {
  conversationId: string;
  reason: EscalationReasonCode;
  priority: EscalationPriority;
  language: Language;
  summary: string;
  escalatedAt: string;
  transcript: TurnRecord[];
  /** Per shopper turn: what the bot understood and how the shopper felt. */
  turns: { at: string; text: string; intent?: string; confidence?: number; sentiment?: number }[];
  /** Order ids, tracking numbers, amounts, …; phone numbers and e-mail addresses masked. */
  entities: Pick<Entity, 'type' | 'value' | 'text'>[];
  /** The after-sales dialog in progress, how far it got and what it had filled in. */
  dialog?: Omit<DialogProgress, 'expecting'>;
  order?: Order;
  customer?: { id: string; tags: string[]; notes: string[]; tickets: Ticket[] };
  /** Replies the agent may send, in the shopper's language; present only with a language model. */
  suggestedReplies?: string[];
}

/**
 * Agent assist from a language model (src/llm/agent-assist.ts). Declared here so that the handoff does not
 * depend on the model code; implementations fall back on their own (extractive summary, no replies).
 */
export interface HandoffAssist {
  summarize(
    transcript: readonly TurnRecord[],
    language: Language,
    reason: EscalationReasonCode,
  ): Promise<string>;
  suggestReplies(
    transcript: readonly TurnRecord[],
    language: Language,
    reason: EscalationReasonCode,
  ): Promise<string[]>;
}

export interface CustomerProfile {
  tags: string[];
  notes: string[];
}

export interface HandoffContextInput {
  conversationId: string;
  reason: EscalationReasonCode;
  priority: EscalationPriority;
  language: Language;
  transcript: TurnRecord[];
  dialog?: DialogProgress;
  /** The channel-identified customer, when there is one. */
  customerId?: string;
  /** The order the conversation is about (the last one named or verified). */
  orderId?: string;
  orders: OrderService;
  profile?: (customerId: string) => Promise<CustomerProfile>;
  /** With a language model: its summary and suggested replies instead of the extractive summary alone. */
  assist?: HandoffAssist;
  now: Date;
}

const MASKED_TYPES = new Set<Entity['type']>(['phone', 'email']);

function maskedEntities(transcript: readonly TurnRecord[]): HandoffContext['entities'] {
  const seen = new Set<string>();
  const entities: HandoffContext['entities'] = [];
  for (const record of transcript) {
    for (const entity of record.entities ?? []) {
      const key = `${entity.type}:${entity.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      entities.push(
        MASKED_TYPES.has(entity.type)
          ? { type: entity.type, value: maskPersonalData(entity.value), text: maskPersonalData(entity.text) }
          : { type: entity.type, value: entity.value, text: entity.text },
      );
    }
  }
  return entities;
}

export async function buildHandoffContext(input: HandoffContextInput): Promise<HandoffContext> {
  const order = input.orderId ? await input.orders.findOrder(input.orderId) : undefined;
  const customerId =
    input.customerId && (await input.orders.listOrders(input.customerId)).length > 0
      ? input.customerId
      : order?.customerId;
  let customer: HandoffContext['customer'];
  if (customerId) {
    const profile = (await input.profile?.(customerId)) ?? { tags: [], notes: [] };
    customer = {
      id: customerId,
      ...profile,
      tickets: (await input.orders.listTickets(customerId)).slice(0, 10),
    };
  }
  const dialog = input.dialog
    ? { dialog: input.dialog.dialog, step: input.dialog.step, slots: input.dialog.slots }
    : undefined;
  const { summary, suggestedReplies } = await assistFor(input);
  return {
    conversationId: input.conversationId,
    reason: input.reason,
    priority: input.priority,
    language: input.language,
    summary,
    escalatedAt: input.now.toISOString(),
    transcript: input.transcript,
    turns: input.transcript
      .filter((record) => record.role === 'shopper')
      .map(({ at, text, intent, confidence, sentiment }) => ({ at, text, intent, confidence, sentiment })),
    entities: maskedEntities(input.transcript),
    dialog,
    order,
    customer,
    ...(suggestedReplies && suggestedReplies.length > 0 ? { suggestedReplies } : {}),
  };
}

async function assistFor(
  input: HandoffContextInput,
): Promise<{ summary: string; suggestedReplies?: string[] }> {
  const extractive = () => extractiveSummary(input.transcript, input.reason, input.language);
  if (!input.assist) return { summary: extractive() };
  const { transcript, language, reason } = input;
  // Both bound their own wait; a failure here must never cost the shopper their place in the queue.
  const [summary, suggestedReplies] = await Promise.all([
    input.assist.summarize(transcript, language, reason).catch(extractive),
    input.assist.suggestReplies(transcript, language, reason).catch(() => []),
  ]);
  return { summary, suggestedReplies };
}
