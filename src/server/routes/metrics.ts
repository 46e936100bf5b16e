import type { FastifyInstance } from 'fastify';
import type { KefuMetrics } from '../metrics';

/** `GET /metrics`: Prometheus text exposition of this server's registry (DESIGN.md §5). */
export function registerMetricsRoutes(app: FastifyInstance, metrics: KefuMetrics): void {
  app.get('/metrics', async (_request, reply) => {
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).header('cache-control', 'no-store').send(body);
  });
}
