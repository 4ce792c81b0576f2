import { describe, expect, it } from 'vitest';
import { validate as validateDockerfile } from 'dockerfile-utils';
import { fromTemplates } from '../src/templates.js';

describe('fromTemplates', () => {
  it('fills every placeholder of every template, and leaves no other text changed', async () => {
    const files = await fromTemplates({
      name: 'my-api',
      framework: 'hono',
      env: '# a comment\nPORT=3000\nJWT_SECRET=\n',
    });
    expect(Object.keys(files).sort()).toEqual([
      '.dockerignore',
      '.github/workflows/ci.yml',
      '.gitignore',
      '.prettierignore',
      'Dockerfile',
      'README.md',
    ]);
    for (const [file, text] of Object.entries(files)) expect(text, file).not.toMatch(/\{\{\w+\}\}/);
    expect(files['README.md']).toMatch(/^# my-api\n/);
    expect(files['README.md']).toContain('An HTTP API on hono');
    expect(files['README.md']).toContain('`PORT`, `JWT_SECRET`.');
    expect(files['README.md']).toContain('docker build -t my-api .');
    expect(validateDockerfile(files.Dockerfile)).toEqual([]);
  });
});
