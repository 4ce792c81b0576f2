import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageEnvironment } from './support/dockerfile.js';
import { modelError } from './support/kubernetes-models.js';
import {
  configProblems,
  probeProblems,
  resourceProblems,
  securityProblems,
  selectionProblems,
  shutdownProblems,
  startProblems,
  type Manifests,
} from './support/kubernetes-rules.js';
import { readText, readYaml, readYamlDocuments, repoRoot } from './support/yaml.js';

const folder = 'deploy/kubernetes';
const files = readdirSync(resolve(repoRoot, folder)).filter((f) => f.endsWith('.yaml'));
const objects = files
  .filter((file) => file !== 'kustomization.yaml')
  .flatMap((file) =>
    readYamlDocuments(`${folder}/${file}`).map((object) => ({
      file,
      object: object as { kind: string },
    })),
  );

function theOne<T>(kind: string): T {
  const found = objects.filter((o) => o.object.kind === kind);
  if (found.length !== 1)
    throw new Error(`expected one ${kind} in ${folder}, found ${found.length}`);
  return found[0]!.object as T;
}

const manifests: Manifests = {
  deployment: theOne('Deployment'),
  service: theOne('Service'),
  pdb: theOne('PodDisruptionBudget'),
  configMap: theOne('ConfigMap'),
  secret: theOne('Secret'),
};
const imageEnv = imageEnvironment(readText('Dockerfile'));
const imagePort = Number(imageEnv.PORT);

/** The manifests with one change, to show that a rule catches it. */
function changed(change: (copy: Manifests) => void): Manifests {
  const copy = structuredClone(manifests);
  change(copy);
  return copy;
}
const container = (m: Manifests) => m.deployment.spec!.template.spec!.containers[0]!;

describe('the manifests against the Kubernetes API schemas (kubernetes-models)', () => {
  it.each(objects.map(({ file, object }) => [`${file}: ${object.kind}`, object]))(
    '%s is valid',
    async (_name, object) => {
      expect(await modelError(object)).toBeUndefined();
    },
  );

  it('would be refused with a field of the wrong type, or a kind that does not exist', async () => {
    const wrong = changed((m) => Object.assign(m.deployment.spec!, { replicas: 'two' }));
    expect(await modelError(wrong.deployment)).toBe('data/spec/replicas must be integer');
    expect(await modelError({ apiVersion: 'apps/v1', kind: 'Deploymint' })).toBe(
      'no model for apps/v1 Deploymint',
    );
  });
});

describe('kustomization.yaml', () => {
  const kustomization = readYaml(`${folder}/kustomization.yaml`) as {
    resources: string[];
    images: { name: string }[];
  };

  it('applies every manifest but the example Secret, and sets the image the Deployment names', () => {
    const expected = files.filter(
      (f) => !['kustomization.yaml', 'secret.example.yaml'].includes(f),
    );
    expect([...kustomization.resources].sort()).toEqual(expected.sort());
    expect(kustomization.images.map((i) => i.name)).toEqual([container(manifests).image]);
  });
});

describe('the Deployment', () => {
  it('probes readiness on /health/ready, liveness and start-up on /health, on the app port', () => {
    expect(probeProblems(manifests, imagePort)).toEqual([]);
  });

  it('is caught probing readiness on /health, or a port the container does not have', () => {
    const broken = changed((m) => {
      container(m).readinessProbe!.httpGet!.path = '/health';
      container(m).livenessProbe!.httpGet!.port = 8080;
      delete container(m).startupProbe;
    });
    expect(probeProblems(broken, imagePort)).toEqual([
      'readinessProbe must GET /health/ready',
      "livenessProbe must probe the app's port, 3000",
      'startupProbe must GET /health',
    ]);
  });

  it('gives preStop and the drain (SHUTDOWN_TIMEOUT_MS) time before SIGKILL', () => {
    expect(shutdownProblems(manifests)).toEqual([]);
  });

  it('is caught with a grace period too short for them, or no preStop sleep', () => {
    const longer = changed((m) => (m.configMap.data!.SHUTDOWN_TIMEOUT_MS = '25000'));
    expect(shutdownProblems(longer)).toEqual([
      'terminationGracePeriodSeconds (30) must exceed preStop + SHUTDOWN_TIMEOUT_MS (35 s)',
    ]);
    const none = changed((m) => delete container(m).lifecycle);
    expect(shutdownProblems(none)).toEqual([
      'preStop must sleep, so endpoints drop the pod before SIGTERM',
    ]);
  });

  it('runs as the non-root node user with no privilege, capability or writable filesystem', () => {
    expect(securityProblems(manifests)).toEqual([]);
  });

  it('is caught running as root, or with any of those given back', () => {
    const root = changed((m) => {
      m.deployment.spec!.template.spec!.securityContext = {};
      container(m).securityContext = { runAsNonRoot: false, capabilities: { drop: ['NET_RAW'] } };
    });
    expect(securityProblems(root)).toEqual([
      'runAsNonRoot must be true',
      "runAsUser must be 1000, the image's node",
      'allowPrivilegeEscalation must be false',
      'readOnlyRootFilesystem must be true',
      'capabilities must drop ALL',
      'seccompProfile must be RuntimeDefault',
    ]);
  });

  it('requests and limits CPU and memory', () => {
    expect(resourceProblems(manifests)).toEqual([]);
    const unlimited = changed((m) => (container(m).resources = { requests: { cpu: '100m' } }));
    expect(resourceProblems(unlimited)).toEqual([
      'no cpu limit',
      'no memory request',
      'no memory limit',
    ]);
  });
});

describe('the Deployment, PodDisruptionBudget and Service', () => {
  it('select the same pods, and the Service reaches the container port', () => {
    expect(selectionProblems(manifests)).toEqual([]);
  });

  it('are caught selecting other pods, blocking every eviction, or targeting another port', () => {
    const broken = changed((m) => {
      m.pdb.spec!.selector = { matchLabels: { 'app.kubernetes.io/name': 'other' } };
      m.pdb.spec!.minAvailable = 2;
      m.service.spec!.selector = { app: 'rosetta' };
      m.service.spec!.ports![0]!.targetPort = 'https';
    });
    expect(selectionProblems(broken)).toEqual([
      'the PodDisruptionBudget does not select the pods',
      'the PodDisruptionBudget must keep one pod and let one go',
      'the Service does not select the pods',
      "the Service's port 80 targets no port of the container",
    ]);
    const single = changed((m) => (m.deployment.spec!.replicas = 1));
    expect(selectionProblems(single)).toEqual([
      '1 replica: one pod down is the app down',
      'the PodDisruptionBudget must keep one pod and let one go',
    ]);
  });
});

describe('configuration', () => {
  it('comes from the ConfigMap and the Secret, each holding only what belongs in it', () => {
    expect(configProblems(manifests)).toEqual([]);
  });

  it('is caught with a secret in the ConfigMap, a key no starter reads, or no JWT_SECRET', () => {
    const broken = changed((m) => {
      m.configMap.data!.JWT_SECRET = 'x'.repeat(64);
      m.configMap.data!.LOGLEVEL = 'debug';
      delete m.secret.stringData!.JWT_SECRET;
    });
    expect(configProblems(broken)).toEqual([
      'LOGLEVEL is not a variable the starters read',
      'JWT_SECRET is a secret, in the ConfigMap',
      'the Secret has no JWT_SECRET',
    ]);
  });

  it('starts a pod once the Secret has real values, and trusts the proxy in front', () => {
    const values = {
      JWT_SECRET: 'x'.repeat(64),
      DATABASE_URL: 'postgres://rosetta:password@postgres:5432/rosetta',
      REDIS_URL: 'redis://redis:6379',
    };
    expect(startProblems(manifests, imageEnv, values)).toEqual([]);
    const untrusting = changed((m) => (m.configMap.data!.TRUST_PROXY = 'false'));
    expect(startProblems(untrusting, imageEnv, values)).toEqual(['the pods trust no proxy']);
  });

  it("cannot start from secret.example.yaml's placeholders: each one is refused", () => {
    const placeholders = manifests.secret.stringData!;
    const problems = startProblems(manifests, imageEnv, placeholders);
    for (const key of Object.keys(placeholders)) {
      expect(
        problems.some((p) => p.startsWith(`${key} `)),
        `${key}: ${problems.join('; ')}`,
      ).toBe(true);
    }
  });
});
