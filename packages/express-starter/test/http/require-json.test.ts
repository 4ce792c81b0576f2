import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { expectProblem, fakeDomain, session } from '@rosetta/test-support';
import { testApp } from '../support/app.js';

const login = { email: 'someone@rosetta.test', password: 'correct horse' };

describe('request bodies', () => {
  const { app } = testApp(fakeDomain({ auth: { login: async () => session } }));

  it('accepts application/json with a charset parameter', async () => {
    const res = await request(app)
      .post('/auth/login')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify(login));
    expect(res.status).toBe(200);
  });

  it('answers 415 for a body that is not application/json', async () => {
    const res = await request(app)
      .post('/auth/login')
      .set('Content-Type', 'text/plain')
      .send(JSON.stringify(login));
    expectProblem(res, 'unsupported_media_type');
  });

  it('answers 415 when the Content-Type is missing', async () => {
    expectProblem(await request(app).post('/auth/login'), 'unsupported_media_type');
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await request(app)
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email":');
    expectProblem(res, 'malformed_json');
  });

  it('answers 400 for an empty body sent as JSON', async () => {
    const res = await request(app)
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('');
    expectProblem(res, 'malformed_json');
  });

  it('answers 413 for a body over 100 kB', async () => {
    const big = { ...login, password: 'x'.repeat(101 * 1024) };
    expectProblem(await request(app).post('/auth/login').send(big), 'payload_too_large');
  });

  it('leaves JSON that is not an object to validation (422)', async () => {
    const res = await request(app)
      .post('/auth/login')
      .set('Content-Type', 'application/json')
      .send('[1, 2]');
    expectProblem(res, 'validation_failed');
    expect(res.body.errors).toEqual([{ pointer: '', detail: 'must be object' }]);
  });
});
