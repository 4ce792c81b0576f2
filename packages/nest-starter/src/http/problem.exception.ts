import { HttpException } from '@nestjs/common';
import {
  type Problem,
  type ProblemAnswer,
  type ProblemCode,
  problemAnswer,
} from '@rosetta/shared-contract';

/**
 * A contract problem raised by the HTTP layer itself (a guard, the body interceptor, the validation
 * pipe, a controller): an HttpException, as Nest expects, whose response is the complete RFC 9457
 * body, with status and title from the contract's `problemTypes`. The domain never throws these: its
 * own errors carry no HTTP, and ProblemFilter maps them.
 */
export class ProblemException extends HttpException {
  /** The whole answer, headers included, as the contract's HTTP policy decides it. */
  readonly answer: ProblemAnswer;

  constructor(code: ProblemCode, detail: string, extra: Pick<Problem, 'errors' | 'checks'> = {}) {
    const answer = problemAnswer(code, detail, extra);
    super(answer.body, answer.status);
    this.answer = answer;
  }

  override getResponse(): Problem {
    return super.getResponse() as Problem;
  }
}
