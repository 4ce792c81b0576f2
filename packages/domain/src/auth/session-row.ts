import { isIP } from 'node:net';
import type { Session } from '@rosetta/shared-contract';
import type { ClientInfo } from '../types.js';

/** The contract's bound on a stored `User-Agent`. */
const USER_AGENT_MAX = 512;

/** A session as the listing's statement returns it, named as the contract's properties. */
export interface SessionRow {
  id: string;
  current: boolean;
  createdAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
  userAgent: string | null;
  ipAddress: string | null;
}

export function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    current: row.current,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    userAgent: row.userAgent,
    ipAddress: row.ipAddress,
  };
}

/**
 * What is stored of the client that signed in. The user agent is kept as sent, cut to the contract's
 * length (and without NUL, which `text` cannot hold); an address that is not an IP address (from a
 * proxy header the server was told to trust, say) is not stored at all.
 */
export function clientColumns(client: ClientInfo): {
  userAgent: string | null;
  ipAddress: string | null;
} {
  const userAgent = client.userAgent?.replaceAll('\0', '').slice(0, USER_AGENT_MAX) || null;
  const ipAddress = client.ipAddress && isIP(client.ipAddress) !== 0 ? client.ipAddress : null;
  return { userAgent, ipAddress };
}
