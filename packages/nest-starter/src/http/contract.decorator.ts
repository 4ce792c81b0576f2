import { applyDecorators, UseInterceptors, UsePipes } from '@nestjs/common';
import { type OperationId, operations } from '@rosetta/shared-contract';
import { ContractValidationPipe } from './contract-validation.pipe.js';
import { JsonBodyInterceptor } from './json-body.interceptor.js';

/**
 * Binds a handler to its operation in the contract: for an operation that takes a body, the JSON body
 * rules (415, 413, 400), then the operation's schemas for path, query and body (422). Nest runs them
 * after the guards, interceptor before pipe.
 */
export function Contract(operationId: OperationId): MethodDecorator {
  const body = operations[operationId].body ? [UseInterceptors(JsonBodyInterceptor)] : [];
  return applyDecorators(...body, UsePipes(new ContractValidationPipe(operationId)));
}
