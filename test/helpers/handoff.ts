import type { ConversationReference } from 'botbuilder';
import { WebSocket } from 'ws';
import type { HandoffContext } from '../../src/handoff/handoff-context';
import type { EscalationPriority } from '../../src/handoff/escalation-policy';
import { hashPassword } from '../../src/handoff/passwords';
import type { TurnRecord } from '../../src/storage/conversation-log';
import { getJson, postJson } from './server';

export interface TestAgent {
  username: string;
  displayName: string;
  password: string;
  maxConcurrentChats?: number;
}

/** KEFU_AGENTS for these agents (hashing takes a few tens of milliseconds each). */
export async function agentsEnv(agents: TestAgent[]): Promise<string> {
  const accounts = await Promise.all(
    agents.map(async (agent) => ({
      username: agent.username,
      displayName: agent.displayName,
      passwordHash: await hashPassword(agent.password),
      maxConcurrentChats: agent.maxConcurrentChats ?? 5,
    })),
  );
  return JSON.stringify(accounts);
}

/** A handoff context as the bot would build it, small but complete. */
export function handoffContext(
  conversationId: string,
  options: {
    priority?: EscalationPriority;
    language?: 'zh' | 'en';
    transcript?: TurnRecord[];
    customerId?: string;
    at?: Date;
  } = {},
): HandoffContext {
  const at = (options.at ?? new Date()).toISOString();
  const transcript = options.transcript ?? [
    { at, role: 'shopper', text: '我要找人工', intent: 'human.request', confidence: 0.9, sentiment: -0.2 },
    { at, role: 'bot', text: '好的，正在为您转接人工客服。' },
  ];
  return {
    conversationId,
    reason: 'explicit_request',
    priority: options.priority ?? 2,
    language: options.language ?? 'zh',
    summary: '顾客要求转人工。',
    escalatedAt: at,
    transcript,
    turns: transcript
      .filter((record) => record.role === 'shopper')
      .map(({ at: when, text, intent, confidence, sentiment }) => ({
        at: when,
        text,
        intent,
        confidence,
        sentiment,
      })),
    entities: [],
    ...(options.customerId ? { customer: { id: options.customerId, tags: [], notes: [], tickets: [] } } : {}),
  };
}

/** The conversation reference of a shopper on kefu's own Direct Line endpoint. */
export function directLineReference(conversationId: string, userId: string): Partial<ConversationReference> {
  return {
    channelId: 'directline',
    serviceUrl: 'urn:kefu:directline',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: 'directline' },
    user: { id: userId, role: 'user' } as ConversationReference['user'],
    bot: { id: 'kefu', name: 'kefu 客服', role: 'bot' } as ConversationReference['bot'],
  };
}

/** A Direct Line conversation started through the real endpoint: its id, the shopper's id and token. */
export async function startShopperConversation(
  base: string,
): Promise<{ conversationId: string; userId: string; token: string }> {
  const generated = await postJson(`${base}/demo/token`);
  const { conversationId, userId, token } = generated.body as {
    conversationId: string;
    userId: string;
    token: string;
  };
  const started = await postJson(`${base}/v3/directline/conversations`, {}, token);
  if (started.status !== 201 && started.status !== 200) {
    throw new Error(`could not start a conversation: ${started.status}`);
  }
  return { conversationId, userId, token };
}

export interface ShopperActivity {
  id: string;
  type: string;
  text?: string;
  from?: { id?: string; name?: string; role?: string };
  suggestedActions?: { actions: { title: string; value: string }[] };
}

export async function shopperActivities(
  base: string,
  conversationId: string,
  token: string,
): Promise<ShopperActivity[]> {
  const page = await getJson(`${base}/v3/directline/conversations/${conversationId}/activities`, token);
  return page.body.activities as ShopperActivity[];
}

export async function loginAgent(base: string, agent: TestAgent): Promise<string> {
  const response = await postJson(`${base}/api/agent/login`, {
    username: agent.username,
    password: agent.password,
  });
  if (response.status !== 200) throw new Error(`login of ${agent.username} failed: ${response.status}`);
  return response.body.token as string;
}

export interface AgentSocket {
  frames: Record<string, unknown>[];
  /** Settles when the server or the test closes the socket, with the close frame's code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** The console's WebSocket: every frame it receives, parsed. */
export async function openAgentStream(base: string, token: string): Promise<AgentSocket> {
  const url = `${base.replace(/^http/, 'ws')}/api/agent/stream?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(url);
  const frames: Record<string, unknown>[] = [];
  socket.on('message', (data: Buffer) =>
    frames.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>),
  );
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code: number, reason: Buffer) =>
      resolve({ code, reason: reason.toString('utf8') }),
    ),
  );
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return { frames, closed, close: () => socket.close() };
}
