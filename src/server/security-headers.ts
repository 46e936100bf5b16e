import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './http-errors';

export interface SecurityHeaderOptions {
  /** Origins (CORS_ORIGINS) whose pages may call the Direct Line endpoints and frame the demo page. */
  corsOrigins: readonly string[];
  /** BEHIND_HTTPS: the site is only reached over HTTPS, so browsers may be told never to try plain HTTP. */
  behindHttps: boolean;
}

/** What a shop's page may call across origins: Web Chat only talks to Direct Line. */
const CORS_PREFIX = '/v3/directline/';
const CORS_METHODS = 'GET, POST, OPTIONS';
/** What botframework-directlinejs sends; a preflight asking for more is answered with this list only. */
const CORS_HEADERS = 'authorization, content-type, x-ms-bot-agent, x-requested-with';
const ONE_YEAR = 31_536_000;

/**
 * For JSON answers and uploaded files: nothing may run, load or frame. An uploaded "image" that is really
 * HTML is then inert even if a browser is talked into rendering it.
 */
const API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * The demo shop page runs Web Chat, which injects its styles at run time (hence 'unsafe-inline' for styles
 * only; scripts stay 'self'), shows pictures and uploads from blob: and data: URLs, and reads a file the
 * shopper picked through a blob: URL before uploading it.
 */
function demoPagePolicy(frameAncestors: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

/**
 * Security headers on every response, and CORS for the Direct Line endpoints.
 *
 * Framing: the agent console and the APIs may never be framed (X-Frame-Options DENY and frame-ancestors
 * 'none'). The demo page, the one page a shop might show inside its own site, may be framed by itself and by
 * the CORS_ORIGINS sites; a shop that embeds Web Chat directly does not need framing at all, only CORS.
 * Routes that need a stricter or different policy (the agent console) set their own, which wins.
 */
export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  const allowed = new Set(options.corsOrigins);
  const frameAncestors = ["'self'", ...options.corsOrigins].join(' ');
  const demoPolicy = demoPagePolicy(frameAncestors);

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = request.url.split('?')[0];
    void reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer');
    if (options.behindHttps) void reply.header('strict-transport-security', `max-age=${ONE_YEAR}`);
    if (path === '/') {
      void reply.header('content-security-policy', demoPolicy);
    } else {
      void reply.header('content-security-policy', API_POLICY).header('x-frame-options', 'DENY');
    }

    if (!path.startsWith(CORS_PREFIX)) return;
    const origin = request.headers.origin;
    // Answers differ by Origin, so a cache in between must not hand one site's answer to another.
    if (allowed.size > 0) void reply.header('vary', 'Origin');
    const permitted = origin !== undefined && allowed.has(origin);
    if (permitted) {
      void reply
        .header('access-control-allow-origin', origin)
        // Web Chat waits as long as Retry-After says when it is told to slow down.
        .header('access-control-expose-headers', 'Retry-After');
    }
    if (request.method !== 'OPTIONS') return;
    if (!permitted) {
      return reply
        .status(403)
        .send(errorBody('cors_origin_refused', 'This origin may not call the Direct Line endpoints.'));
    }
    return reply
      .status(204)
      .header('access-control-allow-methods', CORS_METHODS)
      .header('access-control-allow-headers', CORS_HEADERS)
      .header('access-control-max-age', '600')
      .send();
  });
}
