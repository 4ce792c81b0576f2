import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { operations, type OperationId } from '@rosetta/shared-contract';
import { ContractViolationError, type ApiClient, type ApiResponse } from '../../src/client.js';
import { excerpt } from '../../src/contract.js';
import { ctx } from './context.js';
import { target, type FuzzRequest } from './fuzz-requests.js';

/** What the fuzzing group sent and got back, for its figures. */
export const fuzzStats = {
  properties: 0,
  requests: 0,
  statuses: {} as Record<string, number>,
  /**
   * Every (operation, status) in the order sent. With one seed, targets that answer alike get the
   * same digest, so a framework difference shows in the figures even where both answers conform.
   */
  answers: createHash('sha256'),
};

const decoder = new TextDecoder();

/** A request as a person would retype it: method, encoded target, why, and the body's text. */
export function showRequest(operationId: OperationId, request: FuzzRequest): string {
  const { method } = operations[operationId];
  const body = request.body
    ? `\n  body (${request.body.why}, ${request.body.bytes.length} bytes): ${excerpt(decoder.decode(request.body.bytes))}`
    : '';
  return `${method} ${target(operationId, request)} [${request.why}]${body}`;
}

/** A drawn value: a whole request, or a valid body or a choice the check turns into one. */
function show(operationId: OperationId, drawn: unknown): string {
  const request = drawn as Partial<FuzzRequest>;
  if (typeof request?.why === 'string' && (request.body || request.query || request.id))
    return showRequest(operationId, request as FuzzRequest);
  const { method, path } = operations[operationId];
  return `${method} ${path} with ${fc.stringify(drawn)}`;
}

/** Sends one fuzzed request; the client checks the answer against the contract (never a 5xx). */
export async function send(
  api: ApiClient,
  operationId: OperationId,
  request: FuzzRequest,
): Promise<ApiResponse> {
  fuzzStats.requests++;
  const count = (status: number) => {
    fuzzStats.statuses[status] = (fuzzStats.statuses[status] ?? 0) + 1;
    fuzzStats.answers.update(`${operationId} ${status}\n`);
  };
  try {
    const res = await api.request(
      operations[operationId].method,
      target(operationId, request),
      request.body ? { body: request.body.bytes, contentType: 'application/json' } : {},
    );
    count(res.status);
    return res;
  } catch (error) {
    if (error instanceof ContractViolationError) count(error.response.status);
    throw error;
  }
}

/**
 * Runs `check` on `ctx.reliability.fuzzRuns` requests drawn with the run's seed. A failure names the
 * seed to replay with (`--seed`) and the shrunk request, as sent.
 */
export async function fuzz<T>(
  operationId: OperationId,
  requests: fc.Arbitrary<T>,
  check: (request: T) => Promise<void>,
): Promise<void> {
  fuzzStats.properties++;
  const { seed, fuzzRuns } = ctx.reliability;
  const property = fc.asyncProperty(requests, async (request) => {
    try {
      await check(request);
    } catch (error) {
      throw new Error(
        `${show(operationId, request)}\n${(error as Error).message}\n(replay: --seed ${seed})`,
        { cause: error },
      );
    }
  });
  await fc.assert(property, { seed, numRuns: fuzzRuns });
}
