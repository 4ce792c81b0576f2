import { describe, expect, it } from 'vitest';
import { listeningUrl } from '../src/index.js';

describe('listeningUrl', () => {
  it('names the host and the port the server was given, an IPv6 host in brackets', () => {
    const address = { address: '127.0.0.1', family: 'IPv4', port: 41234 };
    expect(listeningUrl('127.0.0.1', address)).toBe('http://127.0.0.1:41234');
    expect(listeningUrl('::1', { ...address, family: 'IPv6' })).toBe('http://[::1]:41234');
    expect(listeningUrl('0.0.0.0', address)).toBe('http://0.0.0.0:41234');
  });
});
