import { policyTemplateValues } from '../../commerce/policy-template-values';
import type { FaqEntry } from '../../knowledge/faq-entry';
import { renderTemplate } from '../../knowledge/templates';
import { buttons, say } from '../replies';
import type { TurnReply } from '../reply';
import type { BotServices } from '../services';

export function renderAnswer(entry: FaqEntry, reply: TurnReply, services: BotServices): string {
  return renderTemplate(entry.answer[reply.language], policyTemplateValues(services.policy, reply.language));
}

export async function sendFaqAnswer(entry: FaqEntry, reply: TurnReply, services: BotServices): Promise<void> {
  await reply.text(renderAnswer(entry, reply, services));
}

/**
 * How much more sure retrieval over all entries must be before it overrides the NLU's intent: the intent
 * is a strong hint ("the product is faulty" is about a fault, not about authenticity), but not the last word.
 */
const OVERRIDE_MARGIN = 0.25;

/** A retrieval answer this sure is not a guess, even when the NLU could not name the intent. */
export const SURE_FAQ_CONFIDENCE = 0.45;

/**
 * Answers from the FAQ: the entries of the NLU's intent first, all entries when they fit clearly better;
 * when two fit about equally, asks which one; never answers a weak match as if it were sure.
 */
export async function answerFromKnowledge(
  text: string,
  intent: string,
  reply: TurnReply,
  services: BotServices,
  /** Tried before admitting a miss (the language model's grounded answer); true when it answered. */
  beforeMiss?: () => Promise<boolean>,
): Promise<'answered' | 'asked' | 'missed'> {
  const { retriever } = services.faq;
  const scoped = retriever.match(text, { intent });
  const all = retriever.match(text);
  const preferAll =
    all.kind === 'answer' &&
    (scoped.kind !== 'answer' || all.confidence >= scoped.confidence + OVERRIDE_MARGIN);
  const match = preferAll ? all : scoped.kind !== 'none' ? scoped : all;
  if (match.kind === 'answer') {
    await sendFaqAnswer(match.entry, reply, services);
    return 'answered';
  }
  if (match.kind === 'choose') {
    await reply.choices(
      say('chooseFaq', reply.language),
      match.options.map((entry) => ({
        label: entry.title[reply.language],
        action: { kind: 'faq', entryId: entry.id },
      })),
    );
    return 'asked';
  }
  if (await beforeMiss?.()) return 'answered';
  await reply.choices(say('knowledgeMiss', reply.language), [
    { label: buttons.talkToAgent[reply.language], action: { kind: 'agent' } },
  ]);
  return 'missed';
}

/** The FAQ entry retrieval is sure of on its own, for turns where the NLU is not. */
export function sureFaqEntry(text: string, services: BotServices): FaqEntry | undefined {
  const match = services.faq.retriever.match(text);
  return match.kind === 'answer' && match.confidence >= SURE_FAQ_CONFIDENCE ? match.entry : undefined;
}
