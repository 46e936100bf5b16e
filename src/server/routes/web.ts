import { randomId } from '../../random-id';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { DirectLineTokens } from '../../channels/directline/tokens';
import { createDemoCatalog } from '../../commerce/demo';
import { renderDemoPage, webChatBundlePath, webDir } from '../../web/demo-page';

export interface WebRouteOptions {
  tokens: DirectLineTokens;
  newConversationId: () => string;
}

const STATIC_FILES: Record<string, string> = {
  'shop.js': 'text/javascript; charset=utf-8',
  'shop.css': 'text/css; charset=utf-8',
};

/** `GET /`: the demo shop with Web Chat, its static files, and the token its visitors chat with. */
export function registerWebRoutes(app: FastifyInstance, options: WebRouteOptions): void {
  const page = renderDemoPage(createDemoCatalog());

  app.get('/', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(page),
  );

  app.get('/web/webchat.js', async (_request, reply) => {
    const bundle = webChatBundlePath();
    const { size } = await stat(bundle);
    return reply
      .type('text/javascript; charset=utf-8')
      .header('content-length', size)
      .header('cache-control', 'public, max-age=86400')
      .send(createReadStream(bundle));
  });

  app.get<{ Params: { file: string } }>('/web/:file', async (request, reply) => {
    // Own keys only: `constructor` or `__proto__` would otherwise be found on Object.prototype.
    const contentType = Object.hasOwn(STATIC_FILES, request.params.file)
      ? STATIC_FILES[request.params.file]
      : undefined;
    if (!contentType) return reply.callNotFound();
    const body = await readFile(path.join(webDir(), request.params.file));
    return reply.type(contentType).header('cache-control', 'no-cache').send(body);
  });

  // The demo page is its own shop backend: it hands each visitor a token for a new conversation, as a
  // shop's server would after calling tokens/generate with DIRECTLINE_SECRET.
  app.post('/demo/token', async () => {
    const conversationId = options.newConversationId();
    const userId = `dl_${randomId(9, 'base64url')}`;
    const issued = options.tokens.issue(conversationId, userId);
    return { conversationId, userId, token: issued.token, expires_in: issued.expiresIn };
  });
}
