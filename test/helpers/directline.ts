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
