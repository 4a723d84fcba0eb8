// pg-boss 12 declares Node >= 22.12 but runs on Node 20.19+: its test suite here (tests/jobs, the e-mail and
// certificate jobs) passes on Node 20 against PGlite and PostgreSQL. The workspace keeps engine-strict for
// every other package; this is the one reviewed exception (docs/adr/0003-jobs-with-pg-boss.md).
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === 'pg-boss') pkg.engines = { ...pkg.engines, node: '>=20.19' };
      return pkg;
    },
  },
};
