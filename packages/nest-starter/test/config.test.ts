import { describe, expect, it } from 'vitest';
import { ConfigError } from '@rosetta/domain';
import { loadConfig } from '@rosetta/runtime';
import { DEFAULT_PLATFORM, nestSettings } from '../src/config.js';

describe('nestSettings', () => {
  it('reads NEST_ADAPTER with the start contract, DEFAULT_PLATFORM without it', () => {
    expect(loadConfig({}, nestSettings).platform).toBe(DEFAULT_PLATFORM);
    expect(loadConfig({ NEST_ADAPTER: 'fastify', PORT: '81' }, nestSettings)).toMatchObject({
      platform: 'fastify',
      port: 81,
    });
    expect(loadConfig({ NEST_ADAPTER: ' express ' }, nestSettings).platform).toBe('express');
  });

  it('lists a bad NEST_ADAPTER with every other problem', () => {
    let error: unknown;
    try {
      loadConfig({ NEST_ADAPTER: 'koa', PORT: 'eighty' }, nestSettings);
    } catch (e) {
      error = e;
    }
    if (!(error instanceof ConfigError)) throw new Error('expected a ConfigError');
    expect(error.problems).toEqual([
      'PORT must be integer',
      'NEST_ADAPTER must be one of express, fastify (got "koa")',
    ]);
  });
});
