import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/**
 * Agent tokens: `kefu-agent.<claims>.<signature>`, HMAC-SHA256 with a key shared by every instance
 * (HandoffStore.signingKey). Not JWT-shaped on purpose: a Direct Line token (a JWT) can never pass for one,
 * and these are never accepted where Direct Line tokens are.
 */

const MARK = 'kefu-agent';

const claimsSchema = z.object({
  /** The agent's username. */
  sub: z.string().min(1).max(64),
  iat: z.number().int(),
  exp: z.number().int(),
});
export type AgentTokenClaims = z.infer<typeof claimsSchema>;

export type AgentTokenCheck =
  { ok: true; claims: AgentTokenClaims } | { ok: false; problem: 'malformed' | 'bad_signature' | 'expired' };

export class AgentTokens {
  private readonly signingKey: Buffer;

  constructor(
    key: Buffer,
    private readonly ttlSeconds: number,
    /** Seconds since the epoch. */
    private readonly now: () => number,
  ) {
    // Derived, so the stored key is never used directly and another use of it could not mint tokens.
    this.signingKey = createHmac('sha256', key).update('kefu agent token v1').digest();
  }

  /** expiresIn is the token's whole lifetime, fixed at issue, so a slow caller cannot make it read one second short. */
  issue(username: string): { token: string; expiresAt: number; expiresIn: number } {
    const iat = this.now();
    const claims: AgentTokenClaims = { sub: username, iat, exp: iat + this.ttlSeconds };
    const body = `${MARK}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return { token: `${body}.${this.sign(body)}`, expiresAt: claims.exp, expiresIn: this.ttlSeconds };
  }

  verify(token: string): AgentTokenCheck {
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== MARK) return { ok: false, problem: 'malformed' };
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, problem: 'bad_signature' };
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    } catch {
      return { ok: false, problem: 'malformed' };
    }
    const claims = claimsSchema.safeParse(decoded);
    if (!claims.success) return { ok: false, problem: 'malformed' };
    if (claims.data.exp <= this.now()) return { ok: false, problem: 'expired' };
    return { ok: true, claims: claims.data };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.signingKey).update(body).digest('base64url');
  }
}
