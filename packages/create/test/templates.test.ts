import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate as validateDockerfile } from 'dockerfile-utils';
import { parse } from 'yaml';
import { repoRoot } from '../src/frameworks.js';
import { deployFiles, fromTemplates } from '../src/templates.js';

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

describe('deployFiles', () => {
  const monorepo = join(repoRoot, 'deploy');
  const read = (file: string) => readFile(join(monorepo, file), 'utf8');
  /** The lines of `text` that `original` does not have. */
  const added = (text: string, original: string) =>
    text.split('\n').filter((line) => !original.split('\n').includes(line));

  it("builds the project's own Dockerfile at its root, as an image named after the project", async () => {
    const files = await deployFiles(monorepo, 'my-api');
    const original = await read('compose.yaml');
    const compose = parse(files['deploy/compose.yaml']!);
    expect(compose['x-app'].build).toEqual({ context: '..' });
    expect(compose['x-app'].image).toBe('my-api');
    // The replicas share the one definition, in the project as in the monorepo.
    expect(compose.services.app1).toEqual(compose['x-app']);
    expect(compose.services.app2).toEqual(compose['x-app']);
    expect(added(files['deploy/compose.yaml']!, original)).toEqual([
      '  image: my-api',
      "  # The project's Dockerfile, at its root.",
    ]);
    expect(files['deploy/compose.yaml']).not.toContain('STARTER');
    expect(files['deploy/.env.example']).not.toContain('STARTER');
  });

  it('names the same image in kustomization.yaml, and copies every other manifest as it is', async () => {
    const files = await deployFiles(monorepo, 'my-api');
    const kubernetes = (await readdir(join(monorepo, 'kubernetes'))).sort();
    expect(
      Object.keys(files)
        .filter((f) => f.startsWith('deploy/kubernetes/'))
        .sort(),
    ).toEqual(kubernetes.map((f) => `deploy/kubernetes/${f}`));
    const kustomization = files['deploy/kubernetes/kustomization.yaml']!;
    expect(parse(kustomization).images).toEqual([
      { name: 'rosetta', newName: 'my-api', newTag: 'latest' },
    ]);
    expect(added(kustomization, await read('kubernetes/kustomization.yaml'))).toEqual([
      '    newName: my-api',
    ]);
    for (const file of kubernetes.filter((f) => f !== 'kustomization.yaml')) {
      expect(files[`deploy/kubernetes/${file}`], file).toBe(await read(`kubernetes/${file}`));
    }
  });
});
