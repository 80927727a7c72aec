import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPlan,
  exportProject,
  exportProxyConfigs,
  generateSecret,
  seededRandom,
} from '../../../../shared/export/index';
import {
  composeLiteral,
  composeProjectName,
  REGISTRY_VAR,
  TAG_REQUIRED_MESSAGE,
  TAG_VAR,
} from '../../../../shared/export/plan';
import { link, patchComponent, setEnv, template } from '../../../support/fixtures';

const random = () => seededRandom(7);

describe('deployment plan', () => {
  it('runs one service per deployed component; clients, external services and customer databases stay outside', () => {
    const plan = buildPlan(template('ha'), { random: random() });
    expect(plan.services.map((s) => s.name)).toEqual(['lb', 'nextauth', 'mgmt', 'redis', 'redis-sentinel']);
    expect(plan.outside.map((c) => c.id)).toEqual(['mobile-app', 'admin', 'mysql', 'license', 'fcm', 'apns']);
    expect(plan.services.find((s) => s.name === 'nextauth')?.replicas).toBe(3);
    expect(plan.services.find((s) => s.name === 'redis-sentinel')?.replicas).toBe(3);
  });

  it('puts entry points on the edge, data stores on the internal backend, and nextauth on both', () => {
    const plan = buildPlan(template('manual'), { random: random() });
    const networks = Object.fromEntries(plan.services.map((s) => [s.name, s.networks]));
    expect(networks).toMatchObject({
      proxy: ['edge'],
      nextauth: ['edge', 'backend'],
      mgmt: ['edge', 'backend'],
      mysql: ['backend'],
      redis: ['backend'],
    });
  });

  it('publishes host ports on entry points only, and lists the ones it leaves out', () => {
    const project = patchComponent(template('manual'), 'nextauth', { publish: [{ port: 'ws', hostPort: 8009 }] });
    const plan = buildPlan(project, { random: random() });
    expect(plan.services.filter((s) => s.ports.length > 0).map((s) => s.name)).toEqual(['proxy']);
    expect(plan.ignoredPublish.map((p) => [p.component.id, p.hostPort])).toEqual([['nextauth', 8009]]);
  });

  it('depends on what a service connects to, waiting for health where the image documents a check', () => {
    const plan = buildPlan(template('manual'), { random: random() });
    expect(plan.services.find((s) => s.name === 'nextauth')?.dependsOn).toEqual([
      { service: 'mysql', healthy: true },
      { service: 'redis', healthy: true },
    ]);
    expect(plan.services.find((s) => s.name === 'proxy')?.dependsOn.map((d) => d.service)).toEqual([
      'mgmt',
      'nextauth',
    ]);
  });

  it('groups routes into sites by host and port, longest path first', () => {
    let project = template('manual');
    project = {
      ...project,
      routes: [
        ...project.routes,
        { ...project.routes[2]!, id: 'dash-api' as never, path: '/api/' },
        { ...project.routes[2]!, id: 'dash-api-v2' as never, path: '/api/v2/' },
      ],
    };
    const plan = buildPlan(project, { random: random() });
    const dashboard = plan.proxies[0]!.sites.find((s) => s.host === 'dashboard.auth.example.com')!;
    expect(dashboard.locations.map((l) => l.path)).toEqual(['/api/v2/', '/api/', '/']);
    expect(plan.proxies[0]!.sites.map((s) => s.host)).toEqual([
      'accounts.auth.example.com',
      'auth.example.com',
      'dashboard.auth.example.com',
      'idp.auth.example.com',
      'mobile.auth.example.com',
    ]);
    const ws = plan.proxies[0]!.sites.find((s) => s.host === 'auth.example.com')!.locations[0]!.upstream;
    expect(ws).toEqual({
      service: 'nextauth',
      port: 8009,
      portName: 'ws',
      replicas: 1,
      reencrypt: false,
      websocket: true,
    });
  });

  it('writes secrets and inputs to .env and keeps literals in compose with references intact', () => {
    const plan = buildPlan(template('manual'), { random: random() });
    const names = plan.env.flatMap((g) => g.entries.map((e) => e.name));
    expect(names).toEqual([
      'COMPOSE_PROJECT_NAME',
      REGISTRY_VAR,
      TAG_VAR,
      'NEXTAUTH_LICENSE',
      'NEXTAUTH_ROOT_API_KEY',
      'MYSQL_PASSWORD',
      'MYSQL_ROOT_PASSWORD',
    ]);
    const nextauth = plan.services.find((s) => s.name === 'nextauth')!;
    // compose stops with the message while .env leaves the tag empty (issue 15: pinned images).
    expect(nextauth.image).toBe(`\${${REGISTRY_VAR}}nextauth:\${${TAG_VAR}:?${TAG_REQUIRED_MESSAGE}}`);
    expect(Object.fromEntries(nextauth.environment.map((v) => [v.name, v.composeValue]))).toMatchObject({
      NEXTAUTH_DB_URI: 'mysql://nextauth:${MYSQL_PASSWORD}@mysql:3306/nextauth?loc=Local',
      NEXTAUTH_LICENSE: '${NEXTAUTH_LICENSE}',
    });
  });

  it('uses the --proxy flavour for every reverse proxy', () => {
    const plan = buildPlan(template('manual'), { random: random(), proxy: 'caddy' });
    expect(plan.proxies[0]!.flavour).toBe('caddy');
    expect(plan.proxies[0]!.configFile).toBe('caddy/Caddyfile');
    expect(plan.services.find((s) => s.name === 'proxy')?.image).toMatch(/^caddy:/);
  });

  it('needs a certificate per TLS host', () => {
    const plan = buildPlan(template('default'), { random: random(), certDir: '/certs' });
    expect(plan.certificates.map((c) => c.host)).toContain('auth.example.com');
    expect(plan.certificates[0]?.cert).toMatch(/^\/certs\/.*\.crt$/);
  });
});

describe('compose values', () => {
  it('keeps references to .env variables and doubles every other $', () => {
    const known = new Set(['PASSWORD']);
    expect(composeLiteral('a${PASSWORD}b', known)).toBe('a${PASSWORD}b');
    expect(composeLiteral('cost: $5 ${OTHER} $$', known)).toBe('cost: $$5 $${OTHER} $$$$');
  });

  it('project names become valid compose project names', () => {
    expect(composeProjectName('Acme Corp — Prod!')).toBe('acme-corp-prod');
    expect(composeProjectName('***')).toBe('nextauth');
  });

  it('a literal referring to a secret defined on another component keeps its reference', () => {
    const project = setEnv(
      link(template('manual'), 'nextauth', 'mysql', 'db'),
      'nextauth',
      'NEXTAUTH_KV_URI',
      'redis://:${MYSQL_PASSWORD}@redis:6379',
    );
    const plan = buildPlan(project, { random: random() });
    const kv = plan.services.find((s) => s.name === 'nextauth')!.environment.find((v) => v.name === 'NEXTAUTH_KV_URI');
    expect(kv?.composeValue).toBe('redis://:${MYSQL_PASSWORD}@redis:6379');
  });
});

describe('secrets', () => {
  it('have the requested length and use letters and digits only', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer(), (length, seed) => {
        expect(generateSecret(seededRandom(seed), length)).toMatch(new RegExp(`^[A-Za-z0-9]{${length}}$`));
      }),
      { numRuns: 200 },
    );
  });

  it('are deterministic for a seed and differ between seeds', () => {
    expect(generateSecret(seededRandom(1), 32)).toBe(generateSecret(seededRandom(1), 32));
    expect(generateSecret(seededRandom(1), 32)).not.toBe(generateSecret(seededRandom(2), 32));
  });

  it('draw every character about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (const ch of generateSecret(seededRandom(99), 62_000)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(62);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(160);
  });
});

describe('exportProxyConfigs', () => {
  it('gives the same proxy files as a full export in that flavour', () => {
    const project = template('manual');
    const base = exportProject(project, { random: seededRandom(3) });
    if (!base.ok) throw new Error('manual template refused');
    for (const flavour of ['nginx', 'haproxy', 'caddy', 'traefik'] as const) {
      const full = exportProject(project, { random: seededRandom(3), proxy: flavour });
      if (!full.ok) throw new Error(`refused for ${flavour}`);
      const configs = exportProxyConfigs(base.plan, flavour, { random: seededRandom(3) });
      const paths = new Set(configs.map((f) => f.path));
      expect(configs.length).toBeGreaterThan(0);
      expect(configs).toEqual(full.files.filter((f) => paths.has(f.path)));
    }
  });
});
