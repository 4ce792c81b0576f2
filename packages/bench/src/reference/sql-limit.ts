/**
 * sql-limit: this machine's limit for the bench's database work. The same scenarios, plumbing
 * (./http.ts) and bearer-token check (the domain's `AccessTokens`: same secret, claims and rules) as
 * the domain on node:http (./node-http.ts), but each answered with the fewest SQL statements the
 * contract's behaviour needs, sent through `pg` as named prepared statements: no ORM, no framework.
 *
 * - `GET /tasks/{id}`: one SELECT, the caller's user and session rows LEFT JOIN the task if it is theirs.
 * - `GET /tasks?limit=n`: one SELECT, the caller's rows LEFT JOIN LATERAL the first keyset page.
 * - `POST /tasks`: one INSERT … SELECT … FROM the caller's rows, so a dead token inserts nothing.
 *
 * No row at all means the token's user or session is gone: a 401, as the domain's statements decide it too.
 * A task that is not the caller's is a 404. What the bench never measures (other listings, a due date
 * to read) goes through the domain, so that every answer is still right; the domain also makes the
 * schema and serves readiness, register and login (./http.ts). Bench-only, like the other references.
 */
import pg from 'pg';
import {
  AccessTokens,
  createDomain,
  encodeCursor,
  NotFoundError,
  UnauthorizedError,
  type ListTasksQuery,
} from '@rosetta/domain';
import {
  formatEtag,
  type CreateTaskRequest,
  type Task,
  type TaskPage,
} from '@rosetta/shared-contract';
import { createLogger, loadConfigOrExit } from '@rosetta/runtime';
import { bearerToken, check, readJson, send, serveReference } from './http.js';

const config = loadConfigOrExit(process.env);
if (!config.databaseUrl) throw new Error('sql-limit needs DATABASE_URL: it talks to PostgreSQL.');
// Two connections are plenty for what the domain serves here: migrations, seeding and readiness.
const domain = await createDomain({
  databaseUrl: config.databaseUrl,
  poolSize: 2,
  jwtSecret: config.jwtSecret,
});

// How PostgreSQL writes a timestamptz(3) in UTC: `2026-01-02 03:04:05.6+00`, trailing zeros dropped.
const PG_UTC = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d{1,3}))?\+00$/;
const parseTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ);

/** What `Date#toISOString` writes, as the domain answers; a BC year takes pg's own parser. */
function isoInstant(text: string): string {
  const parts = PG_UTC.exec(text);
  if (!parts) return (parseTimestamptz(text) as Date).toISOString();
  return `${parts[1]}T${parts[2]}.${(parts[3] ?? '').padEnd(3, '0')}Z`;
}

const pool = new pg.Pool({
  connectionString: config.databaseUrl,
  max: config.databasePoolSize,
  // Timestamps come back as text in UTC and leave in the contract's ISO form, with no Date between.
  options: '-c TimeZone=UTC',
  types: {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === pg.types.builtins.TIMESTAMPTZ && format !== 'binary'
        ? isoInstant
        : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  },
});
// An idle client whose connection drops emits 'error'; unheard, that would end the process.
pool.on('error', (error) => console.error(`sql-limit: idle database client: ${error.message}`));
const connections = new WeakMap<pg.PoolClient, number>();
let connected = 0;
pool.on('connect', (client) => connections.set(client, ++connected));
// Only verify() is used; the lifetime matters to issuing, which the domain does.
const tokens = new AccessTokens(config.jwtSecret, 900);

/** The caller's session, joined to their user row: an ended session is a dead token here too. */
const live = (n: number) =>
  `JOIN sessions s ON s.id = $${n} AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now()`;
const TASK = `t.id, t.title, t.description, t.status, t.priority, t.due_date, t.version,
  t.created_at, t.updated_at`;
const GET_TASK = {
  name: 'sql-limit-get-task',
  text: `SELECT ${TASK} FROM users u ${live(3)}
           LEFT JOIN tasks t ON t.id = $2 AND t.owner_id = u.id
          WHERE u.id = $1`,
};
// Owner, then newest first: what the index (owner_id, created_at, id) serves, scanned backwards.
const FIRST_PAGE = {
  name: 'sql-limit-first-page',
  text: `SELECT ${TASK} FROM users u ${live(3)}
           LEFT JOIN LATERAL (
             SELECT * FROM tasks WHERE owner_id = u.id ORDER BY created_at DESC, id DESC LIMIT $2
           ) t ON true
          WHERE u.id = $1
          ORDER BY t.created_at DESC, t.id DESC`,
};
const CREATE_TASK = {
  name: 'sql-limit-create-task',
  text: `INSERT INTO tasks AS t (owner_id, title, description, status, priority, version)
         SELECT u.id, $2, $3, $4::task_status, $5::task_priority, 1 FROM users u ${live(6)}
          WHERE u.id = $1
         RETURNING ${TASK}`,
};

interface TaskRow {
  id: string;
  title: string;
  description: string | null;
  status: Task['status'];
  priority: Task['priority'];
  due_date: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
/** A row of a LEFT JOIN: the user exists, the task may not. */
type JoinedRow = { [K in keyof TaskRow]: TaskRow[K] | null };

const TASK_PATH = /^\/tasks\/([^/]+)$/;
const NOT_FOUND = 'No task with this id belongs to you.';

const services = {
  config,
  domain,
  logger: createLogger(config),
  async close() {
    await pool.end();
    await domain.close();
  },
};

serveReference(services, async (req, res, url) => {
  const { pathname } = url;
  if (pathname === '/tasks' && req.method === 'GET') {
    const token = bearerToken(req);
    const { sub: user, sid } = callerOf(token);
    const query = check('listTasks', 'query', Object.fromEntries(url.searchParams));
    const limit = firstPageLimit(query as ListTasksQuery);
    if (limit === undefined) {
      const principal = await domain.auth.authenticate(token);
      send(res, 200, await domain.tasks.list(principal, query as ListTasksQuery));
      return true;
    }
    const rows = await run<JoinedRow>(FIRST_PAGE, [user, limit + 1, sid]);
    send(res, 200, page(rows, limit));
    return true;
  }
  if (pathname === '/tasks' && req.method === 'POST') {
    const token = bearerToken(req);
    const { sub: user, sid } = callerOf(token);
    const body = check('createTask', 'body', await readJson(req)) as CreateTaskRequest;
    if (typeof body.dueDate === 'string') {
      // Which instants a due date may name is the domain's rule; the bench sends none.
      const principal = await domain.auth.authenticate(token);
      const { task, version } = await domain.tasks.create(principal, body);
      send(res, 201, task, { location: `/tasks/${task.id}`, etag: formatEtag(version) });
      return true;
    }
    const rows = await run<TaskRow>(CREATE_TASK, [
      user,
      body.title,
      body.description ?? null,
      body.status ?? 'todo',
      body.priority ?? 'medium',
      sid,
    ]);
    const row = rows[0] ?? userGone();
    send(res, 201, taskOf(row), { location: `/tasks/${row.id}`, etag: formatEtag(row.version) });
    return true;
  }
  const id = TASK_PATH.exec(pathname)?.[1];
  if (id !== undefined && req.method === 'GET') {
    const { sub: user, sid } = callerOf(bearerToken(req));
    const taskId = decodeURIComponent(id);
    check('getTask', 'params', { id: taskId });
    const rows = await run<JoinedRow>(GET_TASK, [user, taskId, sid]);
    const row = rows[0] ?? userGone();
    if (row.id === null) throw new NotFoundError(NOT_FOUND);
    send(res, 200, taskOf(row as TaskRow), { etag: formatEtag(row.version!) });
    return true;
  }
  return false;
});

/**
 * One prepared statement, what `pool.query({ name, text, values })` does, but named per connection: a
 * transaction-mode pooler (the bench's PGlite server) shares one session between connections, where
 * a second connection preparing the same name is an error. On PostgreSQL, where each connection is its
 * own session, it changes nothing. Callbacks, as pool.query uses them: with `await pool.connect()`
 * instead, peak RSS under load rose from about 160 MB to 230–280 MB.
 */
function run<R extends pg.QueryResultRow>(
  statement: { name: string; text: string },
  values: unknown[],
): Promise<R[]> {
  return new Promise((resolve, reject) => {
    pool.connect((error, client, release) => {
      if (error || !client) return reject(error ?? new Error('no client'));
      const name = `${statement.name}-${connections.get(client)}`;
      client.query<R>({ name, text: statement.text, values }, (failed, result) => {
        // As pool.query does: a client whose query failed is not trusted again.
        release(failed ?? undefined);
        if (failed) reject(failed);
        else resolve(result.rows);
      });
    });
  });
}

/**
 * The user and session ids of a valid token. Whether both are still live is each statement's business,
 * so a dead token's request that also fails validation gets the 422 where the domain answers 401.
 */
function callerOf(token: string): { sub: string; sid: string } {
  return tokens.verify(token) ?? userGone();
}

function userGone(): never {
  throw new UnauthorizedError('invalid_token', 'The access token is invalid or has expired.');
}

/** The page size when the listing is the first page in the default order, with no filter. */
function firstPageLimit(query: ListTasksQuery): number | undefined {
  const { limit, sort, ...filters } = query;
  const plain = sort === '-createdAt' && Object.keys(filters).length === 0;
  // Ajv coerces `?limit=Infinity` to a number its bounds skip; the domain answers that one.
  return plain && Number.isSafeInteger(limit) ? limit : undefined;
}

function page(rows: JoinedRow[], limit: number): TaskPage {
  if (rows.length === 0) userGone();
  const tasks = rows[0]!.id === null ? [] : (rows as TaskRow[]);
  const last = tasks.length > limit ? tasks[limit - 1] : undefined;
  return {
    data: tasks.slice(0, limit).map(taskOf),
    nextCursor: last ? cursorAfter(last) : null,
  };
}

/** The cursor the domain would issue after this row, in the default order: its own encoder. */
function cursorAfter(row: TaskRow): string {
  return encodeCursor('-createdAt', { value: row.created_at, id: row.id });
}

/** The contract's Task, with its fields in the domain's order. */
function taskOf(row: TaskRow): Task {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status,
    priority: row.priority,
    dueDate: row.due_date,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
