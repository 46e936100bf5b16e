import type { FastifyInstance } from 'fastify';
import { channelErrors } from '../channels/channel-errors';
import type { RateLimiter } from '../channels/directline/rate-limiter';

/**
 * What one client address may start: tokens, conversations and messages. The per-conversation limit
 * cannot stop a client that opens a new conversation for every message; this one can. GETs (polling,
 * the stream, attachments) are not counted: a busy poller costs little and would be refused first.
 */
function isCountedShopperRequest(method: string, url: string): boolean {
  return method === 'POST' && (url.startsWith('/v3/directline/') || url.startsWith('/demo/token'));
}

export function registerAddressRateLimit(app: FastifyInstance, limiter: RateLimiter): void {
  app.addHook('onRequest', async (request) => {
    if (!isCountedShopperRequest(request.method, request.url)) return;
    const decision = await limiter.hit(`ip:${request.ip}`);
    if (!decision.allowed) throw channelErrors.tooManyFromAddress(decision.retryAfterSeconds);
  });
}
