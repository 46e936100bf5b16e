import { randomFillSync } from 'node:crypto';

/**
 * Random ids from a pool of CSPRNG bytes (as crypto.randomUUID keeps one). crypto.randomBytes asks
 * OpenSSL for every call, ~3 µs for 8 bytes on an idle machine and far more under load, and a turn
 * makes ids (a storage eTag, a conversation id) every time: in a profile of a Redis-backed server under
 * load they were 2% of its CPU. The bytes are as random; each is handed out once.
 */
const POOL_BYTES = 4096;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** `bytes` random bytes (at most the pool's size) encoded as hex or base64url. */
export function randomId(bytes: number, encoding: 'hex' | 'base64url'): string {
  if (bytes <= 0 || bytes > POOL_BYTES)
    throw new RangeError(`randomId: 1 to ${POOL_BYTES} bytes, got ${bytes}`);
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString(encoding, offset, offset + bytes);
  // Overwritten as soon as it is handed out, so no id can be read back out of the pool later.
  pool.fill(0, offset, offset + bytes);
  offset += bytes;
  return id;
}
