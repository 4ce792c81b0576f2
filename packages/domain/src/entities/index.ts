import { RefreshTokenEntity } from './refresh-token.entity.js';
import { TaskEntity } from './task.entity.js';
import { UserEntity } from './user.entity.js';

export { RefreshTokenEntity, TaskEntity, UserEntity };
export const entities = [UserEntity, TaskEntity, RefreshTokenEntity];
