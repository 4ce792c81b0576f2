// OWASP's API Security Top 10 ruleset, run by `npm run lint` over openapi.yaml. Each exception below
// says why the rule does not fit that part of this API; everything else must pass as the ruleset has it.
import owasp from '@stoplight/spectral-owasp-ruleset';

/** Operations anyone may call: signing up and in, and the ops endpoints a load balancer probes. */
const PUBLIC = [
  '#/paths/~1auth~1register',
  '#/paths/~1auth~1login',
  '#/paths/~1auth~1refresh',
  '#/paths/~1auth~1logout',
  '#/paths/~1health',
  '#/paths/~1health~1ready',
  '#/paths/~1openapi.json',
  '#/paths/~1docs',
];

/** Operations limited per client in every starter (login and register share one budget). */
const RATE_LIMITED = ['#/paths/~1auth~1register', '#/paths/~1auth~1login'];

/** Operations that take no parameters and no body, so nothing in them can fail validation. */
const NO_INPUT = [
  '#/paths/~1auth~1sessions/get',
  '#/paths/~1auth~1sessions/delete',
  '#/paths/~1users~1me/get',
  '#/paths/~1users~1me/delete',
  '#/paths/~1health',
  '#/paths/~1health~1ready',
  '#/paths/~1openapi.json',
  '#/paths/~1docs',
  '#/paths/~1metrics',
];

export default {
  extends: [owasp],
  rules: {
    // Free text (names, titles, messages, user agents) and opaque tokens and cursors have no pattern
    // to state; each is bounded by maxLength instead.
    'owasp:api4:2023-string-restricted': 'off',
    // The one server listed is a starter on the developer's own machine, which serves plain HTTP; in
    // production TLS ends at the proxy in front (see the starters' READMEs).
    'owasp:api8:2023-no-server-http': 'off',
    // Only the credential operations are rate-limited in the app, and those two rules are on for them
    // below. Every other operation either needs a valid token or costs one indexed query, and guessing a
    // refresh token (256 random bits) is hopeless; a general request-rate limit belongs in the proxy in
    // front (nginx's limit_req, say), where it costs nothing per request, not in a counter in Redis
    // that would add a round trip to every call.
    'owasp:api4:2023-rate-limit': 'off',
    'owasp:api4:2023-rate-limit-responses-429': 'off',
  },
  overrides: [
    {
      // The credential operations: every answer carries the RateLimit headers, and 429 is documented.
      files: RATE_LIMITED.map((pointer) => `openapi.yaml${pointer}`),
      rules: {
        'owasp:api4:2023-rate-limit': 'error',
        'owasp:api4:2023-rate-limit-responses-429': 'error',
      },
    },
    {
      // Public by design: they cannot require a token, and so never answer 401 for lack of one.
      files: PUBLIC.map((pointer) => `openapi.yaml${pointer}`),
      rules: {
        'owasp:api2:2023-write-restricted': 'off',
        'owasp:api2:2023-read-restricted': 'off',
        'owasp:api8:2023-define-error-responses-401': 'off',
      },
    },
    {
      // No input: a 400 or 422 would be a response these operations can never give.
      files: NO_INPUT.map((pointer) => `openapi.yaml${pointer}`),
      rules: { 'owasp:api8:2023-define-error-validation': 'off' },
    },
  ],
};
