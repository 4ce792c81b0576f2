import { beforeAll, describe, expect, it } from 'vitest';
import { createTask, registerUser, type TestUser } from '../support/api.js';
import { expectInvalidBody } from '../support/problems.js';

// Every rule of the task schemas, each with a body that passes and one that fails.
const accepted: Array<[string, Record<string, unknown>]> = [
  ['a title of 1 character', { title: 'x' }],
  ['a title of 200 characters', { title: 't'.repeat(200) }],
  ['a title with spaces around words', { title: '  padded  ' }],
  ['a description of 5000 characters', { title: 'x', description: 'd'.repeat(5000) }],
  ['a null description', { title: 'x', description: null }],
  ['status todo', { title: 'x', status: 'todo' }],
  ['status in_progress', { title: 'x', status: 'in_progress' }],
  ['status done', { title: 'x', status: 'done' }],
  ['priority low', { title: 'x', priority: 'low' }],
  ['priority medium', { title: 'x', priority: 'medium' }],
  ['priority high', { title: 'x', priority: 'high' }],
  ['a UTC date-time due date', { title: 'x', dueDate: '2030-01-01T00:00:00Z' }],
  [
    'a due date with an offset and milliseconds',
    { title: 'x', dueDate: '2030-01-01T09:30:00.250+05:30' },
  ],
  ['a null due date', { title: 'x', dueDate: null }],
  // JSON Schema counts characters (code points), not UTF-16 units: 200 emoji are 200 characters.
  ['a title of 200 characters outside the BMP', { title: '🦀'.repeat(200) }],
];

const rejected: Array<[string, Record<string, unknown>, string[]]> = [
  ['no title', { description: 'x' }, ['/title']],
  ['an empty title', { title: '' }, ['/title']],
  ['a title of 201 characters', { title: 't'.repeat(201) }, ['/title']],
  ['a title of 201 characters outside the BMP', { title: '🦀'.repeat(201) }, ['/title']],
  ['a whitespace-only title', { title: ' \t\n ' }, ['/title']],
  ['a null title', { title: null }, ['/title']],
  ['a numeric title', { title: 42 }, ['/title']],
  [
    'a description of 5001 characters',
    { title: 'x', description: 'd'.repeat(5001) },
    ['/description'],
  ],
  ['a numeric description', { title: 'x', description: 7 }, ['/description']],
  ['an unknown status', { title: 'x', status: 'archived' }, ['/status']],
  ['a status in other case', { title: 'x', status: 'TODO' }, ['/status']],
  ['an unknown priority', { title: 'x', priority: 'urgent' }, ['/priority']],
  ['a date without a time as due date', { title: 'x', dueDate: '2030-01-01' }, ['/dueDate']],
  ['a date-time without an offset', { title: 'x', dueDate: '2030-01-01T00:00:00' }, ['/dueDate']],
  ['words as due date', { title: 'x', dueDate: 'tomorrow' }, ['/dueDate']],
  ['an impossible date as due date', { title: 'x', dueDate: '2030-02-30T00:00:00Z' }, ['/dueDate']],
  ['a number as due date', { title: 'x', dueDate: 1893456000000 }, ['/dueDate']],
  ['an unknown property', { title: 'x', tags: ['a'] }, ['/tags']],
  [
    'several violations at once',
    { title: '', status: 'archived', priority: 'urgent' },
    ['/title', '/status', '/priority'],
  ],
];

describe('POST /tasks validation', () => {
  let alice: TestUser;
  beforeAll(async () => {
    alice = await registerUser('validation');
  });

  it.each(accepted)('accepts %s', async (_, body) => {
    expect((await alice.api.post('/tasks', { json: body })).status).toBe(201);
  });

  it.each(rejected)('returns 422 for %s, pointing at the field', async (_, body, pointers) => {
    expectInvalidBody(await alice.api.post('/tasks', { json: body }), ...pointers);
  });
});

describe('PATCH /tasks/{id} validation', () => {
  let alice: TestUser;
  let id: string;
  beforeAll(async () => {
    alice = await registerUser('validation');
    id = (await createTask(alice)).task.id;
  });

  it.each(accepted)('accepts %s', async (_, body) => {
    expect((await alice.api.patch(`/tasks/${id}`, { json: body })).status).toBe(200);
  });

  it.each(rejected.filter(([name]) => name !== 'no title'))(
    'returns 422 for %s, pointing at the field',
    async (_, body, pointers) => {
      expectInvalidBody(await alice.api.patch(`/tasks/${id}`, { json: body }), ...pointers);
    },
  );

  it('accepts a change without a title: every field is optional', async () => {
    expect((await alice.api.patch(`/tasks/${id}`, { json: { status: 'done' } })).status).toBe(200);
  });
});

describe('POST /tasks with input a database may choke on', () => {
  let alice: TestUser;
  beforeAll(async () => {
    alice = await registerUser('validation');
  });

  // The contract documents no 500: whatever the server decides, it must be an answer it documents.
  it('answers a NUL character in the title with 201 (kept as sent) or 422, never a server error', async () => {
    const res = await alice.api.post('/tasks', { json: { title: 'nul\u0000byte' } });
    expect([201, 422]).toContain(res.status);
    if (res.status === 201) {
      expect((await alice.api.get(`/tasks/${res.body.id}`)).body.title).toBe('nul\u0000byte');
    }
  });

  it('answers a leap-second due date with 201 or 422, never a server error', async () => {
    const res = await alice.api.post('/tasks', {
      json: { title: 'x', dueDate: '2030-06-30T23:59:60Z' },
    });
    expect([201, 422]).toContain(res.status);
  });

  it('keeps text exactly as sent, whatever the script', async () => {
    const body = {
      title: 'Ünïcödé 漢字 🦀 "quotes" <b>',
      description: 'line one\nline two\ttab \\ backslash',
    };
    const res = await alice.api.post('/tasks', { json: body });
    expect(res.body).toMatchObject(body);
    expect((await alice.api.get(`/tasks/${res.body.id}`)).body).toMatchObject(body);
  });
});
