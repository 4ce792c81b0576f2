import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import type { ClientInfo } from '@rosetta/domain';

/**
 * Who is signing in, as the new session records it: the `User-Agent`, and `req.ip`, which honours
 * the platform's trusted proxies (platform/).
 */
export const SignInClient = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ClientInfo => {
    const req = context
      .switchToHttp()
      .getRequest<{ headers: IncomingHttpHeaders; ip?: string | undefined }>();
    return { userAgent: req.headers['user-agent'], ipAddress: req.ip };
  },
);
