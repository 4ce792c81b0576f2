import type { Redis } from 'ioredis';
import type { AttemptLimit } from './auth/attempts.js';
import type {
  AuthSession,
  CreateTaskRequest,
  LoginRequest,
  OperationTypes,
  RegisterRequest,
  Role,
  SessionList,
  Task,
  TaskPage,
  TokenPair,
  UpdateMeRequest,
  UpdateTaskRequest,
  User,
  UserPage,
} from '@rosetta/shared-contract';

/**
 * Who is calling: what `AuthService.authenticate` returns for a well-signed, unexpired access token.
 * It holds no role and proves no more than the token does; each operation confirms in its own SQL that
 * the account still exists, and reads its current role where it needs one (see auth/actor.ts).
 */
export interface Principal {
  id: string;
  /** The session (one sign-in, and the refresh tokens rotated from it) the token was issued for. */
  sessionId: string;
}

/** The client a sign-in came from, as the HTTP layer saw it; stored with the session, as given. */
export interface ClientInfo {
  /** The `User-Agent` header. */
  userAgent?: string | undefined;
  /** The client's address, through the proxies the server trusts. */
  ipAddress?: string | undefined;
}

/** A task with the version its ETag is made from. */
export interface VersionedTask {
  task: Task;
  version: number;
}

/** `If-Match`, read: `'*'` matches any current version; a list matches only those versions. */
export type ExpectedVersions = '*' | readonly number[];

export type ListTasksQuery = Partial<
  NonNullable<OperationTypes['listTasks']['parameters']['query']>
>;
export type ListUsersQuery = Partial<
  NonNullable<OperationTypes['listUsers']['parameters']['query']>
>;

export interface AuthService {
  /** Creates the account and signs it in: a new session, recorded with `client`. */
  register(input: RegisterRequest, client?: ClientInfo): Promise<AuthSession>;
  login(input: LoginRequest, client?: ClientInfo): Promise<AuthSession>;
  refresh(refreshToken: string): Promise<TokenPair>;
  /** Ends the token's session. An unknown or already ended one is no error. */
  logout(refreshToken: string): Promise<void>;
  /**
   * Verifies an access token's signature, lifetime and claims, with no query: that its account and
   * session are still live is checked by every service method that takes the principal, in the same
   * statement as its work, and a dead token fails there with the same 401.
   */
  authenticate(accessToken: string): Promise<Principal>;
  /** The caller's sessions that have not ended, newest first, theirs marked `current`. */
  listSessions(actor: Principal): Promise<SessionList>;
  /** Ends one of the caller's live sessions (their own included); 404 for any other id. */
  endSession(actor: Principal, sessionId: string): Promise<void>;
  /** Ends every live session of the caller but the current one. */
  endOtherSessions(actor: Principal): Promise<void>;
}

export interface UsersService {
  getMe(actor: Principal): Promise<User>;
  updateMe(actor: Principal, input: UpdateMeRequest): Promise<User>;
  deleteMe(actor: Principal): Promise<void>;
  /** Admins only, like every method below. */
  list(actor: Principal, query: ListUsersQuery): Promise<UserPage>;
  get(actor: Principal, id: string): Promise<User>;
  updateRole(actor: Principal, id: string, role: Role): Promise<User>;
  remove(actor: Principal, id: string): Promise<void>;
}

export interface TasksService {
  create(actor: Principal, input: CreateTaskRequest): Promise<VersionedTask>;
  list(actor: Principal, query: ListTasksQuery): Promise<TaskPage>;
  get(actor: Principal, id: string): Promise<VersionedTask>;
  update(
    actor: Principal,
    id: string,
    input: UpdateTaskRequest,
    expected?: ExpectedVersions,
  ): Promise<VersionedTask>;
  remove(actor: Principal, id: string): Promise<void>;
}

export interface HealthService {
  /** Whether the database answers a trivial query within a short timeout. Never throws. */
  isDatabaseReady(): Promise<boolean>;
  /** The connection pool as it is now, read without a query: for metrics, at each scrape. */
  poolStats(): PoolStats;
}

/** node-postgres's pool counters, under the names OpenTelemetry's database semantic conventions use. */
export interface PoolStats {
  /** The most connections the pool opens. */
  max: number;
  /** Connections open now, idle or in use. */
  total: number;
  /** Open connections no query holds. */
  idle: number;
  /** Queries waiting for a connection because all `max` are in use. */
  pending: number;
}

/** What a starter's `server.ts` holds: the services, and how to release the database. */
export interface Domain {
  auth: AuthService;
  users: UsersService;
  tasks: TasksService;
  health: HealthService;
  /** Closes the pool (and the embedded database, if one was started). Idempotent. */
  close(): Promise<void>;
}

/** A logger the domain can report start-up facts to; pino's logger satisfies it. */
export interface DomainLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface DomainConfig {
  /**
   * A PostgreSQL URL. Unset: embedded PGlite, on a Unix socket only this user can open, with data in
   * `embeddedDataDir`.
   */
  databaseUrl?: string | undefined;
  /** Connections in the pool for `databaseUrl`. Default 10. Embedded PGlite always uses one. */
  poolSize?: number | undefined;
  /** Milliseconds a statement may run before the server cancels it (a 503 for the request). Default 10 s. */
  statementTimeoutMs?: number | undefined;
  /** Where embedded PGlite keeps its files; `memory://` keeps nothing. Default `.data/pglite`. */
  embeddedDataDir?: string | undefined;
  jwtSecret: string;
  /** Seconds an access token lives. Default 900 (15 minutes). */
  accessTokenTtlSeconds?: number;
  /** Seconds a refresh token lives, never past its session's end. Default 30 days. */
  refreshTokenTtlSeconds?: number;
  /** Seconds from sign-in after which a session ends, however often it is refreshed. Default 90 days. */
  sessionMaxAgeSeconds?: number | undefined;
  /** Sign-in and password-change attempts per account. Default 10 per 15 minutes. */
  accountRateLimit?: AttemptLimit | undefined;
  /** Where those attempts are counted, shared by every instance; unset, in this process's memory. */
  redis?: Redis | undefined;
  /** Ensured to exist with the admin role at start-up when set. */
  admin?: { email: string; password: string } | undefined;
  logger?: DomainLogger;
}
