import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { webDir } from '../../web/demo-page';

const FILES: Record<string, string> = {
  'agent.js': 'text/javascript; charset=utf-8',
  'agent.css': 'text/css; charset=utf-8',
};

/**
 * Only our own script and style, no inline code: shopper text is always put in as text, and should a bug
 * ever let some through as HTML, the browser still refuses to run it.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** `GET /agent`: the agent console, served whether or not the demo shop page is on. */
export function registerAgentConsoleRoutes(app: FastifyInstance): void {
  app.get('/agent', async (_request, reply) => {
    const page = await readFile(path.join(webDir(), 'agent.html'));
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(page);
  });

  app.get<{ Params: { file: string } }>('/agent/:file', async (request, reply) => {
    // Own keys only: `constructor` or `__proto__` would otherwise be found on Object.prototype.
    const contentType = Object.hasOwn(FILES, request.params.file) ? FILES[request.params.file] : undefined;
    if (!contentType) return reply.callNotFound();
    const body = await readFile(path.join(webDir(), request.params.file));
    return reply
      .type(contentType)
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(body);
  });
}
