import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
} from 'fastify';
import type { KefuConfig } from '../config';
import type { Logger } from '../log/logger';
import type { RedisClient } from '../storage/redis-client';
import { errorBody, HttpError } from './http-errors';
import { registerHealthRoutes } from './routes/health';

export interface AppDependencies {
  config: KefuConfig;
  logger: Logger;
  redis?: RedisClient;
  /** Extra routes or hooks, registered before the server listens (a shop's own endpoints, tests). */
  extend?: (app: FastifyInstance) => void;
}

/** Largest request body accepted anywhere; routes that take less say so themselves. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** Builds the HTTP application without listening, so tests can start it on any port. */
export function buildApp(deps: AppDependencies): FastifyInstance {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // Per-request lines are written at debug level by the onResponse hook below instead.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Keep-alive sockets with no request in flight are closed on shutdown; busy ones finish first.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  });

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
    request.log.debug(
      { method: request.method, url: request.url, statusCode: reply.statusCode, ms: reply.elapsedTime },
      'request',
    );
    done();
  });

  app.setNotFoundHandler((request, reply) => {
    void reply
      .status(404)
      .send(errorBody('not_found', `No route for ${request.method} ${request.url.split('?')[0]}`));
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      void reply.status(error.statusCode).headers(error.headers).send(errorBody(error.code, error.message));
      return;
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      void reply
        .status(status)
        .send(errorBody('internal_error', 'Something went wrong on our side; please retry.'));
      return;
    }
    // Fastify's own 4xx (bad JSON, body too large, wrong content type) carry a useful message and code.
    const code = (error.code ?? 'bad_request').replace(/^FST_ERR_/, '').toLowerCase();
    void reply.status(status).send(errorBody(code, error.message));
  });

  registerHealthRoutes(app, deps);
  deps.extend?.(app);
  return app;
}
