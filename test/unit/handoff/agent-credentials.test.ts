import { randomBytes } from 'node:crypto';
import { agentAccountSchema } from '../../../src/config';
import { AgentTokens } from '../../../src/handoff/agent-tokens';
import { hashPassword, UNMATCHABLE_HASH, verifyPassword } from '../../../src/handoff/passwords';
import { withinServiceHours } from '../../../src/handoff/service-hours';

describe('agent passwords', () => {
  it('hashes in the format KEFU_AGENTS accepts, and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse 电池');
    expect(hash).toMatch(/^scrypt\$[0-9a-f]{32}\$[0-9a-f]{64}$/);
    expect(() =>
      agentAccountSchema.parse({ username: 'ann', displayName: 'Ann', passwordHash: hash }),
    ).not.toThrow();
    expect(await verifyPassword('correct horse 电池', hash)).toBe(true);
    expect(await verifyPassword('correct horse', hash)).toBe(false);
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'));
  });

  it('matches nothing against a malformed or the placeholder hash', async () => {
    expect(await verifyPassword('', UNMATCHABLE_HASH)).toBe(false);
    expect(await verifyPassword('x', 'scrypt$zz$00')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$00$00')).toBe(false);
  });
});

describe('AgentTokens', () => {
  const key = randomBytes(32);
  let now = 1_000_000;
  const tokens = new AgentTokens(key, 8 * 3600, () => now);

  it('issues tokens that verify until they expire', () => {
    const { token, expiresAt } = tokens.issue('ann');
    expect(expiresAt).toBe(now + 8 * 3600);
    expect(tokens.verify(token)).toMatchObject({ ok: true, claims: { sub: 'ann' } });
    now += 8 * 3600;
    expect(tokens.verify(token)).toEqual({ ok: false, problem: 'expired' });
    now -= 8 * 3600;
  });

  it('refuses tampered tokens, tokens of another key and JWTs', () => {
    const { token } = tokens.issue('ann');
    const [mark, claims, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'boss', iat: now, exp: now + 10 })).toString(
      'base64url',
    );
    expect(tokens.verify(`${mark}.${forged}.${signature}`)).toEqual({ ok: false, problem: 'bad_signature' });
    expect(new AgentTokens(randomBytes(32), 60, () => now).verify(token)).toEqual({
      ok: false,
      problem: 'bad_signature',
    });
    expect(tokens.verify(`eyJhbGciOiJIUzI1NiJ9.${claims}.${signature}`)).toEqual({
      ok: false,
      problem: 'malformed',
    });
    expect(tokens.verify('')).toEqual({ ok: false, problem: 'malformed' });
  });
});

describe('withinServiceHours', () => {
  const policy = { serviceHours: { open: '09:00', close: '22:00' }, utcOffsetMinutes: 480 };
  it('uses the shop’s time zone and treats close as the end', () => {
    expect(withinServiceHours(new Date('2026-11-22T01:00:00Z'), policy)).toBe(true); // 09:00 in China
    expect(withinServiceHours(new Date('2026-11-22T00:59:00Z'), policy)).toBe(false);
    expect(withinServiceHours(new Date('2026-11-22T13:59:00Z'), policy)).toBe(true); // 21:59
    expect(withinServiceHours(new Date('2026-11-22T14:00:00Z'), policy)).toBe(false); // 22:00
  });
});
