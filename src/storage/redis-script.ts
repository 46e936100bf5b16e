import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-client';

type EvalOptions = { keys: string[]; arguments: string[] };
type ScriptReply = Awaited<ReturnType<RedisClient['eval']>>;

/** Every script defined in this process, so each new connection can load them before its first command. */
const scripts = new Set<RedisScript>();

/**
 * A Lua script run by its SHA-1 (EVALSHA) instead of by its text: a turn on Redis runs five or so scripts,
 * and sending each one's text every time (300–600 bytes) was a good part of the bytes written per turn,
 * each hashed again by Redis before it could look the script up.
 *
 * Every connection loads all scripts as its first command once it is ready (see `loadScripts`), so the
 * commands after it on that connection find them. A script still missing (an operator ran SCRIPT FLUSH)
 * is sent once more by its text. That retry goes out after commands sent in the meantime, so of two
 * appends racing a flush the later could land first; a flush is rare enough and an ordering mistake there
 * harmless enough (two bot lines swapped once) that preloading is the guard, not a lock.
 */
export class RedisScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
    scripts.add(this);
  }

  async run(redis: RedisClient, options: EvalOptions): Promise<ScriptReply> {
    try {
      return await redis.evalSha(this.sha, options);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      return redis.eval(this.source, options);
    }
  }
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}

/**
 * Loads every defined script on this connection. Called from its 'ready' handler, before anything else
 * can be sent on the new connection (commands are refused while it is not ready), so it is the first
 * command Redis sees on it.
 */
export function loadScripts(redis: RedisClient): Promise<unknown> {
  return Promise.all([...scripts].map((script) => redis.scriptLoad(script.source)));
}
