import { WebSocket } from 'ws';
import { postJson } from './server';

/** A new Direct Line conversation, as a shop's own site starts one: a token generated with the secret, then started. */
export interface SecretConversation {
  conversationId: string;
  token: string;
  streamUrl: string;
}

/** `directLine` is the server's `/v3/directline` URL; `user` names the shopper (only the secret may). */
export async function openWithSecret(
  directLine: string,
  secret: string,
  user?: string,
): Promise<SecretConversation> {
  const generated = await postJson(
    `${directLine}/tokens/generate`,
    user ? { user: { id: user } } : undefined,
    secret,
  );
  expect(generated.status).toBe(200);
  const { token, conversationId } = generated.body as { token: string; conversationId: string };
  const started = await postJson(`${directLine}/conversations`, {}, token);
  expect(started.status).toBe(201);
  return { conversationId, token, streamUrl: started.body.streamUrl as string };
}

/** A Direct Line WebSocket stream held open as Web Chat holds one. */
export interface ActivityStream<A> {
  /** The frames received so far, in order (keep-alive frames, which are empty, left out). */
  frames: { activities: A[]; watermark: string }[];
  /** Every activity of those frames, in order. */
  activities: A[];
  socket: WebSocket;
}

/** Opens a conversation's `streamUrl`; resolves once the socket is open, and collects what it receives. */
export async function openActivityStream<A>(streamUrl: string): Promise<ActivityStream<A>> {
  const socket = new WebSocket(streamUrl);
  const stream: ActivityStream<A> = { frames: [], activities: [], socket };
  socket.on('message', (data: Buffer) => {
    const text = data.toString('utf8');
    if (!text) return;
    const frame = JSON.parse(text) as { activities: A[]; watermark: string };
    stream.frames.push(frame);
    stream.activities.push(...frame.activities);
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return stream;
}

/** Resolves with the HTTP status the server refused a WebSocket upgrade with, or 101 when it opened. */
export function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}
