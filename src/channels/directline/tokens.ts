import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { LruMap } from '../../storage/lru-map';

/**
 * Direct Line tokens: compact HS256 JWTs bound to one conversation and one user, so a token leaked from
 * one chat opens no other. They are JWT-shaped because botframework-directlinejs decodes the token to find
 * an embedded user id.
 */

export type TokenKind = 'conversation' | 'stream';

export interface TokenClaims {
  /** The conversation this token opens, and no other. */
  conv: string;
  /** The user id every activity sent with this token carries. */
  user: string;
  /** `stream` tokens only open the WebSocket of streamUrl; they live briefly because they travel in a URL. */
  kind: TokenKind;
  iat: number;
  exp: number;
}

export type TokenProblem = 'malformed' | 'bad_signature' | 'expired' | 'wrong_kind';

export type TokenCheck = { ok: true; claims: TokenClaims } | { ok: false; problem: TokenProblem };

export interface IssuedToken {
  token: string;
  /** Seconds until the token expires, as Direct Line's `expires_in`. */
  expiresIn: number;
}

export interface DirectLineTokensOptions {
  /** DIRECTLINE_SECRET; without it a random per-process secret signs tokens. */
  secret?: string;
  ttlSeconds: number;
  streamTtlSeconds?: number;
  /** Seconds since the epoch; tests move it to expire tokens. */
  now?: () => number;
}

/** How many checked tokens are remembered (about 300 bytes each). */
const VERIFIED_TOKENS_KEPT = 10_000;

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

function base64url(text: string | Buffer): string {
  return Buffer.from(text).toString('base64url');
}

export class DirectLineTokens {
  /** True when DIRECTLINE_SECRET is set: token generation then needs it. */
  readonly secretConfigured: boolean;
  private readonly secret: Buffer | undefined;
  private readonly signingKey: Buffer;
  private readonly ttlSeconds: number;
  private readonly streamTtlSeconds: number;
  private readonly now: () => number;
  /**
   * Tokens whose signature was checked, with their claims: a client sends the same token with every
   * request, and an HMAC for each was a visible share of a turn's cost. Expiry is still checked each time.
   */
  private readonly verified = new LruMap<string, TokenClaims>(VERIFIED_TOKENS_KEPT);

  constructor(options: DirectLineTokensOptions) {
    this.secretConfigured = options.secret !== undefined;
    this.secret = options.secret === undefined ? undefined : Buffer.from(options.secret);
    // The signing key is derived rather than the secret itself, so a token never carries a MAC made
    // directly with the shared secret that also authorises token generation.
    this.signingKey = createHmac('sha256', options.secret ?? randomBytes(32))
      .update('kefu direct line token v1')
      .digest();
    this.ttlSeconds = options.ttlSeconds;
    this.streamTtlSeconds = options.streamTtlSeconds ?? Math.min(300, options.ttlSeconds);
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  issue(conversationId: string, userId: string, kind: TokenKind = 'conversation'): IssuedToken {
    const iat = this.now();
    const expiresIn = kind === 'stream' ? this.streamTtlSeconds : this.ttlSeconds;
    const claims: TokenClaims = { conv: conversationId, user: userId, kind, iat, exp: iat + expiresIn };
    const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
    return { token: `${body}.${this.sign(body)}`, expiresIn };
  }

  verify(token: string, kind: TokenKind = 'conversation'): TokenCheck {
    const known = this.verified.get(token);
    if (known) return this.checkClaims(known, kind);
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, problem: 'malformed' };
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return { ok: false, problem: 'bad_signature' };
    }
    const claims = parseClaims(parts[1]);
    if (!claims) return { ok: false, problem: 'malformed' };
    this.verified.set(token, claims);
    return this.checkClaims(claims, kind);
  }

  private checkClaims(claims: TokenClaims, kind: TokenKind): TokenCheck {
    if (claims.kind !== kind) return { ok: false, problem: 'wrong_kind' };
    if (claims.exp <= this.now()) return { ok: false, problem: 'expired' };
    return { ok: true, claims };
  }

  /** Whether a bearer value is DIRECTLINE_SECRET itself (constant time; always false when it is unset). */
  isSecret(value: string): boolean {
    if (!this.secret) return false;
    const given = Buffer.from(value);
    return given.length === this.secret.length && timingSafeEqual(given, this.secret);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.signingKey).update(body).digest('base64url');
  }
}

function parseClaims(part: string): TokenClaims | undefined {
  try {
    const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Partial<TokenClaims>;
    const valid =
      typeof value.conv === 'string' &&
      typeof value.user === 'string' &&
      (value.kind === 'conversation' || value.kind === 'stream') &&
      typeof value.iat === 'number' &&
      typeof value.exp === 'number';
    return valid ? (value as TokenClaims) : undefined;
  } catch {
    return undefined;
  }
}
