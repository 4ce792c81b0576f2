/**
 * The domain on node:http: the bench's scenarios on plain `node:http` over the same `@rosetta/domain`
 * the starters use, doing the same work a starter must do for them (bearer authentication through the
 * domain, validation with the contract's schemas under the shared Ajv options, JSON bodies up to
 * 100 kB, problem+json errors, ETag and Location) and nothing else (see ./http.ts). No framework over
 * this domain can be faster at the same work, so a starter's figure divided by this one is what the
 * framework and its production features cost; this one divided by sql-limit's is what the domain costs.
 */
import type { ListTasksQuery } from '@rosetta/domain';
import { startServices } from '@rosetta/runtime';
import { formatEtag, type CreateTaskRequest } from '@rosetta/shared-contract';
import { bearerToken, check, readJson, send, serveReference } from './http.js';

// Start-up as every starter's: the same config, logger, Redis (if set) and domain.
const services = await startServices(process.env);
const { domain } = services;

const TASK_PATH = /^\/tasks\/([^/]+)$/;

serveReference(services, async (req, res, url) => {
  const { pathname } = url;
  if (pathname === '/tasks' && req.method === 'GET') {
    const principal = await domain.auth.authenticate(bearerToken(req));
    const query = check('listTasks', 'query', Object.fromEntries(url.searchParams));
    send(res, 200, await domain.tasks.list(principal, query as ListTasksQuery));
    return true;
  }
  if (pathname === '/tasks' && req.method === 'POST') {
    const principal = await domain.auth.authenticate(bearerToken(req));
    const body = check('createTask', 'body', await readJson(req)) as CreateTaskRequest;
    const { task, version } = await domain.tasks.create(principal, body);
    send(res, 201, task, { location: `/tasks/${task.id}`, etag: formatEtag(version) });
    return true;
  }
  const id = TASK_PATH.exec(pathname)?.[1];
  if (id !== undefined && req.method === 'GET') {
    const principal = await domain.auth.authenticate(bearerToken(req));
    check('getTask', 'params', { id: decodeURIComponent(id) });
    const { task, version } = await domain.tasks.get(principal, decodeURIComponent(id));
    send(res, 200, task, { etag: formatEtag(version) });
    return true;
  }
  return false;
});
