// Generated from openapi.yaml by scripts/generate.ts. Do not edit; run `npm run generate`.
export interface paths {
  '/auth/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create an account and sign in */
    post: operations['register'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sign in with email and password
     * @description A wrong password and an unknown email give the same 401, so the response never tells which emails have accounts. Limited per client, and per email from any client (`ACCOUNT_RATE_LIMIT_MAX` attempts in `ACCOUNT_RATE_LIMIT_WINDOW_SECONDS`; a success starts the count again): past either, 429.
     */
    post: operations['login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Exchange a refresh token for a new token pair
     * @description Refresh tokens rotate: each one works once. Presenting one that was already used ends the
     *     session it belongs to (every token descended from the same sign-in, access tokens included) and
     *     answers 401. Of two concurrent requests with the same token, exactly one succeeds; the other is
     *     reuse like any other (a client should refresh one request at a time). A session lasts at most
     *     `SESSION_MAX_AGE_SECONDS` from sign-in (90 days by default), however often it is refreshed.
     */
    post: operations['refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * End the session of a refresh token
     * @description Ends the session the token belongs to: its refresh token and its access tokens stop working at
     *     once. Logging out twice, or with an unknown token, also answers 204.
     */
    post: operations['logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/sessions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's signed-in sessions
     * @description One entry per sign-in that has not ended (not signed out, revoked or past its lifetime), newest
     *     first, the one the access token belongs to marked `current`.
     */
    get: operations['listSessions'];
    put?: never;
    post?: never;
    /**
     * Sign out everywhere else
     * @description Ends every session of the caller but the current one; their tokens stop working at once.
     */
    delete: operations['deleteOtherSessions'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/auth/sessions/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id, a UUID in its hyphenated form (either case; not `urn:uuid:…`). */
        id: components['parameters']['Id'];
      };
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Sign out one session
     * @description Ends one of the caller's sessions (the current one included): its refresh token and its access
     *     tokens stop working at once. Another user's session, or one that has ended, is 404.
     */
    delete: operations['deleteSession'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's account */
    get: operations['getMe'];
    put?: never;
    post?: never;
    /**
     * Delete the caller's account and all of its tasks
     * @description The only admin account cannot be deleted (`409 last_admin`): make another account admin first.
     */
    delete: operations['deleteMe'];
    options?: never;
    head?: never;
    /**
     * Change the caller's name or password
     * @description Changing the password needs the current one, and ends every other session of the account: their
     *     refresh and access tokens stop working at once. Attempts at the current password are limited per
     *     account (`ACCOUNT_RATE_LIMIT_MAX` in `ACCOUNT_RATE_LIMIT_WINDOW_SECONDS`): past that, 429.
     */
    patch: operations['updateMe'];
    trace?: never;
  };
  '/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List accounts (admins only) */
    get: operations['listUsers'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id, a UUID in its hyphenated form (either case; not `urn:uuid:…`). */
        id: components['parameters']['Id'];
      };
      cookie?: never;
    };
    /** One account (admins only) */
    get: operations['getUser'];
    put?: never;
    post?: never;
    /**
     * Delete an account and its tasks (admins only)
     * @description Admins delete their own account through `DELETE /users/me`, not here.
     */
    delete: operations['deleteUser'];
    options?: never;
    head?: never;
    /**
     * Change an account's role (admins only)
     * @description An admin cannot change their own role here, so the last admin cannot lock everyone out.
     */
    patch: operations['updateUser'];
    trace?: never;
  };
  '/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * List the caller's tasks
     * @description Filters combine with AND. Pages are cut by keyset (a cursor names the last row seen), so walking
     *     the pages while other tasks are being added never repeats or skips a task that existed when the
     *     walk began. A cursor only works with the same `sort` it was issued for.
     */
    get: operations['listTasks'];
    put?: never;
    /** Create a task */
    post: operations['createTask'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/tasks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id, a UUID in its hyphenated form (either case; not `urn:uuid:…`). */
        id: components['parameters']['Id'];
      };
      cookie?: never;
    };
    /**
     * One of the caller's tasks
     * @description Another user's task answers 404, exactly as a task that does not exist.
     */
    get: operations['getTask'];
    put?: never;
    post?: never;
    /** Delete one of the caller's tasks */
    delete: operations['deleteTask'];
    options?: never;
    head?: never;
    /**
     * Change one of the caller's tasks
     * @description With `If-Match`, the change applies only if the task is still at that ETag (optimistic concurrency).
     */
    patch: operations['updateTask'];
    trace?: never;
  };
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness
     * @description Answers while the process can serve HTTP, whatever the state of the database.
     */
    get: operations['getHealth'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness
     * @description Answers 200 only while the database answers, so a load balancer sends traffic only then.
     */
    get: operations['getReadiness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/openapi.json': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** This contract, as JSON */
    get: operations['getOpenApi'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/docs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Interactive API reference */
    get: operations['getDocs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics
     * @description The server's metrics in the Prometheus text format, named after OpenTelemetry's semantic
     *     conventions: `http_server_request_duration_seconds` by `http_request_method`, `http_route` (the
     *     path template, never the path) and `http_response_status_code`; `http_server_active_requests`;
     *     the database pool (`db_client_connection_*`); and Node's process metrics (`process_*`,
     *     `nodejs_*`).
     *
     *     Served only when the server runs with `METRICS_ENABLED=true`; otherwise this path is a 404 like
     *     any unknown one. With `METRICS_TOKEN` set, a scrape must send it as a bearer token; without
     *     one, anyone who reaches the server can read its metrics.
     */
    get: operations['getMetrics'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    /** Format: uuid */
    Id: string;
    /** Format: date-time */
    Timestamp: string;
    /** Format: email */
    Email: string;
    /**
     * @description Text that PostgreSQL stores exactly as sent: no NUL characters (which `text` cannot hold) and no
     *     unpaired UTF-16 surrogates (which have no UTF-8 form and would be silently replaced).
     */
    Text: string;
    Password: string;
    PersonName: string & components['schemas']['Text'];
    /** @enum {string} */
    Role: 'user' | 'admin';
    User: {
      id: components['schemas']['Id'];
      email: components['schemas']['Email'];
      name: components['schemas']['PersonName'];
      role: components['schemas']['Role'];
      createdAt: components['schemas']['Timestamp'];
      updatedAt: components['schemas']['Timestamp'];
    };
    UserPage: {
      /** @description At most `limit` items (100 at most). */
      data: components['schemas']['User'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    RegisterRequest: {
      email: components['schemas']['Email'];
      password: components['schemas']['Password'];
      name: components['schemas']['PersonName'];
    };
    LoginRequest: {
      email: components['schemas']['Email'];
      password: string;
    };
    RefreshRequest: {
      refreshToken: string;
    };
    TokenPair: {
      /** @description A JWT to send as `Authorization: Bearer <token>`. */
      accessToken: string;
      /** @description An opaque token for `/auth/refresh`; it works once. */
      refreshToken: string;
      /** @constant */
      tokenType: 'Bearer';
      /**
       * Format: int32
       * @description Seconds until the access token expires.
       */
      expiresIn: number;
    };
    AuthSession: {
      user: components['schemas']['User'];
      accessToken: string;
      refreshToken: string;
      /** @constant */
      tokenType: 'Bearer';
      /** Format: int32 */
      expiresIn: number;
    };
    Session: {
      id: components['schemas']['Id'];
      /** @description Whether the access token of this request belongs to this session. */
      current: boolean;
      createdAt: components['schemas']['Timestamp'];
      /** @description The sign-in, or the last time its refresh token was exchanged. */
      lastUsedAt: components['schemas']['Timestamp'];
      /** @description When the session ends however often it is refreshed (`SESSION_MAX_AGE_SECONDS`). */
      expiresAt: components['schemas']['Timestamp'];
      /** @description The `User-Agent` the sign-in sent, as given (cut at 512 characters); null if none. */
      userAgent: string | null;
      /** @description The address the sign-in came from, as the server saw it (behind `TRUST_PROXY`). */
      ipAddress: string | null;
    };
    SessionList: {
      /** @description The 100 newest at most. */
      data: components['schemas']['Session'][];
    };
    UpdateMeRequest: {
      name?: components['schemas']['PersonName'];
      password?: components['schemas']['Password'];
      currentPassword?: string;
    };
    UpdateUserRequest: {
      role: components['schemas']['Role'];
    };
    /** @enum {string} */
    TaskStatus: 'todo' | 'in_progress' | 'done';
    /** @enum {string} */
    TaskPriority: 'low' | 'medium' | 'high';
    TaskTitle: string & components['schemas']['Text'];
    TaskDescription: string | null;
    Task: {
      id: components['schemas']['Id'];
      title: components['schemas']['TaskTitle'];
      description: components['schemas']['TaskDescription'];
      status: components['schemas']['TaskStatus'];
      priority: components['schemas']['TaskPriority'];
      /**
       * Format: date-time
       * @description When the task is due, if ever.
       */
      dueDate: string | null;
      createdAt: components['schemas']['Timestamp'];
      updatedAt: components['schemas']['Timestamp'];
    };
    CreateTaskRequest: {
      title: components['schemas']['TaskTitle'];
      description?: components['schemas']['TaskDescription'];
      status?: components['schemas']['TaskStatus'];
      priority?: components['schemas']['TaskPriority'];
      /**
       * Format: date-time
       * @description Any RFC 3339 date-time whose instant falls in years 0000–9999 UTC; others answer 422.
       */
      dueDate?: string | null;
    };
    UpdateTaskRequest: {
      title?: components['schemas']['TaskTitle'];
      description?: components['schemas']['TaskDescription'];
      status?: components['schemas']['TaskStatus'];
      priority?: components['schemas']['TaskPriority'];
      /**
       * Format: date-time
       * @description Any RFC 3339 date-time whose instant falls in years 0000–9999 UTC; others answer 422.
       */
      dueDate?: string | null;
    };
    TaskPage: {
      /** @description At most `limit` items (100 at most). */
      data: components['schemas']['Task'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    Health: {
      /** @constant */
      status: 'ok';
    };
    Readiness: {
      /** @constant */
      status: 'ok';
      checks: components['schemas']['Checks'];
    };
    Checks: {
      /** @enum {string} */
      database: 'ok' | 'unavailable';
    };
    /**
     * @description A stable, machine-readable error code; clients branch on this, never on `title` or `detail`. `bad_request` (400), `request_timeout` (408) and `request_header_fields_too_large` (431) answer requests the HTTP parser rejects before any operation is matched, so no operation lists them.
     * @enum {string}
     */
    ProblemCode:
      | 'bad_request'
      | 'malformed_json'
      | 'unauthorized'
      | 'invalid_token'
      | 'invalid_credentials'
      | 'invalid_refresh_token'
      | 'forbidden'
      | 'current_password_incorrect'
      | 'not_found'
      | 'method_not_allowed'
      | 'email_taken'
      | 'cannot_modify_self'
      | 'last_admin'
      | 'request_timeout'
      | 'precondition_failed'
      | 'payload_too_large'
      | 'unsupported_media_type'
      | 'validation_failed'
      | 'rate_limited'
      | 'request_header_fields_too_large'
      | 'internal_error'
      | 'service_unavailable';
    /** @description One violation. `pointer` is a JSON Pointer into the body; `parameter` names a query or path parameter. */
    ValidationError: {
      detail: string;
      pointer?: string;
      parameter?: string;
    };
    /** @description An RFC 9457 problem detail. */
    Problem: {
      /**
       * Format: uri-reference
       * @description Identifies the kind of problem; one per `code`.
       */
      type: string;
      title: string;
      /** Format: int32 */
      status: number;
      detail: string;
      code: components['schemas']['ProblemCode'];
      /** Format: uri-reference */
      instance?: string;
      /** @description At most the first 50 violations found. */
      errors?: components['schemas']['ValidationError'][];
      checks?: components['schemas']['Checks'];
    };
  };
  responses: {
    /** @description The body is not valid JSON (`malformed_json`). */
    MalformedJson: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /**
     * @description No credentials, or credentials that do not work: `unauthorized` (no token), `invalid_token`
     *     (malformed, expired, wrongly signed, or its session or account has ended), `invalid_credentials`
     *     (login) or `invalid_refresh_token`.
     */
    Unauthorized: {
      headers: {
        'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
        'WWW-Authenticate': components['headers']['WwwAuthenticate'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Authenticated, but not allowed (`forbidden`, or `current_password_incorrect`). */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description No such resource visible to the caller (`not_found`). */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The request conflicts with the current state (`email_taken`, `cannot_modify_self`, and `last_admin` when it would leave no admin account). */
    Conflict: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description `If-Match` no longer matches the resource (`precondition_failed`). */
    PreconditionFailed: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The body is over 100 kB (`payload_too_large`). */
    PayloadTooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The body is not `application/json` (`unsupported_media_type`). */
    UnsupportedMediaType: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description The body, query or path breaks the schema (`validation_failed`); `errors` lists every violation. */
    ValidationFailed: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description A bug on the server (`internal_error`): the problem says nothing more, and the server logs the cause. No request to a correct server provokes one. */
    InternalError: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /**
     * @description The database is unreachable (`service_unavailable`); nothing the client can rely on happened.
     *     Retry after `Retry-After` seconds. A write answered this way may still have been committed if
     *     the connection broke after the database received it, so check before repeating a create.
     */
    ServiceUnavailable: {
      headers: {
        'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
        'Retry-After': components['headers']['RetryAfter'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
    /** @description Too many attempts from this client, or at this account from any client (`rate_limited`). */
    TooManyRequests: {
      headers: {
        'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
        'Retry-After': components['headers']['RetryAfter'];
        [name: string]: unknown;
      };
      content: {
        'application/problem+json': components['schemas']['Problem'];
      };
    };
  };
  parameters: {
    /** @description The resource's id, a UUID in its hyphenated form (either case; not `urn:uuid:…`). */
    Id: string;
    /** @description Page size. */
    Limit: number;
    /** @description The `nextCursor` of the previous page. */
    Cursor: string;
  };
  requestBodies: never;
  headers: {
    /** @description The request's `Origin`, echoed when it is one of the server's `CORS_ORIGINS`; absent otherwise, so a browser on any other origin cannot read the response. */
    'Access-Control-Allow-Origin': string;
    /** @description The version of the task, for `If-Match` and `If-None-Match`. */
    ETag: string;
    /** @description Where the new resource lives. */
    Location: string;
    /** @description The authentication scheme to use. */
    WwwAuthenticate: string;
    /** @description Seconds to wait before trying again. */
    RetryAfter: number;
    /** @description Attempts at login and register one client may make in a window (the IETF RateLimit header fields, draft 6: sent on every answer to those two operations, whatever its status). */
    RateLimitLimit: number;
    /** @description Attempts this client has left in the current window. */
    RateLimitRemaining: number;
    /** @description Seconds until the current window ends and the client's budget is whole again. */
    RateLimitReset: number;
    /** @description The limit and its window in seconds, as `limit;w=seconds`. */
    RateLimitPolicy: string;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  register: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RegisterRequest'];
      };
    };
    responses: {
      /** @description The account was created; the response signs the new user in. */
      201: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuthSession'];
        };
      };
      /** @description The body is not valid JSON (`malformed_json`). */
      400: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The email already has an account (`email_taken`). */
      409: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is over 100 kB (`payload_too_large`). */
      413: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`). */
      415: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body, query or path breaks the schema (`validation_failed`); `errors` lists every violation. */
      422: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many attempts at login and register from this client (`rate_limited`). */
      429: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'Retry-After': components['headers']['RetryAfter'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginRequest'];
      };
    };
    responses: {
      /** @description Signed in. */
      200: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuthSession'];
        };
      };
      /** @description The body is not valid JSON (`malformed_json`). */
      400: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /**
       * @description No credentials, or credentials that do not work: `unauthorized` (no token), `invalid_token`
       *     (malformed, expired, wrongly signed, or its session or account has ended), `invalid_credentials`
       *     (login) or `invalid_refresh_token`.
       */
      401: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'WWW-Authenticate': components['headers']['WwwAuthenticate'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is over 100 kB (`payload_too_large`). */
      413: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body is not `application/json` (`unsupported_media_type`). */
      415: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description The body, query or path breaks the schema (`validation_failed`); `errors` lists every violation. */
      422: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description Too many attempts at login and register from this client, or at this email from any client (`rate_limited`). */
      429: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          'Retry-After': components['headers']['RetryAfter'];
          'RateLimit-Limit': components['headers']['RateLimitLimit'];
          'RateLimit-Remaining': components['headers']['RateLimitRemaining'];
          'RateLimit-Reset': components['headers']['RateLimitReset'];
          'RateLimit-Policy': components['headers']['RateLimitPolicy'];
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshRequest'];
      };
    };
    responses: {
      /** @description A new access token and a new refresh token. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenPair'];
        };
      };
      400: components['responses']['MalformedJson'];
      401: components['responses']['Unauthorized'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshRequest'];
      };
    };
    responses: {
      /** @description The refresh token no longer works. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['MalformedJson'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  listSessions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller's live sessions. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SessionList'];
        };
      };
      401: components['responses']['Unauthorized'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  deleteOtherSessions: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Only the current session is left. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthorized'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  deleteSession: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id, a UUID in its hyphenated form (either case; not `urn:uuid:…`). */
        id: components['parameters']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The session has ended. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  getMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The caller's account. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      401: components['responses']['Unauthorized'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  deleteMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account and its tasks are gone. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthorized'];
      409: components['responses']['Conflict'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  updateMe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateMeRequest'];
      };
    };
    responses: {
      /** @description The updated account. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      400: components['responses']['MalformedJson'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['TooManyRequests'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  listUsers: {
    parameters: {
      query?: {
        /** @description Page size. */
        limit?: components['parameters']['Limit'];
        /** @description The `nextCursor` of the previous page. */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of accounts, oldest first. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserPage'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      422: components['responses']['ValidationFailed'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  getUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id, a UUID in its hyphenated form (either case; not `urn:uuid:…`). */
        id: components['parameters']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  deleteUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id, a UUID in its hyphenated form (either case; not `urn:uuid:…`). */
        id: components['parameters']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The account and its tasks are gone. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['ValidationFailed'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  updateUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id, a UUID in its hyphenated form (either case; not `urn:uuid:…`). */
        id: components['parameters']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateUserRequest'];
      };
    };
    responses: {
      /** @description The updated account. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      400: components['responses']['MalformedJson'];
      401: components['responses']['Unauthorized'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  listTasks: {
    parameters: {
      query?: {
        /** @description Only tasks with this status. */
        status?: components['schemas']['TaskStatus'];
        /** @description Only tasks with this priority. */
        priority?: components['schemas']['TaskPriority'];
        /** @description Case-insensitive text that the title or the description contains. */
        q?: string;
        /** @description Only tasks due strictly before this instant (in years 0000–9999 UTC). */
        dueBefore?: string;
        /** @description Only tasks due strictly after this instant (in years 0000–9999 UTC). */
        dueAfter?: string;
        /** @description The sort key; a leading `-` sorts descending. Ties are broken by id. Tasks with no due date sort last. */
        sort?:
          | 'createdAt'
          | '-createdAt'
          | 'dueDate'
          | '-dueDate'
          | 'priority'
          | '-priority'
          | 'title'
          | '-title';
        /** @description Page size. */
        limit?: components['parameters']['Limit'];
        /** @description The `nextCursor` of the previous page. */
        cursor?: components['parameters']['Cursor'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of tasks. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TaskPage'];
        };
      };
      401: components['responses']['Unauthorized'];
      422: components['responses']['ValidationFailed'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  createTask: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTaskRequest'];
      };
    };
    responses: {
      /** @description The new task. */
      201: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          Location: components['headers']['Location'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Task'];
        };
      };
      400: components['responses']['MalformedJson'];
      401: components['responses']['Unauthorized'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  getTask: {
    parameters: {
      query?: never;
      header?: {
        /** @description An ETag from an earlier response; when it still matches, the answer is 304 with no body. */
        'If-None-Match'?: string;
      };
      path: {
        /** @description The resource's id, a UUID in its hyphenated form (either case; not `urn:uuid:…`). */
        id: components['parameters']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The task. */
      200: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Task'];
        };
      };
      /** @description The task has not changed since the ETag in `If-None-Match`. */
      304: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  deleteTask: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description The resource's id, a UUID in its hyphenated form (either case; not `urn:uuid:…`). */
        id: components['parameters']['Id'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The task is gone. */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  updateTask: {
    parameters: {
      query?: never;
      header?: {
        /** @description An ETag from an earlier response, or `*`. */
        'If-Match'?: string;
      };
      path: {
        /** @description The resource's id, a UUID in its hyphenated form (either case; not `urn:uuid:…`). */
        id: components['parameters']['Id'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTaskRequest'];
      };
    };
    responses: {
      /** @description The updated task. */
      200: {
        headers: {
          'Access-Control-Allow-Origin': components['headers']['Access-Control-Allow-Origin'];
          ETag: components['headers']['ETag'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Task'];
        };
      };
      400: components['responses']['MalformedJson'];
      401: components['responses']['Unauthorized'];
      404: components['responses']['NotFound'];
      412: components['responses']['PreconditionFailed'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      500: components['responses']['InternalError'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  getHealth: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The process is alive. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      500: components['responses']['InternalError'];
    };
  };
  getReadiness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Ready to serve. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
      500: components['responses']['InternalError'];
      /** @description Not ready; `checks` says which dependency is down. */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getOpenApi: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The OpenAPI document. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': {
            openapi: string;
            info: Record<string, never>;
            paths: Record<string, never>;
          };
        };
      };
      500: components['responses']['InternalError'];
    };
  };
  getDocs: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description An HTML page that renders this contract and can call the API. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/html': string;
        };
      };
      500: components['responses']['InternalError'];
    };
  };
  getMetrics: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every metric, in the Prometheus text exposition format 0.0.4. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain; version=0.0.4': string;
        };
      };
      401: components['responses']['Unauthorized'];
      /** @description Metrics are not enabled on this server (`not_found`, as for any unknown path). */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      500: components['responses']['InternalError'];
    };
  };
}
