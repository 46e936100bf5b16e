import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { maskLogObject, maskPersonalData } from './mask';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level: string;
  pretty: boolean;
  /** Where lines go; stderr by default so that CLI commands keep stdout for their output. */
  destination?: DestinationStream;
}

/**
 * The one logger of the process. Masking lives here, not at call sites: every string argument and every
 * field of every object is masked before pino serialises it, for this logger and all its children.
 */
export function createLogger(options: LoggerOptions): Logger {
  const destination =
    options.destination ??
    (options.pretty
      ? pretty({ destination: 2, sync: true, colorize: process.stderr.isTTY === true })
      : pino.destination({ dest: 2, sync: false }));
  return pino(
    {
      level: options.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => maskLogObject(object) as Record<string, unknown>,
        bindings: (bindings) => maskLogObject(bindings) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((arg) => (typeof arg === 'string' ? maskPersonalData(arg) : arg));
          method.apply(this, masked as Parameters<typeof method>);
        },
      },
      serializers: { err: (error: unknown) => maskLogObject(error) },
    },
    destination,
  );
}

/** A child logger that tags every line with the conversation it belongs to. */
export function conversationLogger(logger: Logger, conversationId: string): Logger {
  return logger.child({ conversationId });
}
