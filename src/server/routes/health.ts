import type { FastifyInstance } from 'fastify';
import type { AppDependencies } from '../app';

export function registerHealthRoutes(app: FastifyInstance, deps: AppDependencies): void {
  app.get('/healthz', async (_request, reply) => {
    const redis = deps.redis ? (deps.redis.isReady ? 'up' : 'down') : 'off';
    // A server whose Redis is gone cannot serve conversations: say so, so a load balancer routes elsewhere.
    const healthy = redis !== 'down';
    return reply.status(healthy ? 200 : 503).send({ status: healthy ? 'ok' : 'degraded', redis });
  });
}
