import { loadChatModel } from '../llm/config';
import type { FastifyInstance } from 'fastify';
import type { KefuConfig } from '../config';
import type { Logger } from '../log/logger';
import { closeRedis, connectRedis, type RedisClient } from '../storage/redis-client';
import { buildApp, type AppDependencies } from './app';
import type { Channels } from './channels';

export interface RunningServer {
  app: FastifyInstance;
  /** The bound port (useful with PORT=0). */
  port: number;
  /** The bot, the channels and the agent hub (`channels.handoff`) this server runs. */
  channels: Channels;
  /** Stops accepting connections, lets in-flight requests finish, then closes Redis. Idempotent. */
  shutdown(): Promise<void>;
}

export async function startServer(
  config: KefuConfig,
  logger: Logger,
  extend?: AppDependencies['extend'],
  options: Pick<AppDependencies, 'nlu' | 'handoff'> = {},
): Promise<RunningServer> {
  // A configured model whose package or settings are missing stops the start here, with the reason,
  // before anything (a Redis connection) would keep the process alive.
  const chatModel = await loadChatModel(config);
  let redis: RedisClient | undefined;
  if (config.redisUrl) {
    redis = await connectRedis(config.redisUrl, logger.child({ part: 'redis' }));
  }
  const app = buildApp({
    config,
    logger,
    redis,
    extend,
    nlu: options.nlu,
    handoff: options.handoff,
    chatModel,
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ port, storage: redis ? 'redis' : 'memory' }, `kefu listening on http://localhost:${port}`);

  let closing: Promise<void> | undefined;
  const shutdown = () => {
    closing ??= (async () => {
      logger.info('shutting down: finishing in-flight requests');
      await app.close();
      if (redis) await closeRedis(redis);
      logger.info('shut down');
    })();
    return closing;
  };
  return { app, port, channels: app.channels, shutdown };
}
