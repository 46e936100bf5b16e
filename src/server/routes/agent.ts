import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { AgentHub, AgentIdentity } from '../../handoff/agent-hub-service';
import { HandoffError } from '../../handoff/handoff-errors';
import type { Logger } from '../../log/logger';
import { parseWith } from '../validate';
import { bearerOf } from '../bearer';

export interface AgentRouteOptions {
  hub: AgentHub;
  logger: Logger;
}

const PREFIX = '/api/agent';

const trimmed = (min: number, max: number) => z.string().trim().min(min).max(max);

const loginBodySchema = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024),
});
const statusBodySchema = z.object({ status: z.enum(['online', 'away', 'offline']) });
const conversationParamsSchema = z.object({ conversationId: z.string().min(1).max(512) });
// The hub enforces MAX_MESSAGE_LENGTH (413); this only keeps absurd bodies out.
const messageBodySchema = z.object({ text: z.string().min(1).max(20_000) });
const closeBodySchema = z.object({ resolution: trimmed(1, 2000) });
const transferBodySchema = z.object({ to: z.string().min(1).max(64) });
const customerParamsSchema = z.object({ customerId: z.string().min(1).max(512) });
const tagParamsSchema = customerParamsSchema.extend({ tag: trimmed(1, 32) });
const tagBodySchema = z.object({ tag: trimmed(1, 32) });
const noteBodySchema = z.object({ text: trimmed(1, 1000) });
const streamQuerySchema = z.object({ token: z.string().min(1).max(4096) });

/** The agent HTTP API and its WebSocket (DESIGN.md §5). Every route but login needs an agent token. */
export function registerAgentRoutes(app: FastifyInstance, options: AgentRouteOptions): void {
  const { hub, logger } = options;
  const agentOf = (request: FastifyRequest): Promise<AgentIdentity> => hub.authenticate(bearerOf(request));

  app.post(`${PREFIX}/login`, async (request) => {
    const { username, password } = parseWith(loginBodySchema, request.body, 'invalid_login');
    return hub.login(username, password, request.ip);
  });

  app.post(`${PREFIX}/logout`, async (request, reply) => {
    await hub.logout(await agentOf(request));
    return reply.status(204).send();
  });

  app.get(`${PREFIX}/me`, async (request) => {
    const agent = await agentOf(request);
    return { agent, status: await hub.status(agent) };
  });

  app.post(`${PREFIX}/status`, async (request) => {
    const agent = await agentOf(request);
    const { status } = parseWith(statusBodySchema, request.body, 'invalid_status');
    await hub.setStatus(agent, status);
    return { status };
  });

  app.get(`${PREFIX}/queue`, async (request) => hub.queueView(await agentOf(request)));

  app.get(`${PREFIX}/quick-replies`, async (request) => {
    await agentOf(request);
    return { quickReplies: await hub.quickReplies() };
  });

  app.get(`${PREFIX}/conversations/:conversationId`, async (request) => {
    const agent = await agentOf(request);
    const { conversationId } = parseWith(conversationParamsSchema, request.params, 'invalid_conversation');
    return hub.conversation(agent, conversationId);
  });

  app.post(`${PREFIX}/conversations/:conversationId/accept`, async (request) => {
    const agent = await agentOf(request);
    const { conversationId } = parseWith(conversationParamsSchema, request.params, 'invalid_conversation');
    return { session: await hub.accept(agent, conversationId) };
  });

  app.post(`${PREFIX}/conversations/:conversationId/messages`, async (request) => {
    const agent = await agentOf(request);
    const { conversationId } = parseWith(conversationParamsSchema, request.params, 'invalid_conversation');
    const { text } = parseWith(messageBodySchema, request.body, 'invalid_message');
    return { record: await hub.sendMessage(agent, conversationId, text) };
  });

  app.post(`${PREFIX}/conversations/:conversationId/transfer`, async (request) => {
    const agent = await agentOf(request);
    const { conversationId } = parseWith(conversationParamsSchema, request.params, 'invalid_conversation');
    const { to } = parseWith(transferBodySchema, request.body, 'invalid_transfer');
    return { session: await hub.transfer(agent, conversationId, to) };
  });

  app.post(`${PREFIX}/conversations/:conversationId/close`, async (request) => {
    const agent = await agentOf(request);
    const { conversationId } = parseWith(conversationParamsSchema, request.params, 'invalid_conversation');
    const { resolution } = parseWith(closeBodySchema, request.body, 'invalid_close');
    return hub.close(agent, conversationId, resolution);
  });

  app.get(`${PREFIX}/customers/:customerId`, async (request) => {
    await agentOf(request);
    const { customerId } = parseWith(customerParamsSchema, request.params, 'invalid_customer');
    return hub.customer(customerId);
  });

  app.post(`${PREFIX}/customers/:customerId/tags`, async (request) => {
    await agentOf(request);
    const { customerId } = parseWith(customerParamsSchema, request.params, 'invalid_customer');
    const { tag } = parseWith(tagBodySchema, request.body, 'invalid_tag');
    return hub.addTag(customerId, tag);
  });

  app.delete(`${PREFIX}/customers/:customerId/tags/:tag`, async (request) => {
    await agentOf(request);
    const { customerId, tag } = parseWith(tagParamsSchema, request.params, 'invalid_tag');
    return hub.removeTag(customerId, tag);
  });

  app.post(`${PREFIX}/customers/:customerId/notes`, async (request) => {
    const agent = await agentOf(request);
    const { customerId } = parseWith(customerParamsSchema, request.params, 'invalid_customer');
    const { text } = parseWith(noteBodySchema, request.body, 'invalid_note');
    return hub.addNote(agent, customerId, text);
  });

  // Who opened each socket, found before the upgrade; a WeakMap so nothing outlives its request.
  const streamAgents = new WeakMap<FastifyRequest, AgentIdentity>();
  app.get(
    `${PREFIX}/stream`,
    {
      websocket: true,
      // Checked before the upgrade, so a refused console gets a JSON 401 instead of a socket.
      preValidation: async (request) => {
        const { token } = parseWith(streamQuerySchema, request.query, 'invalid_stream_query');
        streamAgents.set(request, await hub.authenticate(token));
      },
    },
    (socket, request) => {
      const agent = streamAgents.get(request);
      const { token } = streamQuerySchema.parse(request.query);
      if (!agent) {
        socket.close(1011, 'not authenticated');
        return;
      }
      void streamToAgent(socket, { hub, agent, token, logger });
    },
  );
}

/**
 * Feeds one console: the hub's frames as JSON, a ping every heartbeat (a console that stops answering is cut
 * off, and its presence then lapses by itself), and the presence renewed while the socket lives. When the
 * token is refused (expired, or its account gone) the socket is closed with 4001, and the console asks the
 * agent to log in again.
 */
async function streamToAgent(
  socket: WebSocket,
  options: { hub: AgentHub; agent: AgentIdentity; token: string; logger: Logger },
): Promise<void> {
  const { hub, agent, token, logger } = options;
  let closed = false;
  let alive = true;
  let stopWatching: (() => void) | undefined;

  const send = (frame: unknown) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
  const heartbeat = setInterval(() => {
    if (!alive) {
      socket.terminate();
      return;
    }
    alive = false;
    socket.ping();
    void (async () => {
      try {
        await hub.authenticate(token);
      } catch (error) {
        // Only a refusal of the token ends the stream; a store that cannot answer this once (Redis away)
        // says nothing about the agent, and the next heartbeat asks again.
        if (!(error instanceof HandoffError) || error.statusCode !== 401) throw error;
        socket.close(4001, error.code === 'token_expired' ? 'token expired' : 'token invalid');
        return;
      }
      await hub.heartbeat(agent);
    })().catch((error: unknown) =>
      logger.warn({ err: error, agent: agent.username }, 'agent heartbeat failed'),
    );
  }, hub.heartbeatIntervalMs);

  const stop = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    stopWatching?.();
  };
  socket.on('pong', () => (alive = true));
  socket.on('close', stop);
  socket.on('error', stop);
  // Consoles may send anything as a keep-alive; there is nothing to answer.
  socket.on('message', () => (alive = true));

  try {
    const unwatch = await hub.watch(agent, send);
    if (closed) unwatch();
    else stopWatching = unwatch;
  } catch (error) {
    logger.warn({ err: error, agent: agent.username }, 'agent stream could not start');
    socket.close(1011, 'stream unavailable');
    stop();
  }
}
