import type { FastifyInstance } from 'fastify';
import { channelErrors } from '../channels/channel-errors';

/**
 * Deepest nesting a JSON body may have. Real activities (Adaptive Card values, channel data) stay well under
 * a dozen levels; a body nested thousands deep parses fine but later overflows the stack of every
 * JSON.stringify that meets it — when the activity is stored in Redis, or sent back on every read of its
 * conversation, poisoning the conversation for good.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests deeper than `limit`; iterative, so it cannot overflow the stack itself. */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    if (depth > limit) return true;
    for (const child of Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/** Fastify's own JSON parser (with its prototype-poisoning checks), refusing bodies nested too deep. */
export function registerJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    // parseAs 'string' hands over a string; the type allows a Buffer for parsers that ask for one.
    parse(request, body.toString(), (error, value) => {
      if (error) {
        done(error, undefined);
        return;
      }
      if (nestedDeeperThan(value, MAX_JSON_DEPTH)) {
        done(
          channelErrors.invalid('too_deeply_nested', `JSON nested deeper than ${MAX_JSON_DEPTH} levels`),
          undefined,
        );
        return;
      }
      done(null, value);
    });
  });
}
