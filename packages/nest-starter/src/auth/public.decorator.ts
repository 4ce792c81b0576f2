import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = Symbol('isPublic');

/**
 * Opts a controller or handler out of the global JwtGuard. Authentication is the default, so a route
 * someone forgets to mark is closed rather than open.
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);
