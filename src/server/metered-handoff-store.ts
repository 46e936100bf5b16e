import type { HubEvent } from '../handoff/hub-events';
import type { HandoffStore } from '../handoff/handoff-store';
import type { Logger } from '../log/logger';
import type { KefuMetrics } from './metrics';

const seconds = (from: string | undefined, to: string | undefined): number | undefined =>
  from === undefined || to === undefined ? undefined : (Date.parse(to) - Date.parse(from)) / 1000;

/**
 * The handoff store as the agent hub sees it, counting the hub's events as they are published. Published,
 * not heard: with Redis every instance hears every instance's events, but only the one that made a change
 * publishes it, so each handoff is counted once however many servers run.
 */
export function meteredHandoffStore(store: HandoffStore, metrics: KefuMetrics, logger: Logger): HandoffStore {
  const observe = async (event: HubEvent): Promise<void> => {
    switch (event.type) {
      case 'session.assigned': {
        const session = await store.session(event.conversationId);
        // Back from the queue after its agent went offline: the conversation was handed to an agent before, so
        // it is not counted again, and its second wait is measured from when it went back, not from the first.
        const requeued = session?.requeuedAt !== undefined;
        metrics.accepted(seconds(session?.requeuedAt ?? session?.queuedAt, session?.assignedAt), {
          firstHandoff: !requeued,
        });
        return;
      }
      case 'agent.message': {
        const session = await store.session(event.conversationId);
        // markFirstReply keeps the first time only, so this message was the first when the times agree.
        if (session?.firstAgentReplyAt !== undefined && session.firstAgentReplyAt === event.record.at) {
          const waited = seconds(session.assignedAt, session.firstAgentReplyAt);
          if (waited !== undefined) metrics.firstAgentReply(waited);
        }
        return;
      }
      case 'session.rated':
        metrics.rated(event.rating);
        return;
      default:
        return;
    }
  };

  const overrides: Pick<HandoffStore, 'enqueue' | 'publish'> = {
    async enqueue(session) {
      const outcome = await store.enqueue(session);
      if (outcome.created) metrics.escalated(session.context.reason);
      return outcome;
    },
    async publish(event) {
      await store.publish(event);
      await observe(event).catch((error: unknown) =>
        logger.debug({ err: error, event: event.type }, 'handoff metrics not recorded'),
      );
    },
  };
  // Everything else goes to the store itself, bound to it, so its own fields and private methods work.
  return new Proxy(store, {
    get(target, property) {
      if (property === 'enqueue') return overrides.enqueue;
      if (property === 'publish') return overrides.publish;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
