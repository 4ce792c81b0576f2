import { describe, expect, it } from 'vitest';
import { client } from '../support/api.js';

const SANE = /^[A-Za-z0-9._-]{1,128}$/;

describe('X-Request-Id', () => {
  it('echoes a sane request id the client sends', async () => {
    const id = `conformance-${Date.now()}.abc_DEF`;
    const res = await client().get('/health', { headers: { 'x-request-id': id } });
    expect(res.headers.get('x-request-id')).toBe(id);
  });

  it('echoes it on errors too', async () => {
    const res = await client().get('/no-such-route', { headers: { 'x-request-id': 'trace-404' } });
    expect(res.headers.get('x-request-id')).toBe('trace-404');
  });

  it('accepts exactly 128 characters', async () => {
    const id = 'a'.repeat(128);
    expect(
      (await client().get('/health', { headers: { 'x-request-id': id } })).headers.get(
        'x-request-id',
      ),
    ).toBe(id);
  });

  it('generates one when the client sends none, different for each request', async () => {
    const [a, b] = await Promise.all([client().get('/health'), client().get('/health')]);
    expect(a.headers.get('x-request-id')).toMatch(SANE);
    expect(b.headers.get('x-request-id')).toMatch(SANE);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });

  it.each([
    ['too long', 'a'.repeat(129)],
    ['with spaces', 'hello world'],
    ['with markup', '<script>alert(1)</script>'],
    ['with a header-splitting attempt', 'abc%0d%0aSet-Cookie:x=1'],
  ])('replaces one %s with a generated id', async (_, id) => {
    const res = await client().get('/health', { headers: { 'x-request-id': id } });
    const answered = res.headers.get('x-request-id');
    expect(answered).toMatch(SANE);
    expect(answered).not.toBe(id);
  });
});
