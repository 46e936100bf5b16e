import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../log/logger';
import { startServer } from '../server/start';
import type { CliCommand } from './command';

export const startCommand: CliCommand = {
  name: 'start',
  summary: 'start the server (web chat, Direct Line, channels, agent console)',
  help: `Usage: kefu start

Starts the kefu server on PORT (default 3978). Settings come from the environment and the
file named by KEFU_CONFIG; see the configuration table in the README.
SIGINT/SIGTERM stop it gracefully: in-flight requests finish, Redis connections close.`,
  async run() {
    let config;
    try {
      config = loadConfig();
    } catch (error) {
      if (error instanceof ConfigError) {
        process.stderr.write(`${error.message}\n`);
        return 78; // EX_CONFIG: the configuration is wrong, not the program
      }
      throw error;
    }
    const logger = createLogger({ level: config.logLevel, pretty: config.logPretty });
    let server;
    try {
      server = await startServer(config, logger);
    } catch (error) {
      if (error instanceof ConfigError) {
        process.stderr.write(`${error.message}\n`);
        return 78;
      }
      throw error;
    }

    let signals = 0;
    const stop = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals > 1) {
        logger.warn(`${signal} again: exiting without waiting`);
        process.exit(130);
      }
      logger.info({ signal }, 'stop requested');
      // A stuck request must not keep the process alive for ever.
      setTimeout(() => {
        logger.error('graceful shutdown took longer than 10 s; exiting');
        process.exit(1);
      }, 10_000).unref();
      void server.shutdown().then(
        () => {
          logger.flush();
          process.exitCode = 0;
        },
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exitCode = 1;
        },
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    return undefined;
  },
};
