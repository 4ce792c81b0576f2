import { describe, expect, it } from 'vitest';
import { createTask, registerUser } from '../support/api.js';
import { expectProblem } from '../support/problems.js';

describe('GET /tasks/{id} with If-None-Match', () => {
  it('returns 304 with the ETag and no body while the ETag still matches', async () => {
    const alice = await registerUser('etag');
    const { task, etag } = await createTask(alice);
    const res = await alice.api.get(`/tasks/${task.id}`, { headers: { 'if-none-match': etag } });
    expect(res.status).toBe(304);
    expect(res.headers.get('etag')).toBe(etag);
    expect(res.text).toBe('');
  });

  it('returns 200 with the new representation once the task has changed', async () => {
    const alice = await registerUser('etag');
    const { task, etag } = await createTask(alice);
    const updated = await alice.api.patch(`/tasks/${task.id}`, { json: { title: 'Changed' } });
    const res = await alice.api.get(`/tasks/${task.id}`, { headers: { 'if-none-match': etag } });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Changed');
    expect(res.headers.get('etag')).toBe(updated.headers.get('etag'));
  });

  it('compares weakly, as RFC 9110 requires: W/ and lists of tags match too', async () => {
    const alice = await registerUser('etag');
    const { task, etag } = await createTask(alice);
    const weak = await alice.api.get(`/tasks/${task.id}`, {
      headers: { 'if-none-match': `W/${etag}` },
    });
    expect(weak.status).toBe(304);
    const list = await alice.api.get(`/tasks/${task.id}`, {
      headers: { 'if-none-match': `"no-such-tag", ${etag}` },
    });
    expect(list.status).toBe(304);
  });

  it("answers 404, not 304, for another user's task, whatever the ETag", async () => {
    const alice = await registerUser('etag');
    const bob = await registerUser('etag');
    const { task, etag } = await createTask(alice);
    expectProblem(
      await bob.api.get(`/tasks/${task.id}`, { headers: { 'if-none-match': etag } }),
      404,
      'not_found',
    );
    expectProblem(
      await bob.api.get(`/tasks/${task.id}`, { headers: { 'if-none-match': '*' } }),
      404,
      'not_found',
    );
  });
});

describe('PATCH /tasks/{id} with If-Match', () => {
  it('applies the change when If-Match is the current ETag', async () => {
    const alice = await registerUser('etag');
    const { task, etag } = await createTask(alice);
    const res = await alice.api.patch(`/tasks/${task.id}`, {
      json: { title: 'Mine' },
      headers: { 'if-match': etag },
    });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Mine');
  });

  it('returns 412 precondition_failed when If-Match is stale, and leaves the task alone', async () => {
    const alice = await registerUser('etag');
    const { task, etag } = await createTask(alice);
    const first = await alice.api.patch(`/tasks/${task.id}`, {
      json: { title: 'First' },
      headers: { 'if-match': etag },
    });
    expect(first.status).toBe(200);
    const second = await alice.api.patch(`/tasks/${task.id}`, {
      json: { title: 'Second' },
      headers: { 'if-match': etag },
    });
    expectProblem(second, 412, 'precondition_failed');
    expect((await alice.api.get(`/tasks/${task.id}`)).body.title).toBe('First');
  });

  it('treats If-Match * as matching any version', async () => {
    const alice = await registerUser('etag');
    const { task } = await createTask(alice);
    await alice.api.patch(`/tasks/${task.id}`, { json: { title: 'Moved on' } });
    const res = await alice.api.patch(`/tasks/${task.id}`, {
      json: { title: 'Any' },
      headers: { 'if-match': '*' },
    });
    expect(res.status).toBe(200);
  });

  it('matches any tag in a list', async () => {
    const alice = await registerUser('etag');
    const { task, etag } = await createTask(alice);
    const res = await alice.api.patch(`/tasks/${task.id}`, {
      json: { title: 'Listed' },
      headers: { 'if-match': `"999999", ${etag}` },
    });
    expect(res.status).toBe(200);
  });

  it('never matches a weak tag, even of the current version (strong comparison)', async () => {
    const alice = await registerUser('etag');
    const { task, etag } = await createTask(alice);
    const res = await alice.api.patch(`/tasks/${task.id}`, {
      json: { title: 'Weak' },
      headers: { 'if-match': `W/${etag}` },
    });
    expectProblem(res, 412, 'precondition_failed');
  });

  it('never matches a tag it did not issue', async () => {
    const alice = await registerUser('etag');
    const { task } = await createTask(alice);
    const res = await alice.api.patch(`/tasks/${task.id}`, {
      json: { title: 'Odd' },
      headers: { 'if-match': '"not-a-version"' },
    });
    expectProblem(res, 412, 'precondition_failed');
  });

  it('applies exactly one of two concurrent updates made with the same If-Match', async () => {
    const alice = await registerUser('etag');
    const { task, etag } = await createTask(alice);
    const results = await Promise.all(
      ['Left', 'Right'].map((title) =>
        alice.api.patch(`/tasks/${task.id}`, { json: { title }, headers: { 'if-match': etag } }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await alice.api.get(`/tasks/${task.id}`)).body.title).toBe(winner.body.title);
  });

  it("answers 404, not 412, for another user's task", async () => {
    const alice = await registerUser('etag');
    const bob = await registerUser('etag');
    const { task } = await createTask(alice);
    const res = await bob.api.patch(`/tasks/${task.id}`, {
      json: { title: 'x' },
      headers: { 'if-match': '"0"' },
    });
    expectProblem(res, 404, 'not_found');
  });
});
