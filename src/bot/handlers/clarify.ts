import { intentLabel } from '../intent-labels';
import { buttons, say } from '../replies';
import type { TurnReply } from '../reply';

/** "Did you mean …?" with the likeliest intents as buttons, plus a way to a human. */
export async function clarify(intents: string[], reply: TurnReply): Promise<void> {
  const choices = intents.map((intent) => ({
    label: intentLabel(intent, reply.language),
    action: { kind: 'intent' as const, intent },
  }));
  if (!intents.includes('human.request')) {
    choices.push({
      label: buttons.talkToAgent[reply.language],
      action: { kind: 'intent', intent: 'human.request' },
    });
  }
  await reply.choices(say(intents.length > 0 ? 'clarify' : 'clarifyNone', reply.language), choices);
}
