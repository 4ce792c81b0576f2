import { envSchema, loadConfig } from '@rosetta/runtime';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IProbe } from 'kubernetes-models/v1/Probe';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';

/**
 * What deploy/kubernetes/ must hold beyond the API's schemas, each rule a function that lists what
 * breaks it (empty when it holds), so a test can show both that the manifests keep a rule and that
 * manifests which break it are caught.
 */
export interface Manifests {
  deployment: IDeployment;
  service: IService;
  pdb: IPodDisruptionBudget;
  configMap: IConfigMap;
  /** secret.example.yaml: the Secret's keys, with placeholders. */
  secret: ISecret;
}

/** The variables that are secrets, and so belong in the Secret, never the ConfigMap. */
const SECRET_NAMES = ['JWT_SECRET', 'DATABASE_URL', 'REDIS_URL', 'ADMIN_EMAIL', 'ADMIN_PASSWORD'];
/** The `node` user of the node images the Dockerfile builds on. */
const IMAGE_UID = 1000;

function app(m: Manifests): IContainer {
  const container = m.deployment.spec?.template.spec?.containers[0];
  if (!container) throw new Error('the Deployment has no container');
  return container;
}

function podLabels(m: Manifests): Record<string, string> {
  return m.deployment.spec?.template.metadata?.labels ?? {};
}

/** Whether every label a selector asks for is on the pods. */
function selects(selector: Record<string, string> | undefined, labels: Record<string, string>) {
  const wanted = Object.entries(selector ?? {});
  return wanted.length > 0 && wanted.every(([key, value]) => labels[key] === value);
}

/** The container port a probe or Service names, by name or number, if the container has it. */
function containerPort(m: Manifests, port: number | string | undefined): number | undefined {
  return app(m).ports?.find((p) => p.name === port || p.containerPort === port)?.containerPort;
}

function shutdownTimeoutMs(m: Manifests): number {
  const set = m.configMap.data?.SHUTDOWN_TIMEOUT_MS;
  return set === undefined ? envSchema.properties.SHUTDOWN_TIMEOUT_MS.default : Number(set);
}

/** Readiness on /health/ready, liveness and start-up on /health, each on the app's port. */
export function probeProblems(m: Manifests, imagePort: number): string[] {
  const problems: string[] = [];
  const expect = (name: string, probe: IProbe | undefined, path: string) => {
    if (probe?.httpGet?.path !== path) problems.push(`${name} must GET ${path}`);
    else if (containerPort(m, probe.httpGet.port) !== imagePort)
      problems.push(`${name} must probe the app's port, ${imagePort}`);
  };
  const container = app(m);
  expect('readinessProbe', container.readinessProbe, '/health/ready');
  expect('livenessProbe', container.livenessProbe, '/health');
  expect('startupProbe', container.startupProbe, '/health');
  return problems;
}

/** The kubelet's SIGKILL comes after preStop's sleep and the app's own drain deadline, not during. */
export function shutdownProblems(m: Manifests): string[] {
  const preStop = app(m).lifecycle?.preStop;
  const command = preStop?.exec?.command ?? [];
  const sleep =
    preStop?.sleep?.seconds ?? (command[0] === 'sleep' ? Number(command[1]) : Number.NaN);
  if (!(sleep > 0)) return ['preStop must sleep, so endpoints drop the pod before SIGTERM'];
  const grace = m.deployment.spec?.template.spec?.terminationGracePeriodSeconds ?? 30;
  const needed = sleep + shutdownTimeoutMs(m) / 1000;
  return grace > needed
    ? []
    : [
        `terminationGracePeriodSeconds (${grace}) must exceed preStop + SHUTDOWN_TIMEOUT_MS (${needed} s)`,
      ];
}

/** Non-root, no privilege to gain, no capabilities, a read-only filesystem, RuntimeDefault seccomp. */
export function securityProblems(m: Manifests): string[] {
  const pod = m.deployment.spec?.template.spec?.securityContext ?? {};
  const own = app(m).securityContext ?? {};
  // The container's own settings win over the pod's.
  const effective = { ...pod, ...own };
  const problems: string[] = [];
  if (effective.runAsNonRoot !== true) problems.push('runAsNonRoot must be true');
  if (effective.runAsUser !== IMAGE_UID)
    problems.push(`runAsUser must be ${IMAGE_UID}, the image's node`);
  if (own.allowPrivilegeEscalation !== false)
    problems.push('allowPrivilegeEscalation must be false');
  if (own.readOnlyRootFilesystem !== true) problems.push('readOnlyRootFilesystem must be true');
  if (!own.capabilities?.drop?.includes('ALL')) problems.push('capabilities must drop ALL');
  if (effective.seccompProfile?.type !== 'RuntimeDefault')
    problems.push('seccompProfile must be RuntimeDefault');
  return problems;
}

/** Requests for scheduling and limits for containment, for both CPU and memory. */
export function resourceProblems(m: Manifests): string[] {
  const { requests = {}, limits = {} } = app(m).resources ?? {};
  return ['cpu', 'memory'].flatMap((resource) => [
    ...(requests[resource] === undefined ? [`no ${resource} request`] : []),
    ...(limits[resource] === undefined ? [`no ${resource} limit`] : []),
  ]);
}

/**
 * Two replicas or more, which the Deployment, the PodDisruptionBudget and the Service all select; the
 * budget leaves room to evict one (else a node drain never ends); the Service reaches the app's port.
 */
export function selectionProblems(m: Manifests): string[] {
  const labels = podLabels(m);
  const replicas = m.deployment.spec?.replicas ?? 1;
  const problems: string[] = [];
  if (replicas < 2) problems.push(`${replicas} replica: one pod down is the app down`);
  if (!selects(m.deployment.spec?.selector.matchLabels, labels))
    problems.push("the Deployment's selector does not select its pods");
  if (!selects(m.pdb.spec?.selector?.matchLabels, labels))
    problems.push('the PodDisruptionBudget does not select the pods');
  const { minAvailable, maxUnavailable } = m.pdb.spec ?? {};
  const evictable =
    typeof minAvailable === 'number'
      ? minAvailable >= 1 && minAvailable < replicas
      : maxUnavailable === 1;
  if (!evictable) problems.push('the PodDisruptionBudget must keep one pod and let one go');
  if (!selects(m.service.spec?.selector, labels))
    problems.push('the Service does not select the pods');
  for (const port of m.service.spec?.ports ?? []) {
    if (containerPort(m, port.targetPort ?? port.port) === undefined)
      problems.push(`the Service's port ${port.port} targets no port of the container`);
  }
  return problems;
}

/**
 * The container reads the ConfigMap and the Secret whole; between them they set only variables of
 * the start contract, with the secrets in the Secret and nothing secret in the ConfigMap.
 */
export function configProblems(m: Manifests): string[] {
  const sources = app(m).envFrom ?? [];
  const problems: string[] = [];
  if (!sources.some((s) => s.configMapRef?.name === m.configMap.metadata?.name))
    problems.push(`the container does not read the ConfigMap ${m.configMap.metadata?.name}`);
  if (!sources.some((s) => s.secretRef?.name === m.secret.metadata?.name))
    problems.push(`the container does not read the Secret ${m.secret.metadata?.name}`);
  const known = new Set(Object.keys(envSchema.properties));
  const configKeys = Object.keys(m.configMap.data ?? {});
  const secretKeys = Object.keys(m.secret.stringData ?? m.secret.data ?? {});
  for (const key of [...configKeys, ...secretKeys]) {
    if (!known.has(key)) problems.push(`${key} is not a variable the starters read`);
  }
  for (const key of configKeys.filter((k) => SECRET_NAMES.includes(k)))
    problems.push(`${key} is a secret, in the ConfigMap`);
  for (const key of ['JWT_SECRET', 'DATABASE_URL', 'REDIS_URL'].filter(
    (k) => !secretKeys.includes(k),
  ))
    problems.push(`the Secret has no ${key}`);
  return problems;
}

/**
 * The start contract's verdict on the pods' environment: the image's, the ConfigMap's, then the
 * Secret's `values`. Empty when a pod would start, and then it trusts the proxy in front.
 */
export function startProblems(
  m: Manifests,
  imageEnv: Record<string, string>,
  values: Record<string, string>,
): string[] {
  try {
    const config = loadConfig({ ...imageEnv, ...m.configMap.data, ...values });
    return config.trustProxy === false ? ['the pods trust no proxy'] : [];
  } catch (error) {
    return (error as { problems?: string[] }).problems ?? [String(error)];
  }
}
