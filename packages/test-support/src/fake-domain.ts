import {
  type AuthService,
  type Domain,
  type HealthService,
  type Principal,
  type TasksService,
  UnauthorizedError,
  type UsersService,
} from '@rosetta/domain';
import type { AuthSession } from '@rosetta/shared-contract';

export const principal: Principal = {
  id: '6f1c2b1e-4a5d-4c3b-9e8f-0a1b2c3d4e5f',
  sessionId: '0d6f5c44-8f1e-4d7a-9b2c-3e4f5a6b7c8d',
};

export const session: AuthSession = {
  user: {
    id: principal.id,
    email: 'fake@rosetta.test',
    name: 'Fake',
    role: 'user',
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
  accessToken: 'fake-access-token',
  refreshToken: 'fake-refresh-token',
  tokenType: 'Bearer',
  expiresIn: 900,
};

type Overrides = {
  auth?: Partial<AuthService>;
  users?: Partial<UsersService>;
  tasks?: Partial<TasksService>;
  health?: Partial<HealthService>;
};

/**
 * A Domain whose methods fail loudly unless a test supplies them, for wiring tests that are clearer
 * without a database. `authenticate` accepts the token "valid" and rejects any other.
 */
export function fakeDomain(overrides: Overrides = {}): Domain {
  const unexpected = (name: string) => () =>
    Promise.reject(new Error(`unexpected call to ${name}`));
  return {
    auth: {
      register: unexpected('auth.register'),
      login: unexpected('auth.login'),
      refresh: unexpected('auth.refresh'),
      logout: unexpected('auth.logout'),
      listSessions: unexpected('auth.listSessions'),
      endSession: unexpected('auth.endSession'),
      endOtherSessions: unexpected('auth.endOtherSessions'),
      authenticate: async (token) => {
        if (token === 'valid') return principal;
        throw new UnauthorizedError('invalid_token', 'The access token is invalid or has expired.');
      },
      ...overrides.auth,
    },
    users: {
      getMe: unexpected('users.getMe'),
      updateMe: unexpected('users.updateMe'),
      deleteMe: unexpected('users.deleteMe'),
      list: unexpected('users.list'),
      get: unexpected('users.get'),
      updateRole: unexpected('users.updateRole'),
      remove: unexpected('users.remove'),
      ...overrides.users,
    },
    tasks: {
      create: unexpected('tasks.create'),
      list: unexpected('tasks.list'),
      get: unexpected('tasks.get'),
      update: unexpected('tasks.update'),
      remove: unexpected('tasks.remove'),
      ...overrides.tasks,
    },
    health: {
      isDatabaseReady: async () => true,
      poolStats: () => ({ max: 10, total: 0, idle: 0, pending: 0 }),
      ...overrides.health,
    },
    close: async () => {},
  };
}
