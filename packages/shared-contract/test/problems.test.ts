import { describe, expect, it } from 'vitest';
import {
  createAjv,
  operations,
  problem,
  problemTypes,
  schemaBundle,
  schemaRef,
  type ProblemCode,
} from '../src/index.js';

const validateProblem = createAjv('body').compile(schemaRef('Problem'));
const documentedCodes = (schemaBundle.$defs as Record<string, { enum: string[] }>).ProblemCode!
  .enum;

describe('problem types', () => {
  it('define every code the contract documents, and no other', () => {
    expect(Object.keys(problemTypes).sort()).toEqual([...documentedCodes].sort());
  });

  it('build bodies that match the Problem schema', () => {
    for (const code of documentedCodes as ProblemCode[]) {
      const body = problem(code, 'Something specific happened.');
      expect(validateProblem(body), `${code}: ${JSON.stringify(validateProblem.errors)}`).toBe(
        true,
      );
      expect(body.status).toBe(problemTypes[code].status);
    }
  });

  it('give each status an operation that documents it, where one applies', () => {
    const documented = new Set(
      Object.values(operations).flatMap((op) => Object.keys(op.responses).map(Number)),
    );
    // 405 and 500 answer requests that match no operation, or fail unexpectedly; 408 and 431 (and
    // bad_request's 400) answer requests the HTTP parser rejected before any route: never documented.
    const undocumentedByDesign = new Set([405, 408, 431, 500]);
    for (const { status } of Object.values(problemTypes)) {
      if (!undocumentedByDesign.has(status)) expect(documented).toContain(status);
    }
  });

  it('reject a body with an unknown member, so internals cannot leak through one', () => {
    expect(validateProblem({ ...problem('internal_error', 'Boom.'), stack: 'Error: ...' })).toBe(
      false,
    );
  });
});
