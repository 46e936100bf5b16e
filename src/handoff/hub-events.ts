import { z } from 'zod';
import { ENTITY_TYPES } from '../nlu/types';
import type { TurnRecord } from '../storage/conversation-log';

/**
 * What one server instance tells the others about the handoff: every instance publishes what it changed
 * and every instance (the publisher too) pushes it to the agent consoles connected to it. Events travel
 * between processes, possibly of different versions during a rolling update, so they are checked on arrival.
 */

const conversationId = z.string().min(1).max(512);
const username = z.string().min(1).max(64);

/** A transcript line as it travels in an event; the fields a console shows. */
export const turnRecordSchema = z.object({
  at: z.string(),
  role: z.enum(['shopper', 'bot', 'agent', 'system']),
  text: z.string(),
  language: z.enum(['zh', 'en']).optional(),
  intent: z.string().optional(),
  confidence: z.number().optional(),
  sentiment: z.number().optional(),
  entities: z
    .array(
      z.object({
        type: z.enum(ENTITY_TYPES),
        value: z.string(),
        text: z.string(),
        valid: z.boolean().optional(),
      }),
    )
    .optional(),
  name: z.string().optional(),
});

export const agentStatusSchema = z.enum(['online', 'away']);
/** online: takes chats; away: logged in but not taking new ones. Offline is the absence of presence. */
export type AgentStatus = z.infer<typeof agentStatusSchema>;
export type AgentPresenceStatus = AgentStatus | 'offline';

export const hubEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('queue.changed') }),
  z.object({ type: z.literal('session.assigned'), conversationId, agent: username }),
  z.object({ type: z.literal('session.transferred'), conversationId, from: username, to: username }),
  z.object({ type: z.literal('session.closed'), conversationId, agent: username }),
  z.object({ type: z.literal('session.cancelled'), conversationId }),
  z.object({ type: z.literal('session.rated'), conversationId, rating: z.number().optional() }),
  z.object({
    type: z.literal('shopper.message'),
    conversationId,
    /** Who the conversation is assigned to; absent while it waits in the queue (every agent may look). */
    assignedTo: username.optional(),
    record: turnRecordSchema,
  }),
  z.object({ type: z.literal('agent.message'), conversationId, agent: username, record: turnRecordSchema }),
  z.object({
    type: z.literal('presence.changed'),
    agent: username,
    status: z.enum(['online', 'away', 'offline']),
  }),
]);

export type HubEvent = z.infer<typeof hubEventSchema>;
export type HubEventListener = (event: HubEvent) => void;

// These fail to compile if the schema and the storage's TurnRecord drift apart.
const _parsedIsRecord: (record: z.infer<typeof turnRecordSchema>) => TurnRecord = (record) => record;
const _recordIsParsable: (record: TurnRecord) => z.input<typeof turnRecordSchema> = (record) => record;
