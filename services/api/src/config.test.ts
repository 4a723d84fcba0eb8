import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.ts';

describe('[START] PUBLIC_URL is the one public address', () => {
  it('refuses an ORIGIN that disagrees with PUBLIC_URL, naming both', () => {
    const load = () => loadConfig({ PUBLIC_URL: 'https://concord.example.eu', ORIGIN: 'http://localhost:3000' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/ORIGIN.*PUBLIC_URL|PUBLIC_URL.*ORIGIN/);
  });

  it('refuses an ORIGIN set without PUBLIC_URL when it differs from the default address', () => {
    expect(() => loadConfig({ PORT: '3000', ORIGIN: 'https://concord.example.eu' })).toThrow(ConfigError);
  });

  it('accepts an ORIGIN that is the origin of PUBLIC_URL, and gives the portal that origin', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://concord.example.eu/', ORIGIN: 'https://concord.example.eu' });
    expect(config.publicUrl).toBe('https://concord.example.eu');
    expect(config.origin).toBe('https://concord.example.eu');
  });

  it('derives the origin from a PUBLIC_URL with a path', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://example.eu/concord' });
    expect(config.origin).toBe('https://example.eu');
  });
});

describe('[SECURITY] the development mailbox cannot be on a public address by accident', () => {
  it('is off unless DEV_MAILBOX=true', () => {
    expect(loadConfig({}).isDevMailboxEnabled).toBe(false);
    expect(loadConfig({ DEV_MAILBOX: 'true' }).isDevMailboxEnabled).toBe(true);
  });

  it.each([
    'http://localhost:3000',
    'http://concord.localhost',
    'http://127.0.0.1:8080',
    'http://127.1.2.3',
    'http://[::1]:3000',
  ])('may be on at the loopback address %s', (url) => {
    expect(loadConfig({ DEV_MAILBOX: 'true', PUBLIC_URL: url }).isDevMailboxEnabled).toBe(true);
  });

  it.each([
    'https://concord.example.eu',
    'http://0.0.0.0:3000',
    'http://192.168.1.10:3000',
    'http://localhost.example.eu',
    'http://127.0.0.1.example.eu',
    'http://[::ffff:10.0.0.1]',
  ])('refuses to start with it on at %s', (url) => {
    expect(() => loadConfig({ DEV_MAILBOX: 'true', PUBLIC_URL: url })).toThrow(/DEV_MAILBOX.*not a loopback/);
  });

  it('is off whenever real mail is sent (SMTP_URL, always set in production)', () => {
    const withSmtp = { DEV_MAILBOX: 'true', SMTP_URL: 'smtp://127.0.0.1:25', PUBLIC_URL: 'https://concord.example.eu' };
    expect(loadConfig(withSmtp).isDevMailboxEnabled).toBe(false);
    expect(loadConfig({ ...withSmtp, NODE_ENV: 'production' }).isDevMailboxEnabled).toBe(false);
  });
});

describe('[AUDIT] the database roles', () => {
  it('takes the owner’s address apart from the runtime role’s, and refuses it without one', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://concord_app@db.example/concord',
      MIGRATION_DATABASE_URL: 'postgres://concord_owner@db.example/concord',
    });
    expect(config.migrationDatabaseUrl).toBe('postgres://concord_owner@db.example/concord');
    expect(config.allowDatabaseOwnerRole).toBe(false);
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: 'postgres://concord_owner@db.example/concord' })).toThrow(
      /MIGRATION_DATABASE_URL needs DATABASE_URL/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://a@b/c', MIGRATION_DATABASE_URL: 'mysql://x' })).toThrow(
      /MIGRATION_DATABASE_URL/,
    );
  });

  it('starts as a role that could rewrite the audit log only when told to (ALLOW_DATABASE_OWNER_ROLE=true)', () => {
    expect(loadConfig({ ALLOW_DATABASE_OWNER_ROLE: 'true' }).allowDatabaseOwnerRole).toBe(true);
    expect(() => loadConfig({ ALLOW_DATABASE_OWNER_ROLE: 'yes' })).toThrow(/ALLOW_DATABASE_OWNER_ROLE/);
  });
});

describe('[START] what a deployment may set', () => {
  it('lists every variable loadConfig reads, and loadConfig reads nothing else', () => {
    const read = new Set<string>();
    const env = new Proxy<Record<string, string | undefined>>(
      { NODE_ENV: 'production', SMTP_URL: 'smtp://mail.example:587' },
      {
        get(target, key, receiver) {
          if (typeof key === 'string') read.add(key);
          return Reflect.get(target, key, receiver);
        },
        has(target, key) {
          if (typeof key === 'string') read.add(key);
          return Reflect.has(target, key);
        },
      },
    );
    loadConfig(env);
    expect([...read].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('migrates in production without SMTP_URL (pnpm db:migrate sends no e-mail), and serves only with it', () => {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://concord_app@db.example/concord',
      MIGRATION_DATABASE_URL: 'postgres://concord_owner@db.example/concord',
    };
    expect(loadConfig(env, { sendsEmail: false }).migrationDatabaseUrl).toBe(env.MIGRATION_DATABASE_URL);
    expect(() => loadConfig(env)).toThrow(/SMTP_URL is required in production/);
  });
});

describe('[START] a stop has a bounded time', () => {
  it('gives a stop 10 s by default and refuses less than 2 s, naming the variable', () => {
    expect(loadConfig({}).shutdownGraceSeconds).toBe(10);
    expect(loadConfig({ SHUTDOWN_GRACE_SECONDS: '25' }).shutdownGraceSeconds).toBe(25);
    expect(() => loadConfig({ SHUTDOWN_GRACE_SECONDS: '1' })).toThrow(/SHUTDOWN_GRACE_SECONDS/);
  });
});

describe('[METRICS] metrics stay off the public port', () => {
  it('serves none unless METRICS_PORT is set, and then on loopback unless METRICS_HOST says otherwise', () => {
    expect(loadConfig({}).metrics).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ host: '127.0.0.1', port: 9464 });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({
      host: '0.0.0.0',
      port: 9464,
    });
  });

  it('refuses METRICS_PORT equal to PORT, and a port that is not one, naming the variable', () => {
    expect(() => loadConfig({ PORT: '3000', METRICS_PORT: '3000' })).toThrow(/METRICS_PORT \(3000\) is PORT/);
    expect(() => loadConfig({ METRICS_PORT: '3000' })).toThrow(/METRICS_PORT/);
    expect(() => loadConfig({ METRICS_PORT: 'metrics' })).toThrow(/METRICS_PORT/);
    expect(() => loadConfig({ METRICS_PORT: '70000' })).toThrow(/METRICS_PORT/);
  });
});

describe('[TRACES] traces are off unless a collector is named', () => {
  it('traces nothing by default; sends to <endpoint>/v1/traces, or to the traces endpoint itself when given', () => {
    expect(loadConfig({}).tracing).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({
      url: 'http://collector:4318/v1/traces',
      serviceName: 'concord',
    });
    expect(
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp',
        OTEL_SERVICE_NAME: 'concord-worker',
      }).tracing,
    ).toEqual({ url: 'https://traces.example/otlp', serviceName: 'concord-worker' });
  });

  it('refuses an endpoint that is not an http(s) address, naming the variable', () => {
    for (const value of ['collector:4318', 'grpc://collector:4317', 'file:///tmp/spans']) {
      expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: value })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    }
    expect(() => loadConfig({ OTEL_SERVICE_NAME: '' })).toThrow(/OTEL_SERVICE_NAME/);
  });
});
