import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Agent passwords as `scrypt$<salt hex>$<key hex>` (what `kefu hash-password` prints for KEFU_AGENTS).
 * The cost is fixed rather than written into the hash: every hash kefu makes uses it, and a verifier that
 * read it from the hash would let a tampered config choose a cheap one.
 */
const SCRYPT_OPTIONS: ScryptOptions = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, keyBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, SCRYPT_OPTIONS, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES);
  return `scrypt$${salt.toString('hex')}$${key.toString('hex')}`;
}

/** A hash no password matches, checked for unknown usernames so that they take as long as known ones. */
export const UNMATCHABLE_HASH = `scrypt$${'00'.repeat(SALT_BYTES)}$${'00'.repeat(KEY_BYTES)}`;

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const match = /^scrypt\$([0-9a-f]+)\$([0-9a-f]+)$/.exec(hash);
  if (!match || match[1].length % 2 !== 0 || match[2].length % 2 !== 0) return false;
  const expected = Buffer.from(match[2], 'hex');
  if (expected.length < 16 || expected.length > 128) return false;
  const actual = await derive(password, Buffer.from(match[1], 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}
