import { describe, expect, it } from 'vitest';
import { expectProblem, fakeDomain, session } from '@rosetta/test-support';
import { testApp } from '../support/app.js';

const login = { email: 'someone@rosetta.test', password: 'correct horse' };
const post = (headers: Record<string, string>, payload?: string) => ({
  method: 'POST' as const,
  url: '/auth/login',
  headers,
  ...(payload !== undefined && { payload }),
});

describe('request bodies', () => {
  // More attempts than the default auth rate limit allows one client.
  const { app } = testApp(fakeDomain({ auth: { login: async () => session } }), {
    authRateLimit: { max: 100, windowSeconds: 60 },
  });

  it('accepts application/json with a charset parameter', async () => {
    const res = await app.inject(
      post({ 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(login)),
    );
    expect(res.statusCode).toBe(200);
  });

  it('answers 415 for a body that is not application/json', async () => {
    const res = await app.inject(post({ 'content-type': 'text/plain' }, JSON.stringify(login)));
    expectProblem(res, 'unsupported_media_type');
  });

  it('answers 415 when the Content-Type is missing, with a body or without one', async () => {
    expectProblem(await app.inject(post({}, JSON.stringify(login))), 'unsupported_media_type');
    expectProblem(await app.inject(post({})), 'unsupported_media_type');
  });

  it('answers 415 for JSON in a charset other than UTF-8, or compressed', async () => {
    const latin1 = post({ 'content-type': 'application/json; charset=latin1' }, '{}');
    expectProblem(await app.inject(latin1), 'unsupported_media_type');
    const gzip = post({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, '{}');
    expectProblem(await app.inject(gzip), 'unsupported_media_type');
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await app.inject(post({ 'content-type': 'application/json' }, '{"email":'));
    expectProblem(res, 'malformed_json');
  });

  it('answers 400 for an empty body sent as JSON', async () => {
    const res = await app.inject(post({ 'content-type': 'application/json' }, ''));
    expectProblem(res, 'malformed_json');
  });

  it('answers 422 naming a __proto__ or constructor key, which is valid JSON but no accepted property', async () => {
    for (const key of ['__proto__', 'constructor']) {
      const body = `{"${key}":{"prototype":{"role":"admin"}},"email":"a@rosetta.test","password":"x"}`;
      const res = await app.inject(post({ 'content-type': 'application/json' }, body));
      expectProblem(res, 'validation_failed');
      expect(res.json().errors).toEqual([
        { pointer: `/${key}`, detail: 'is not an accepted property' },
      ]);
    }
  });

  it('answers 413 for a body over 100 kB', async () => {
    const big = JSON.stringify({ ...login, password: 'x'.repeat(101 * 1024) });
    expectProblem(
      await app.inject(post({ 'content-type': 'application/json' }, big)),
      'payload_too_large',
    );
  });

  it('leaves JSON that is not an object to validation (422)', async () => {
    const res = await app.inject(post({ 'content-type': 'application/json' }, '[1, 2]'));
    expectProblem(res, 'validation_failed');
    expect(res.json().errors).toEqual([{ pointer: '', detail: 'must be object' }]);
  });
});
