import type { ShopPolicy } from '../commerce/policy';
import type { EscalationRequest, Escalator } from './escalator';
import { say } from './replies';

/** Until agents are connected (the handoff part), the bot says honestly when people can be reached. */
export class NoAgentEscalator implements Escalator {
  constructor(private readonly policy: ShopPolicy) {}

  async escalate({ reply }: EscalationRequest): Promise<void> {
    const { open, close } = this.policy.serviceHours;
    await reply.text(say('escalationUnavailable', reply.language, { serviceHours: `${open}–${close}` }));
  }
}
