import { DirectLineTokens } from '../../../src/channels/directline/tokens';

describe('DirectLineTokens', () => {
  let now = 1_000_000;
  const tokens = new DirectLineTokens({
    secret: 'a-direct-line-secret-of-length',
    ttlSeconds: 600,
    now: () => now,
  });

  it('issues a token bound to its conversation and user that verifies until it expires', () => {
    const issued = tokens.issue('conv-A', 'dl_user');
    expect(issued.expiresIn).toBe(600);
    expect(tokens.verify(issued.token)).toEqual({
      ok: true,
      claims: { conv: 'conv-A', user: 'dl_user', kind: 'conversation', iat: now, exp: now + 600 },
    });
    now += 599;
    expect(tokens.verify(issued.token).ok).toBe(true);
    now += 1;
    expect(tokens.verify(issued.token)).toEqual({ ok: false, problem: 'expired' });
  });

  it('remembers a checked token without loosening the checks: kind and expiry still apply', () => {
    const issued = tokens.issue('conv-K', 'dl_user');
    expect(tokens.verify(issued.token).ok).toBe(true);
    expect(tokens.verify(issued.token, 'stream')).toEqual({ ok: false, problem: 'wrong_kind' });
    const other = new DirectLineTokens({
      secret: 'another-secret-entirely-here',
      ttlSeconds: 600,
      now: () => now,
    });
    expect(other.verify(issued.token)).toEqual({ ok: false, problem: 'bad_signature' });
    now += 600;
    expect(tokens.verify(issued.token)).toEqual({ ok: false, problem: 'expired' });
  });

  it('refuses a token whose claims were changed (another conversation) or whose signature was', () => {
    const issued = tokens.issue('conv-A', 'dl_user');
    const [header, payload, signature] = issued.token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, conv: 'conv-B' })).toString('base64url');
    expect(tokens.verify(`${header}.${forged}.${signature}`)).toEqual({
      ok: false,
      problem: 'bad_signature',
    });
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A');
    expect(tokens.verify(`${header}.${payload}.${flipped}`)).toEqual({ ok: false, problem: 'bad_signature' });
    expect(tokens.verify('not-a-token')).toEqual({ ok: false, problem: 'malformed' });
  });

  it('refuses tokens signed with another secret', () => {
    const other = new DirectLineTokens({
      secret: 'another-secret-of-some-length',
      ttlSeconds: 600,
      now: () => now,
    });
    expect(tokens.verify(other.issue('conv-A', 'u').token)).toEqual({ ok: false, problem: 'bad_signature' });
    // Without DIRECTLINE_SECRET each process signs with its own random secret.
    const randomA = new DirectLineTokens({ ttlSeconds: 600 });
    const randomB = new DirectLineTokens({ ttlSeconds: 600 });
    expect(randomB.verify(randomA.issue('c', 'u').token).ok).toBe(false);
    expect(randomA.verify(randomA.issue('c', 'u').token).ok).toBe(true);
  });

  it('keeps stream tokens (they travel in a URL) short-lived and apart from conversation tokens', () => {
    const stream = tokens.issue('conv-A', 'u', 'stream');
    expect(stream.expiresIn).toBe(300);
    expect(tokens.verify(stream.token, 'stream').ok).toBe(true);
    expect(tokens.verify(stream.token)).toEqual({ ok: false, problem: 'wrong_kind' });
    expect(tokens.verify(tokens.issue('conv-A', 'u').token, 'stream')).toEqual({
      ok: false,
      problem: 'wrong_kind',
    });
  });

  it('recognises the secret itself only when one is configured', () => {
    expect(tokens.isSecret('a-direct-line-secret-of-length')).toBe(true);
    expect(tokens.isSecret('a-direct-line-secret-of-lengtH')).toBe(false);
    expect(tokens.secretConfigured).toBe(true);
    const open = new DirectLineTokens({ ttlSeconds: 600 });
    expect(open.secretConfigured).toBe(false);
    expect(open.isSecret('')).toBe(false);
  });
});
