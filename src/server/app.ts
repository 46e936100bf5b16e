import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
} from 'fastify';
import websocket from '@fastify/websocket';
import { channelErrors } from '../channels/channel-errors';
import type { KefuConfig } from '../config';
import { Refusal } from '../refusal';
import type { Logger } from '../log/logger';
import type { Nlu } from '../nlu/nlu';
import { isStorageUnavailable, type RedisClient } from '../storage/redis-client';
import { createChannels, type Channels, type HandoffOverrides } from './channels';
import { errorBody, storageUnavailable } from './http-errors';
import { registerJsonBodyParser } from './json-body';
import { registerAddressRateLimit } from './address-rate-limit';
import { registerAgentRoutes } from './routes/agent';
import { registerAgentConsoleRoutes } from './routes/agent-console';
import { registerBotFrameworkRoutes } from './routes/bot-framework';
import { registerDirectLineRoutes } from './routes/directline';
import { registerHealthRoutes } from './routes/health';
import { registerMetricsRoutes } from './routes/metrics';
import { registerWebRoutes } from './routes/web';
import { registerSecurityHeaders } from './security-headers';

/**
 * The largest message a client may send on a WebSocket (Direct Line stream, agent console). Clients send
 * only keep-alives there (empty frames, a ping); ws would otherwise buffer up to 100 MiB per message, a
 * memory any visitor with a token could fill. A larger message closes that socket with 1009.
 */
export const MAX_WEBSOCKET_MESSAGE_BYTES = 4096;

export interface AppDependencies {
  config: KefuConfig;
  logger: Logger;
  redis?: RedisClient;
  /** Extra routes or hooks, registered before the server listens (a shop's own endpoints, tests). */
  extend?: (app: FastifyInstance) => void;
  /** A trained NLU to share (training takes a second or two); trained here when absent. */
  nlu?: Nlu;
  /** The configured language model, loaded at start-up (startServer) so that a bad one stops the server there. */
  chatModel?: BaseChatModel;
  /** Changes to the agent hub's defaults (tests move its clock and tighten its limits). */
  handoff?: HandoffOverrides;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The bot and everything that reaches it, among them the agent hub (`channels.handoff`). */
    channels: Channels;
  }
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/** Headers are a few hundred bytes: a client that has not sent them in this long is not going to. */
const HEADERS_TIMEOUT_MS = 15_000;
/** How often the server checks for requests past REQUEST_TIMEOUT_MS or HEADERS_TIMEOUT_MS. */
const REQUEST_TIMEOUT_CHECK_MS = 1000;

/** A number of hops becomes the function form, the one Fastify's types accept for it. */
function trustProxyOption(setting: KefuConfig['trustProxy']) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

/** Builds the HTTP application without listening, so tests can start it on any port. */
export function buildApp(deps: AppDependencies): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // The client address for the per-address rate limits: the TCP peer, or X-Forwarded-For from a trusted proxy.
    trustProxy: trustProxyOption(deps.config.trustProxy),
    // Per-request lines are written at debug level by the onResponse hook below instead.
    logController: new LogController({ disableRequestLogging: true }),
    // Uploads are streamed by the multipart parser under their own limit (MAX_ATTACHMENT_BYTES).
    bodyLimit: deps.config.maxBodyBytes,
    // Fastify's default is no limit at all: a client sending a byte now and then kept its connection (and a
    // file descriptor) for ever, and a few thousand of them would lock every shopper out.
    requestTimeout: deps.config.requestTimeoutMs,
    http: {
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, deps.config.requestTimeoutMs),
      // How often node looks for requests past their time; its default of 30 s would let them run over by as much.
      connectionsCheckingInterval: REQUEST_TIMEOUT_CHECK_MS,
    },
    // Keep-alive sockets with no request in flight are closed on shutdown; busy ones finish first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // Bad URLs and over-long path parameters are answered before routing; give them the one error shape.
    frameworkErrors: (error, _request, reply) => {
      const body = errorBody(error.code.replace(/^FST_ERR_/, '').toLowerCase(), error.message);
      void (reply as FastifyReply)
        .status(error.statusCode ?? 400)
        .header('x-content-type-options', 'nosniff')
        .send(body);
    },
  });
  registerJsonBodyParser(app);

  // Responses finishing during shutdown tell the client to hang up, so keep-alive sockets do not hold
  // the close open until their idle timeout.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });

  app.addHook('onResponse', (request, reply, done) => {
    // Checked first: the entry (a split, a decode, an object) would otherwise be built on every request.
    if (!deps.logger.isLevelEnabled('debug')) {
      done();
      return;
    }
    request.log.debug(
      // The path only: a stream URL's query carries a token. Decoded, so the logger's masking sees a phone or
      // an e-mail that arrived percent-encoded.
      {
        method: request.method,
        url: safeDecode(request.url.split('?')[0]),
        statusCode: reply.statusCode,
        ms: reply.elapsedTime,
      },
      'request',
    );
    done();
  });

  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send(errorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`));
  });

  app.setErrorHandler((error: FastifyError | Refusal, request, reply) => {
    const unavailable = isStorageUnavailable(error);
    if (unavailable) request.log.warn({ err: error, url: request.url.split('?')[0] }, 'storage unavailable');
    const refusal = unavailable ? storageUnavailable() : error;
    if (refusal instanceof Refusal) {
      void reply
        .status(refusal.statusCode)
        .headers(refusal.headers)
        .send(errorBody(refusal.code, refusal.message));
      return;
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      void reply
        .status(status)
        .send(
          errorBody(
            'internal_error',
            'Something went wrong on our side; please retry. 服务器出了点问题，请重试。',
          ),
        );
      return;
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const refusal = channelErrors.bodyTooLarge(deps.config.maxBodyBytes);
      void reply.status(refusal.statusCode).send(errorBody(refusal.code, refusal.message));
      return;
    }
    // Fastify's own 4xx (bad JSON, body too large, wrong content type) carry a useful message and code.
    const code = (error.code ?? 'bad_request').replace(/^FST_ERR_/, '').toLowerCase();
    void reply.status(status).send(errorBody(code, error.message));
  });

  const { config, logger } = deps;
  registerSecurityHeaders(app, { corsOrigins: config.corsOrigins, behindHttps: config.behindHttps });
  registerHealthRoutes(app, deps);
  const channels = createChannels({
    config,
    logger,
    redis: deps.redis,
    nlu: deps.nlu,
    chatModel: deps.chatModel,
    handoff: deps.handoff,
  });
  app.decorate('channels', channels);
  registerAddressRateLimit(app, channels.stores.addressRateLimiter);
  app.addHook('onClose', async () => channels.close());
  void app.register(websocket, { options: { maxPayload: MAX_WEBSOCKET_MESSAGE_BYTES } });
  void app.register(async (scope) => {
    await registerDirectLineRoutes(scope, {
      service: channels.directLine,
      tokens: channels.tokens,
      activityLog: channels.stores.activityLog,
      logger: logger.child({ channel: 'directline' }),
      maxAttachmentBytes: config.maxAttachmentBytes,
    });
  });
  registerBotFrameworkRoutes(app, {
    adapter: channels.botFramework,
    bot: channels.bot,
    rateLimiter: channels.stores.rateLimiter,
    maxMessageLength: config.maxMessageLength,
    logger,
    measureTurn: (channelId, conversationId, work) =>
      channels.metrics.measureTurn(channelId, conversationId, work),
  });
  registerMetricsRoutes(app, channels.metrics, config.metricsToken);
  // Inside a plugin, so that it is registered after @fastify/websocket and its stream route gets a socket.
  void app.register(async (scope) => {
    registerAgentRoutes(scope, { hub: channels.handoff, logger: logger.child({ part: 'agent-api' }) });
  });
  registerAgentConsoleRoutes(app);
  if (config.demoPage) {
    registerWebRoutes(app, {
      tokens: channels.tokens,
      newConversationId: () => channels.directLine.newConversationId(),
    });
  }
  deps.extend?.(app);
  return app;
}
