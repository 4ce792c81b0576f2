import { HttpException } from '@nestjs/common';
import { type Problem, type ProblemCode, problem } from '@rosetta/shared-contract';

/**
 * A contract problem raised by the HTTP layer itself (a guard, the body interceptor, the validation
 * pipe, a controller): an HttpException, as Nest expects, whose response is the complete RFC 9457
 * body, with status and title from the contract's `problemTypes`. The domain never throws these: its
 * own errors carry no HTTP, and ProblemFilter maps them.
 */
export class ProblemException extends HttpException {
  constructor(code: ProblemCode, detail: string, extra: Pick<Problem, 'errors' | 'checks'> = {}) {
    const body = problem(code, detail, extra);
    super(body, body.status);
  }

  override getResponse(): Problem {
    return super.getResponse() as Problem;
  }
}
