export { fakeDomain, principal, session } from './fake-domain.js';
export { expectProblem, expectProblemResponse } from './problem.js';
export { uniqueAccount, useRealDomain } from './real-domain.js';
export { closedRedisUrl } from './redis.js';
export { describeServerLifecycle } from './server-lifecycle.js';
