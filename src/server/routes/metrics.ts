import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bearerOf } from '../bearer';
import { HttpError } from '../http-errors';
import type { KefuMetrics } from '../metrics';

/** Constant time, so the token cannot be guessed a character at a time from response times. */
function carriesToken(request: FastifyRequest, token: string): boolean {
  const given = Buffer.from(bearerOf(request) ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `GET /metrics`: Prometheus text exposition of this server's registry (DESIGN.md §5). The figures say how
 * busy the shop is and how its agents do: with METRICS_TOKEN set, only the scraper holding it may read them.
 */
export function registerMetricsRoutes(app: FastifyInstance, metrics: KefuMetrics, token?: string): void {
  app.get('/metrics', async (request, reply) => {
    if (token !== undefined && !carriesToken(request, token)) {
      throw new HttpError(
        401,
        'unauthorized',
        'Send the METRICS_TOKEN as "Authorization: Bearer ...". 请在 "Authorization: Bearer ..." 中提供 METRICS_TOKEN。',
        { 'www-authenticate': 'Bearer realm="kefu metrics"' },
      );
    }
    const body = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).header('cache-control', 'no-store').send(body);
  });
}
