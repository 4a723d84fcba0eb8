// pg-boss 12 declares Node >= 22.12 but runs on Node 20.19+: its test suite here (tests/jobs, the e-mail and
// certificate jobs) passes on Node 20 against PGlite and PostgreSQL. The workspace keeps engine-strict for
// every other package; this is one of two reviewed exceptions (docs/adr/0003-jobs-with-pg-boss.md).
// The second: kubernetes-models 5 and its @kubernetes-models/* packages (Kubernetes and Gateway API schemas, used only
// by tests/infra to validate infra/k8s) declare Node >= 22 with their ESM-only release; they validate on Node 20, which
// tests/infra proves at every run (docs/adr/0017-infra-on-existing-engines.md).
const NODE_20 = '>=20.19';
const isKubernetesModels = (name) => name === 'kubernetes-models' || name?.startsWith('@kubernetes-models/');

module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === 'pg-boss' || isKubernetesModels(pkg.name)) pkg.engines = { ...pkg.engines, node: NODE_20 };
      return pkg;
    },
  },
};
