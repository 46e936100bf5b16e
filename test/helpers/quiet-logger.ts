import { createLogger, type Logger } from '../../src/log/logger';

/** A logger for tests: silent unless KEFU_TEST_LOG is set to a level. */
export function testLogger(): Logger {
  return createLogger({ level: process.env.KEFU_TEST_LOG ?? 'silent', pretty: false });
}
