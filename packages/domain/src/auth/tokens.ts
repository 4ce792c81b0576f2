import { createHash, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { UUID_FORMAT } from '@rosetta/shared-contract';

const ALGORITHM = 'HS256';
export const ISSUER = 'rosetta';
export const AUDIENCE = 'rosetta-api';
/**
 * The header's `typ`, as RFC 9068 names access tokens: checked on every token, so a JWT this secret
 * signed for another purpose (RFC 8725 §3.11) is never taken for an access token.
 */
const TOKEN_TYPE = 'at+jwt';

export interface AccessTokenClaims {
  /** The user id. */
  sub: string;
  /** The login session (refresh-token family) this token belongs to. */
  sid: string;
}

/**
 * Issues and verifies access tokens. Algorithm, type, issuer and audience are pinned on both sides,
 * and an expiry is required, so neither `alg: none`, a token minted for another service or purpose, nor
 * one that never expires is accepted.
 */
export class AccessTokens {
  /**
   * The secret as a key object, made once. Given a string, jsonwebtoken first tries to read it as a
   * public key, catches the failure, then makes a secret key, on every call: a third of what
   * authenticating a request cost.
   */
  private readonly secret: KeyObject;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.secret = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  issue(claims: AccessTokenClaims): string {
    return jwt.sign({ sid: claims.sid }, this.secret, {
      algorithm: ALGORITHM,
      header: { alg: ALGORITHM, typ: TOKEN_TYPE },
      subject: claims.sub,
      issuer: ISSUER,
      audience: AUDIENCE,
      expiresIn: this.ttlSeconds,
    });
  }

  /** The claims of a valid token, or undefined for any invalid one (the reason is not the caller's business). */
  verify(token: string): AccessTokenClaims | undefined {
    try {
      const { header, payload } = jwt.verify(token, this.secret, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        complete: true,
      });
      if (
        header.typ !== TOKEN_TYPE ||
        typeof payload === 'string' ||
        // jsonwebtoken checks `exp` only when present; a token without one would never expire.
        typeof payload.exp !== 'number' ||
        typeof payload.sub !== 'string' ||
        typeof payload.sid !== 'string' ||
        // Claims go into queries on uuid columns: a well-signed token with junk in them is still invalid.
        !UUID_FORMAT.test(payload.sub) ||
        !UUID_FORMAT.test(payload.sid)
      ) {
        return undefined;
      }
      return { sub: payload.sub, sid: payload.sid };
    } catch {
      return undefined;
    }
  }
}

/** A new opaque refresh token: 256 random bits, URL-safe. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored for a refresh token. A fast hash suffices: the token itself has 256 bits of entropy. */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
