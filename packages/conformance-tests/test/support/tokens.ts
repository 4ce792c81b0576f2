import jwt from 'jsonwebtoken';
import { ctx } from './context.js';

export const ISSUER = 'rosetta';
export const AUDIENCE = 'rosetta-api';

interface Change {
  /** Claims to set; `undefined` removes one. */
  claims?: Record<string, unknown>;
  secret?: string;
  algorithm?: jwt.Algorithm;
  /** The header's `typ`; `undefined` removes it. Kept from the original token when not given. */
  typ?: string | undefined;
}

/**
 * Re-signs a token the server issued with one thing changed. Starting from a real token keeps every
 * claim the server relies on (a session id, say), so each case fails for the one reason it names.
 */
export function reissue(token: string, change: Change = {}): string {
  const secret = change.secret ?? ctx.jwtSecret;
  if (!secret) throw new Error('Re-signing needs the JWT secret; gate the test with runIf.');
  const algorithm = change.algorithm ?? 'HS256';
  const typ = 'typ' in change ? change.typ : jwt.decode(token, { complete: true })?.header.typ;
  return jwt.sign(payloadWith(token, change.claims), secret, {
    algorithm,
    header: { alg: algorithm, typ },
    noTimestamp: true,
  });
}

/** The same claims, unsigned (`alg: none`), which a server must never accept. */
export function unsigned(token: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(payloadWith(token))}.`;
}

/** Claims for a token that expired a minute ago. */
export function expiredClaims(): Record<string, number> {
  const now = Math.floor(Date.now() / 1000);
  return { iat: now - 960, exp: now - 60 };
}

function payloadWith(token: string, claims: Record<string, unknown> = {}): Record<string, unknown> {
  const payload = { ...(jwt.decode(token, { json: true }) ?? {}), ...claims };
  return Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined));
}
