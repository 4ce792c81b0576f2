import { RefreshTokenEntity } from './refresh-token.entity.js';
import { SessionEntity } from './session.entity.js';
import { TaskEntity } from './task.entity.js';
import { UserEntity } from './user.entity.js';

export { RefreshTokenEntity, SessionEntity, TaskEntity, UserEntity };
export const entities = [UserEntity, TaskEntity, SessionEntity, RefreshTokenEntity];
