import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  operations,
  type JsonSchema,
  type OperationId,
  type ProblemCode,
} from '@rosetta/shared-contract';
import { recordFigures } from '../../src/figures.js';
import type { ApiClient, ApiResponse } from '../../src/client.js';
import {
  client,
  createTask,
  loginAdmin,
  registerUser,
  uniqueEmail,
  walk,
  type TestUser,
} from '../support/api.js';
import { capabilities, ctx } from '../support/context.js';
import {
  expectedRejection,
  hostileBody,
  hostileId,
  hostileQuery,
  isForgedCursor,
  jsonBody,
  validBody,
  validQuery,
  type FuzzRequest,
} from '../support/fuzz-requests.js';
import { fuzz, fuzzStats, send } from '../support/fuzzing.js';
import { label } from '../support/operations.js';

/**
 * Contract fuzzing: for every operation, `fuzzRuns` valid requests drawn from the contract's schemas
 * must be accepted, and as many hostile ones (invalid values, malformed, oversize, deeply nested or
 * duplicate-keyed JSON, prototype keys, NUL bytes, lone surrogates, injection strings, numbers past
 * their bounds) must get exactly the documented answer. Every response is checked against the
 * contract on the way in, so a 5xx, an undocumented status or a schema-invalid body fails the run.
 * At the end, nothing any request sent has changed who anyone is or who owns what.
 */

/** Generous: two properties of `fuzzRuns` requests each, some hashing a password on a shared CPU. */
const TIMEOUT_MS = 60_000 + ctx.reliability.fuzzRuns * 1_000;

const codes: Record<number, ProblemCode> = {
  400: 'malformed_json',
  404: 'not_found',
  413: 'payload_too_large',
  422: 'validation_failed',
};

let user: TestUser;
let other: TestUser;
let admin: TestUser | undefined;
/** The fuzzed user's task that updates land on, and every task fuzzing created for them. */
let ownTaskId: string;
const createdTaskIds: string[] = [];

beforeAll(async () => {
  [user, other] = await Promise.all([registerUser('fuzz'), registerUser('fuzz-other')]);
  if (capabilities.admin) admin = await loginAdmin();
  ownTaskId = (await createTask(user)).task.id;
}, 60_000);

afterAll(() => {
  recordFigures(ctx.runDir, 'fuzzing', {
    seed: ctx.reliability.seed,
    runsPerProperty: ctx.reliability.fuzzRuns,
    properties: fuzzStats.properties,
    requests: fuzzStats.requests,
    statuses: fuzzStats.statuses,
    answersDigest: fuzzStats.answers.digest('hex').slice(0, 16),
  });
});

/**
 * Sends the request and checks its answer: the contract's rejection when there is one, with its code,
 * else `expected` (a status, or the statuses the domain may choose between).
 */
async function answer(
  api: ApiClient,
  operationId: OperationId,
  request: FuzzRequest,
  expected: number | number[],
): Promise<ApiResponse> {
  const rejection = expectedRejection(operationId, request);
  const res = await send(api, operationId, request);
  if (rejection) {
    expect({ status: res.status, code: res.body?.code }).toEqual({
      status: rejection,
      code: codes[rejection],
    });
  } else {
    expect([expected].flat(), `answered ${res.status}: ${res.text.slice(0, 300)}`).toContain(
      res.status,
    );
  }
  return res;
}

const spec = (operationId: OperationId) => operations[operationId];
const body = (operationId: OperationId): JsonSchema => spec(operationId).body!;
const query = (operationId: OperationId): JsonSchema => spec(operationId).query!;
const randomUuid = fc.uuid();

/**
 * A listing's answer to a query the schemas accept: 200, except that a cursor it never issued is a
 * 422, and a forged one may be either, as long as it is never a 500.
 */
function listingAnswer(request: FuzzRequest): number | number[] {
  const cursor = request.query?.find(([name]) => name === 'cursor')?.[1];
  if (cursor === undefined) return 200;
  return isForgedCursor(cursor) ? [200, 422] : 422;
}

/** The spellings of a uuid the contract's `format: uuid` accepts: as issued, upper case, and as a URN. */
const idForms = fc.constantFrom('as issued', 'upper case', 'urn');
function spell(id: string, form: string): string {
  return form === 'upper case' ? id.toUpperCase() : form === 'urn' ? `urn:uuid:${id}` : id;
}

/** Hostile requests for an operation: exactly one of its parts made hostile, the others valid. */
function hostile(
  operationId: OperationId,
  validId: fc.Arbitrary<string>,
): fc.Arbitrary<FuzzRequest> {
  const { params, query: q, body: b } = spec(operationId);
  type Parts = { [K in 'id' | 'query' | 'body']: fc.Arbitrary<FuzzRequest[K]> };
  const valid: Parts = {
    id: params ? validId : fc.constant(undefined),
    query: fc.constant(undefined),
    body: b ? validBody(b).map((v) => jsonBody('valid', v)) : fc.constant(undefined),
  };
  const variant = (why: string, part: Partial<Parts>) =>
    fc.record({ ...valid, ...part, why: fc.constant(why) }) as fc.Arbitrary<FuzzRequest>;
  const variants: fc.Arbitrary<FuzzRequest>[] = [];
  if (params) variants.push(variant('hostile id', { id: hostileId }));
  if (b) variants.push(variant('hostile body', { body: hostileBody(b) }));
  // Unknown names are ignored where the operation takes no query; invalid values where it does.
  variants.push(variant('hostile query', { query: hostileQuery(q ?? {}) }));
  return fc.oneof(...variants);
}

describe(`${label('register')} (fuzzed)`, () => {
  it(
    'registers every valid body as a plain user, and answers every hostile one as documented',
    async () => {
      await fuzz('register', validBody(body('register')), async (value) => {
        // A valid body must also be a new email to be accepted.
        const fresh = { ...value, email: uniqueEmail('fuzz') };
        const res = await answer(
          client(),
          'register',
          { why: 'valid', body: jsonBody('valid', fresh) },
          201,
        );
        expect(res.body.user.role).toBe('user');
      });
      await fuzz('register', hostile('register', randomUuid), async (request) => {
        const res = await answer(client(), 'register', request, [201, 409]);
        if (res.status === 201) expect(res.body.user.role).toBe('user');
      });
    },
    TIMEOUT_MS,
  );
});

describe(`${label('login')} (fuzzed)`, () => {
  it(
    'signs in with real credentials, refuses others with 401, and answers hostile bodies as documented',
    async () => {
      const valid = fc.tuple(validBody(body('login')), fc.boolean());
      await fuzz(
        'login',
        valid.map(([value, real]) => ({ why: real ? 'valid, real' : 'valid', value, real })),
        async ({ value, real }) => {
          // Unknown credentials: a fresh prefix keeps a generated email from naming an account made earlier.
          const credentials = real
            ? { email: user.email, password: user.password }
            : { ...value, email: `${randomBytes(4).toString('hex')}.${String(value.email)}` };
          const res = await answer(
            client(),
            'login',
            { why: 'valid', body: jsonBody('valid', credentials) },
            real ? 200 : 401,
          );
          if (real) expect(res.body.user).toMatchObject({ id: user.user.id, role: 'user' });
        },
      );
      await fuzz('login', hostile('login', randomUuid), (request) =>
        answer(client(), 'login', request, [200, 401]).then(() => undefined),
      );
    },
    TIMEOUT_MS,
  );
});

for (const operationId of ['refresh', 'logout'] as const) {
  describe(`${label(operationId)} (fuzzed)`, () => {
    it(
      'answers every valid and every hostile body as documented',
      async () => {
        const expected = operationId === 'refresh' ? 401 : 204;
        await fuzz(operationId, validBody(body(operationId)), (value) =>
          answer(
            client(),
            operationId,
            { why: 'valid', body: jsonBody('valid', value) },
            expected,
          ).then(() => undefined),
        );
        await fuzz(operationId, hostile(operationId, randomUuid), (request) =>
          answer(client(), operationId, request, expected).then(() => undefined),
        );
      },
      TIMEOUT_MS,
    );
  });
}

describe(`${label('updateMe')} (fuzzed)`, () => {
  it(
    'applies every valid change, and answers every hostile body as documented',
    async () => {
      const me = await registerUser('fuzz-me');
      let password = me.password;
      await fuzz('updateMe', validBody(body('updateMe')), async (value) => {
        const change =
          value.password === undefined ? value : { ...value, currentPassword: password };
        const res = await answer(
          me.api,
          'updateMe',
          { why: 'valid', body: jsonBody('valid', change) },
          200,
        );
        if (typeof change.password === 'string') password = change.password;
        expect(res.body).toMatchObject({
          id: me.user.id,
          role: 'user',
          ...(change.name ? { name: change.name } : {}),
        });
      });
      await fuzz('updateMe', hostile('updateMe', randomUuid), async (request) => {
        await answer(me.api, 'updateMe', request, [200, 403]);
      });
      const after = await me.api.get('/users/me');
      expect(after.body).toMatchObject({ id: me.user.id, role: 'user' });
    },
    TIMEOUT_MS,
  );
});

describe(`${label('createTask')} (fuzzed)`, () => {
  it(
    'creates every valid task as sent, for its creator, and answers every hostile body as documented',
    async () => {
      await fuzz('createTask', validBody(body('createTask')), async (value) => {
        const res = await answer(
          user.api,
          'createTask',
          { why: 'valid', body: jsonBody('valid', value) },
          201,
        );
        createdTaskIds.push(res.body.id);
        const { dueDate: _due, ...rest } = value;
        expect(res.body).toMatchObject(rest);
      });
      await fuzz('createTask', hostile('createTask', randomUuid), async (request) => {
        const res = await answer(user.api, 'createTask', request, 201);
        if (res.status === 201) createdTaskIds.push(res.body.id);
      });
    },
    TIMEOUT_MS,
  );
});

describe(`${label('listTasks')} (fuzzed)`, () => {
  it(
    'lists only matching tasks for every valid query, and answers every hostile query as documented',
    async () => {
      const { cursor: _cursor, ...properties } = query('listTasks').properties as Record<
        string,
        JsonSchema
      >;
      const valid = validQuery({ ...query('listTasks'), properties });
      await fuzz(
        'listTasks',
        valid.map((pairs) => ({ why: 'valid', query: pairs })),
        async (request) => {
          const res = await answer(user.api, 'listTasks', request, 200);
          const filters = Object.fromEntries(request.query!);
          for (const task of res.body.data) {
            if (filters.status) expect(task.status).toBe(filters.status);
            if (filters.priority) expect(task.priority).toBe(filters.priority);
            // How non-ASCII letters fold depends on the database's locale, which the contract leaves
            // open; ASCII text (LIKE's `%` and `_` among it) must be found literally, ignoring case.
            if (filters.q && /^[\x20-\x7e]*$/.test(filters.q)) {
              const haystack = `${task.title}\n${task.description ?? ''}`;
              const q = filters.q;
              expect(
                haystack.toLowerCase().includes(q.toLowerCase()) ||
                  haystack.toUpperCase().includes(q.toUpperCase()),
                `"${q}" in ${haystack}`,
              ).toBe(true);
            }
          }
          expect(res.body.data.length).toBeLessThanOrEqual(Number(filters.limit ?? 20));
          // The cursor it issued, after whatever the fuzzed tasks hold, must lead to the next page.
          if (res.body.nextCursor !== null) {
            const next = [
              ...request.query!.filter(([name]) => name !== 'cursor'),
              ['cursor', res.body.nextCursor],
            ];
            await answer(
              user.api,
              'listTasks',
              { why: 'next page', query: next as Array<[string, string]> },
              200,
            );
          }
        },
      );
      await fuzz('listTasks', hostile('listTasks', randomUuid), async (request) => {
        await answer(user.api, 'listTasks', request, listingAnswer(request));
      });
    },
    TIMEOUT_MS,
  );
});

describe(`${label('getTask')} (fuzzed)`, () => {
  it(
    "answers 200 for the caller's task, 404 for any other id, and 422 or 404 for ids that are not uuids",
    async () => {
      const ids = fc.constantFrom('own', 'other', 'random');
      await fuzz(
        'getTask',
        fc
          .tuple(ids, idForms)
          .map(([whose, form]) => ({ why: `valid, ${whose}, ${form}`, whose, form })),
        async ({ whose, form }) => {
          const id =
            whose === 'own'
              ? ownTaskId
              : whose === 'other'
                ? (await createTask(other)).task.id
                : crypto.randomUUID();
          await answer(
            user.api,
            'getTask',
            { why: whose, id: spell(id, form) },
            whose === 'own' ? 200 : 404,
          );
        },
      );
      await fuzz('getTask', hostile('getTask', randomUuid), (request) =>
        answer(user.api, 'getTask', request, 404).then(() => undefined),
      );
    },
    TIMEOUT_MS,
  );
});

describe(`${label('updateTask')} (fuzzed)`, () => {
  it(
    "applies every valid change to the caller's task, and answers every hostile request as documented",
    async () => {
      await fuzz('updateTask', validBody(body('updateTask')), async (value) => {
        const res = await answer(
          user.api,
          'updateTask',
          { why: 'valid', id: ownTaskId, body: jsonBody('valid', value) },
          200,
        );
        const { dueDate: _due, ...rest } = value;
        expect(res.body).toMatchObject({ id: ownTaskId, ...rest });
      });
      await fuzz('updateTask', hostile('updateTask', fc.constant(ownTaskId)), (request) =>
        answer(user.api, 'updateTask', request, 200).then(() => undefined),
      );
    },
    TIMEOUT_MS,
  );
});

describe(`${label('deleteTask')} (fuzzed)`, () => {
  it(
    "deletes the caller's task, answers 404 for any other id, and answers hostile requests as documented",
    async () => {
      const ids = fc.constantFrom('own', 'other', 'random');
      await fuzz(
        'deleteTask',
        fc
          .tuple(ids, idForms)
          .map(([whose, form]) => ({ why: `valid, ${whose}, ${form}`, whose, form })),
        async ({ whose, form }) => {
          const id =
            whose === 'own'
              ? (await createTask(user)).task.id
              : whose === 'other'
                ? (await createTask(other)).task.id
                : crypto.randomUUID();
          await answer(
            user.api,
            'deleteTask',
            { why: whose, id: spell(id, form) },
            whose === 'own' ? 204 : 404,
          );
        },
      );
      await fuzz('deleteTask', hostile('deleteTask', randomUuid), (request) =>
        answer(user.api, 'deleteTask', request, 404).then(() => undefined),
      );
    },
    TIMEOUT_MS,
  );
});

describe(`${label('getMe')} and ${label('deleteMe')} (fuzzed)`, () => {
  it(
    'ignore unknown query parameters, hostile or not',
    async () => {
      await fuzz('getMe', hostile('getMe', randomUuid), async (request) => {
        const res = await answer(user.api, 'getMe', request, 200);
        expect(res.body).toMatchObject({ id: user.user.id, role: 'user' });
      });
      await fuzz('deleteMe', hostile('deleteMe', randomUuid), async (request) => {
        const doomed = await registerUser('fuzz-doomed');
        await answer(doomed.api, 'deleteMe', request, 204);
      });
    },
    TIMEOUT_MS,
  );
});

describe.runIf(capabilities.admin)('admin operations (fuzzed)', () => {
  let subject: TestUser;
  beforeAll(async () => {
    subject = await registerUser('fuzz-subject');
  });

  it(
    `${label('listUsers')}: answers every valid and hostile query as documented`,
    async () => {
      const valid = validQuery({
        type: 'object',
        properties: { limit: (query('listUsers').properties as Record<string, JsonSchema>).limit },
      });
      await fuzz(
        'listUsers',
        valid.map((pairs) => ({ why: 'valid', query: pairs })),
        (request) => answer(admin!.api, 'listUsers', request, 200).then(() => undefined),
      );
      await fuzz('listUsers', hostile('listUsers', randomUuid), async (request) => {
        await answer(admin!.api, 'listUsers', request, listingAnswer(request));
      });
    },
    TIMEOUT_MS,
  );

  for (const operationId of ['getUser', 'updateUser', 'deleteUser'] as const) {
    it(
      `${label(operationId)}: answers every valid and hostile request as documented`,
      async () => {
        const ids = fc.constantFrom('subject', 'self', 'random');
        const valid = fc.tuple(
          ids,
          idForms,
          spec(operationId).body ? validBody(body(operationId)) : fc.constant(undefined),
        );
        await fuzz(
          operationId,
          valid.map(([whose, form, value]) => ({
            why: `valid, ${whose}, ${form}`,
            whose,
            form,
            value,
          })),
          async ({ whose, form, value }) => {
            const id =
              whose === 'subject'
                ? operationId === 'deleteUser'
                  ? (await registerUser('fuzz-gone')).user.id
                  : subject.user.id
                : whose === 'self'
                  ? admin!.user.id
                  : crypto.randomUUID();
            const success = operationId === 'deleteUser' ? 204 : 200;
            const selfAnswer = operationId === 'getUser' ? 200 : 409;
            const expected = whose === 'subject' ? success : whose === 'self' ? selfAnswer : 404;
            await answer(
              admin!.api,
              operationId,
              { why: whose, id: spell(id, form), body: value && jsonBody('valid', value) },
              expected,
            );
          },
        );
        await fuzz(operationId, hostile(operationId, randomUuid), (request) =>
          answer(admin!.api, operationId, request, 404).then(() => undefined),
        );
        const me = await admin!.api.get('/users/me');
        expect(me.body).toMatchObject({ id: admin!.user.id, role: 'admin' });
      },
      TIMEOUT_MS,
    );
  }
});

describe('operations without input (fuzzed)', () => {
  for (const operationId of ['getHealth', 'getReadiness', 'getOpenApi', 'getDocs'] as const) {
    it(
      `${label(operationId)} ignores unknown query parameters, hostile or not`,
      async () => {
        await fuzz(operationId, hostile(operationId, randomUuid), (request) =>
          answer(client(), operationId, request, 200).then(() => undefined),
        );
      },
      TIMEOUT_MS,
    );
  }
});

describe('after fuzzing', () => {
  it("no request changed the fuzzed user's id or role, or who owns their tasks", async () => {
    const me = await user.api.get('/users/me');
    expect(me.body).toMatchObject({ id: user.user.id, email: user.user.email, role: 'user' });
    for (const id of [ownTaskId, ...createdTaskIds.slice(0, 20)]) {
      expect((await user.api.get(`/tasks/${id}`)).status).toBe(200);
      expect((await other.api.get(`/tasks/${id}`)).status).toBe(404);
    }
    const { items } = await walk<{ id: string }>(other.api, '/tasks', { limit: 100 });
    const mine = new Set([ownTaskId, ...createdTaskIds]);
    const stolen = items.filter((t) => mine.has(t.id));
    expect(stolen).toEqual([]);
  }, 60_000);
});
