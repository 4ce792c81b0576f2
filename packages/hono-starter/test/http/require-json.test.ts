import { describe, expect, it } from 'vitest';
import { expectProblemResponse, fakeDomain, session } from '@rosetta/test-support';
import { fromLoopback, testApp } from '../support/app.js';

const login = JSON.stringify({ email: 'someone@rosetta.test', password: 'correct horse' });

describe('request bodies', () => {
  const { app } = testApp(fakeDomain({ auth: { login: async () => session } }));
  const post = (body: string | undefined, headers: Record<string, string> = {}) =>
    app.request('/auth/login', { method: 'POST', body, headers }, fromLoopback);

  it('accepts application/json with a charset parameter', async () => {
    const res = await post(login, { 'Content-Type': 'application/json; charset=utf-8' });
    expect(res.status).toBe(200);
  });

  it('answers 415 for a body that is not application/json', async () => {
    await expectProblemResponse(
      await post(login, { 'Content-Type': 'text/plain' }),
      'unsupported_media_type',
    );
  });

  it('answers 415 when the Content-Type is missing', async () => {
    await expectProblemResponse(await post(undefined), 'unsupported_media_type');
  });

  it('answers 415 for a charset other than UTF-8, or a compressed body', async () => {
    const latin1 = await post(login, { 'Content-Type': 'application/json; charset=latin1' });
    await expectProblemResponse(latin1, 'unsupported_media_type');
    const gzip = await post(login, {
      'Content-Type': 'application/json',
      'Content-Encoding': 'gzip',
    });
    await expectProblemResponse(gzip, 'unsupported_media_type');
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await post('{"email":', { 'Content-Type': 'application/json' });
    await expectProblemResponse(res, 'malformed_json');
  });

  it('answers 400 for an empty body sent as JSON', async () => {
    await expectProblemResponse(
      await post('', { 'Content-Type': 'application/json' }),
      'malformed_json',
    );
  });

  it('answers 413 for a body over 100 kB', async () => {
    const big = JSON.stringify({ email: 'a@rosetta.test', password: 'x'.repeat(101 * 1024) });
    await expectProblemResponse(
      await post(big, { 'Content-Type': 'application/json' }),
      'payload_too_large',
    );
  });

  it('answers 413 for a chunked body that grows past 100 kB', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(20 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await app.request(
      '/auth/login',
      { method: 'POST', body, headers: { 'Content-Type': 'application/json' }, duplex: 'half' },
      fromLoopback,
    );
    await expectProblemResponse(res, 'payload_too_large');
  });

  it('leaves JSON that is not an object to validation (422)', async () => {
    const res = await post('[1, 2]', { 'Content-Type': 'application/json' });
    const body = await expectProblemResponse(res, 'validation_failed');
    expect(body.errors).toEqual([{ pointer: '', detail: 'must be object' }]);
  });
});
