import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operations } from '@rosetta/shared-contract';
import { documentedPairs, pairKey } from './contract.js';

/** What a target lets the suite do beyond plain HTTP; URL targets may lack some. */
export interface Capabilities {
  /**
   * The harness boots the target as one instance, so groups may boot instances of their own (behind a
   * cuttable database proxy, or with other settings). Not for URL targets, nor through `--instances`.
   */
  bootable: boolean;
  /** Admin credentials are known. */
  admin: boolean;
}

export interface Exclusion {
  pair: string;
  reason: string;
}

export interface Coverage {
  total: number;
  covered: number;
  missing: string[];
  excluded: Exclusion[];
  /** How often each documented pair was seen. */
  counts: Record<string, number>;
}

const adminOperations = ['listUsers', 'getUser', 'updateUser', 'deleteUser'];

/**
 * Pairs no test can reach on a correct server (the 500s), and pairs only tests that a target's missing
 * capabilities switch off can reach: they are left out of its coverage, and the report says so,
 * rather than failing it or counting as covered.
 */
export function unreachablePairs(capabilities: Capabilities): Exclusion[] {
  const excluded: Exclusion[] = [];
  // A 500 answers a bug: documented so that clients know its shape, but no request to a correct
  // server provokes one, so no target could ever cover it.
  for (const [operationId, operation] of Object.entries(operations)) {
    if ('500' in operation.responses) {
      excluded.push({
        pair: pairKey(operationId, 500),
        reason: 'answers only a bug in the server',
      });
    }
  }
  if (!capabilities.bootable) {
    // Every 503 (readiness, and each operation's `service_unavailable`) needs the database taken away,
    // which the suite can do only to an instance it boots behind its own proxy. A booted target must
    // reach them all (the database-outage group calls every operation while cut); a URL target cannot,
    // so they leave its coverage, named, instead of being a requirement nothing could meet.
    for (const [operationId, operation] of Object.entries(operations)) {
      if (!('503' in operation.responses)) continue;
      excluded.push({
        pair: pairKey(operationId, 503),
        reason:
          'needs an instance the suite boots behind a cuttable database proxy (one-instance runs)',
      });
    }
  }
  if (!capabilities.bootable) {
    // Two answers need a server the suite set up itself: a per-account limit on the current password
    // low enough to reach, and an instance whose only admin the suite controls.
    excluded.push(
      {
        pair: pairKey('updateMe', 429),
        reason: 'needs a per-account limit the suite sets only in instances it boots',
      },
      {
        pair: pairKey('deleteMe', 409),
        reason: "needs an instance whose only admin is the suite's, which it boots itself",
      },
    );
  }
  if (!capabilities.bootable) {
    // An operation a setting turns on (GET /metrics, METRICS_ENABLED) answers its other statuses only
    // where that setting is on: an instance the suite boots with it, which a URL target cannot be.
    for (const [operationId, operation] of Object.entries(operations)) {
      if (!operation.enabledBy) continue;
      for (const status of Object.keys(operation.responses)) {
        if (status === '404' || status === '500') continue;
        excluded.push({
          pair: pairKey(operationId, status),
          reason: `served only with ${operation.enabledBy} set, which the suite sets only in instances it boots`,
        });
      }
    }
  }
  if (!capabilities.admin) {
    for (const operationId of adminOperations) {
      for (const status of Object.keys(
        operations[operationId as keyof typeof operations].responses,
      )) {
        // 401 and 403 need no admin: no token, or a plain user's. 500s are left out above.
        if (status === '401' || status === '403' || status === '500') continue;
        excluded.push({ pair: pairKey(operationId, status), reason: 'needs admin credentials' });
      }
    }
  }
  return excluded;
}

/** Documented pairs against the pairs tests saw. */
export function computeCoverage(
  seen: ReadonlyMap<string, number>,
  excluded: readonly Exclusion[],
  documented: readonly string[] = documentedPairs(),
): Coverage {
  const excludedPairs = new Set(excluded.map((e) => e.pair));
  const counted = documented.filter((pair) => !excludedPairs.has(pair));
  const counts = Object.fromEntries(documented.map((pair) => [pair, seen.get(pair) ?? 0]));
  const missing = counted.filter((pair) => !seen.get(pair));
  return {
    total: counted.length,
    covered: counted.length - missing.length,
    missing,
    excluded: excluded.filter((e) => documented.includes(e.pair)),
    counts,
  };
}

/**
 * Each test worker appends the pairs its clients saw to its own file in the run directory; the CLI reads
 * them all after the run. Files, not worker messages, so a crashed worker still leaves its record.
 */
export function recordPair(runDir: string, operationId: string, status: number): void {
  const dir = join(runDir, 'pairs');
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify({ operationId, status })}\n`);
}

export function readPairs(runDir: string): Map<string, number> {
  const seen = new Map<string, number>();
  let files: string[];
  try {
    files = readdirSync(join(runDir, 'pairs')).filter((file) => file.endsWith('.jsonl'));
  } catch {
    return seen;
  }
  for (const file of files) {
    for (const line of readFileSync(join(runDir, 'pairs', file), 'utf8').split('\n')) {
      if (!line) continue;
      const { operationId, status } = JSON.parse(line) as { operationId: string; status: number };
      const key = pairKey(operationId, status);
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  return seen;
}
