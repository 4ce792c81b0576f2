import type { components } from './generated/openapi-types.js';

// Short names for the contract's schemas, so starters and tests can write `Task` instead of the path.
type Schemas = components['schemas'];
export type User = Schemas['User'];
export type UserPage = Schemas['UserPage'];
export type Role = Schemas['Role'];
export type AuthSession = Schemas['AuthSession'];
export type TokenPair = Schemas['TokenPair'];
export type Session = Schemas['Session'];
export type SessionList = Schemas['SessionList'];
export type RegisterRequest = Schemas['RegisterRequest'];
export type LoginRequest = Schemas['LoginRequest'];
export type RefreshRequest = Schemas['RefreshRequest'];
export type UpdateMeRequest = Schemas['UpdateMeRequest'];
export type UpdateUserRequest = Schemas['UpdateUserRequest'];
export type Task = Schemas['Task'];
export type TaskPage = Schemas['TaskPage'];
export type TaskStatus = Schemas['TaskStatus'];
export type TaskPriority = Schemas['TaskPriority'];
export type CreateTaskRequest = Schemas['CreateTaskRequest'];
export type UpdateTaskRequest = Schemas['UpdateTaskRequest'];
export type Health = Schemas['Health'];
export type Readiness = Schemas['Readiness'];
