import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { starters } from '@rosetta/conformance-tests/targets';
import {
  findExcerpt,
  readConcernsConfig,
  resolveConcerns,
  type ConcernsConfig,
} from '../src/concerns.js';

const sources: Record<string, string> = {
  'src/server.ts': [
    'import x from "x";',
    'const domain = await createDomain({',
    '  url,',
    '});',
    'listen();',
  ].join('\n'),
  'src/app.ts': 'build();\n// comment\n',
  'src/http/tasks.routes.ts': 'a();\nb();\n',
  'src/http/extra.ts': 'c();\n',
  'test/app.test.ts': 'it();\n',
};
const files = Object.keys(sources).sort();
const config: ConcernsConfig = {
  concerns: [
    { id: 'bootstrap', title: 'Bootstrap', summary: '' },
    { id: 'routing', title: 'Routing', summary: '' },
    { id: 'database', title: 'Database', summary: '' },
    { id: 'tests', title: 'Tests', summary: '' },
  ],
  starters: {
    express: {
      bootstrap: ['src/server.ts', 'src/app.ts'],
      routing: ['src/http/*.routes.ts', 'src/app.ts', 'src/gone.ts'],
      database: [
        { file: 'src/server.ts', from: '^const domain = await createDomain', to: '^\\}\\);' },
      ],
      tests: ['test/**/*.ts'],
    },
  },
};
const resolved = resolveConcerns(config, 'express', files, (path) => sources[path]!);

describe('resolveConcerns', () => {
  it('lists a concern’s files in the order of its rules', () => {
    expect(resolved.byConcern.bootstrap!.map((v) => v.path)).toEqual([
      'src/server.ts',
      'src/app.ts',
    ]);
  });

  it('gives a file to the first concern whose glob matches it', () => {
    expect(resolved.byConcern.routing!.map((v) => v.path)).toEqual(['src/http/tasks.routes.ts']);
  });

  it('counts an excerpt for its concern and not for the file’s', () => {
    expect(resolved.byConcern.database).toEqual([{ path: 'src/server.ts', lines: [2, 4], loc: 3 }]);
    const server = resolved.byConcern.bootstrap![0]!;
    expect(server.loc).toBe(2);
    expect(server.elsewhere).toEqual([{ lines: [2, 4], concern: 'database' }]);
    expect(resolved.loc).toMatchObject({ bootstrap: 3, routing: 2, database: 3, tests: 1 });
  });

  it('counts files no rule claims as other', () => {
    expect(resolved.byConcern.other).toEqual([{ path: 'src/http/extra.ts', loc: 1 }]);
  });

  it('warns about rules that match nothing', () => {
    expect(resolved.warnings).toEqual(['express: routing: src/gone.ts matches no file.']);
  });

  it('counts every file of a starter concerns.json does not know as other, and says so', () => {
    const unknown = resolveConcerns(config, 'koa', files, (path) => sources[path]!);
    expect(Object.keys(unknown.byConcern)).toEqual(['other']);
    expect(unknown.warnings[0]).toMatch(/koa: concerns.json has no entry/);
  });
});

describe('findExcerpt', () => {
  it('is undefined when the start or the end is not found', () => {
    expect(findExcerpt('a\nb\n', { file: 'x', from: '^c', to: '^b' })).toBeUndefined();
    expect(findExcerpt('a\nb\n', { file: 'x', from: '^b', to: '^a' })).toBeUndefined();
  });
});

describe('concerns.json', () => {
  const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const real = readConcernsConfig(join(packageDir, 'concerns.json'));

  it('maps every registered starter', () => {
    expect(Object.keys(real.starters).sort()).toEqual(Object.keys(starters).sort());
  });

  it('uses only concerns it defines, and defines the issue’s eight', () => {
    const ids = real.concerns.map((c) => c.id);
    for (const rules of Object.values(real.starters)) {
      for (const id of Object.keys(rules)) expect(ids).toContain(id);
    }
    expect(ids).toEqual(
      expect.arrayContaining([
        'bootstrap',
        'config',
        'routing',
        'validation',
        'authentication',
        'errors',
        'database',
        'tests',
      ]),
    );
  });

  it('is plain JSON with a comment for people', () => {
    expect(
      JSON.parse(readFileSync(join(packageDir, 'concerns.json'), 'utf8')).$comment,
    ).toBeTruthy();
  });
});
