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
 * Answers from the FAQ entries of the NLU's intent; when none fits, from all entries; when two fit about
 * equally, asks which one; never answers a weak match as if it were sure.
 */
export async function answerFromKnowledge(
  text: string,
  intent: string,
  reply: TurnReply,
  services: BotServices,
): Promise<'answered' | 'asked' | 'missed'> {
  const { retriever } = services.faq;
  let match = retriever.match(text, { intent });
  if (match.kind === 'none') match = retriever.match(text);
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
  await reply.choices(say('knowledgeMiss', reply.language), [
    { label: buttons.talkToAgent[reply.language], action: { kind: 'agent' } },
  ]);
  return 'missed';
}
