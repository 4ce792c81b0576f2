import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { CreateTaskRequest, Task } from '@rosetta/shared-contract';
import { sleep } from '../../src/boot.js';
import type { ApiClient } from '../../src/client.js';
import { recordFigures } from '../../src/figures.js';
import { uniqueEmail, walk } from '../support/api.js';
import { capabilities, ctx } from '../support/context.js';
import { bounded, eventually, RECOVERY_TIMEOUT_MS, useOutageInstance } from '../support/outage.js';
import { expectProblem } from '../support/problems.js';

const WRITERS = 3;
/** Creates acknowledged before the cut, refused during it, and acknowledged after it, at least. */
const EACH_PHASE = 10;
const PRIORITIES = ['low', 'medium', 'high'] as const;

interface Attempt {
  sent: Required<Pick<CreateTaskRequest, 'title' | 'description' | 'priority'>>;
  status: number;
  id?: string;
}

/**
 * Writers that create tasks without pause until stopped, each answer checked as it comes: a 201 or a
 * 503 problem, promptly, and nothing else (no 500, no hang).
 */
function startWriters(api: ApiClient, tag: string) {
  const attempts: Attempt[] = [];
  let stopped = false;
  let sequence = 0;
  const write = async () => {
    while (!stopped) {
      const n = sequence++;
      const sent = {
        title: `ack-${tag}-${n}`,
        description: `written by the acknowledged-writes check, attempt ${n}`,
        priority: PRIORITIES[n % PRIORITIES.length]!,
      };
      const { res } = await bounded('POST /tasks', () => api.post<Task>('/tasks', { json: sent }));
      if (res.status === 201) {
        attempts.push({ sent, status: 201, id: res.body.id });
      } else {
        expectProblem(res, 503, 'service_unavailable');
        attempts.push({ sent, status: 503 });
        await sleep(20); // Refusals come fast; don't spin.
      }
    }
  };
  const done = Promise.all(Array.from({ length: WRITERS }, write));
  return {
    attempts,
    count: (status: number, from = 0) =>
      attempts.slice(from).filter((a) => a.status === status).length,
    async stop() {
      stopped = true;
      await done;
    },
    done,
  };
}

/** Waits until `condition` holds, failing (rather than hanging) when the writers died or time ran out. */
async function until(condition: () => boolean, what: string, writers: Promise<unknown>) {
  let failure: unknown;
  writers.catch((error: unknown) => (failure = error));
  const deadline = Date.now() + RECOVERY_TIMEOUT_MS;
  while (!condition()) {
    if (failure) throw failure;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Tasks written while the database comes and goes: every acknowledged one survives, whole. */
describe.runIf(capabilities.bootable)('database outage: acknowledged writes', () => {
  const instance = useOutageInstance('writes');

  it(
    'keeps every task whose create was acknowledged, and none half-written, across a cut',
    async () => {
      const { proxy, client } = instance.current;
      const registered = await client().post('/auth/register', {
        json: { email: uniqueEmail('writes'), password: 'long-enough-1', name: 'Writer' },
      });
      expect(registered.status).toBe(201);
      const api = client(registered.body.accessToken);
      const writers = startWriters(api, randomBytes(4).toString('hex'));
      try {
        await until(() => writers.count(201) >= EACH_PHASE, 'creates before the cut', writers.done);
        proxy.cut(); // While creates are in flight.
        const cutAt = writers.attempts.length;
        await until(() => writers.count(503, cutAt) >= EACH_PHASE, 'refusals', writers.done);
        proxy.restore();
        const restoredAt = writers.attempts.length;
        await until(() => writers.count(201, restoredAt) >= EACH_PHASE, 'recovery', writers.done);
      } finally {
        proxy.restore();
        await writers.stop();
      }
      expect((await eventually(api, '/health/ready', 200)).status).toBe(200);

      const acknowledged = writers.attempts.filter((a) => a.status === 201);
      const refused = writers.attempts.filter((a) => a.status === 503);
      for (const { id, sent } of acknowledged) {
        const res = await api.get<Task>(`/tasks/${id}`);
        expect(res.status, `acknowledged task ${sent.title}`).toBe(200);
        expect(res.body).toMatchObject(sent);
      }
      // Every stored task is one of ours and exactly what was sent. A refused create may still have
      // committed (the connection broke after the database received it); it must then be whole.
      const sentByTitle = new Map(writers.attempts.map((a) => [a.sent.title, a.sent]));
      const { items } = await walk<Task>(api, '/tasks', { limit: 100 });
      for (const task of items) expect(task).toMatchObject(sentByTitle.get(task.title) ?? {});
      expect(items.filter((t) => !sentByTitle.has(t.title))).toEqual([]);
      const stored = new Set(items.map((t) => t.title));
      expect(acknowledged.filter((a) => !stored.has(a.sent.title))).toEqual([]);
      expect(new Set(items.map((t) => t.title)).size, 'no task stored twice').toBe(items.length);

      recordFigures(ctx.runDir, 'database-outage-writes', {
        writesAcknowledged: acknowledged.length,
        writesRefused: refused.length,
        refusedButCommitted: refused.filter((a) => stored.has(a.sent.title)).length,
        acknowledgedMissing: acknowledged.filter((a) => !stored.has(a.sent.title)).length,
      });
    },
    3 * 60_000,
  );
});
