import { describe, it, expect } from 'vitest';
import {
  DB_URI_FORMATS,
  KINDS,
  findFlavour,
  findPort,
  flavoursOf,
  getKind,
  imageFor,
  isComponentKind,
  portNumber,
} from '../../../shared/catalog/index';
import type { KindSpec, Source } from '../../../shared/catalog/index';
import type { Component, ComponentId, ComponentKind } from '../../../shared/model/types';

// Mirrors the ComponentKind union; the Record type makes the compiler flag a missing kind.
const ALL_KINDS_RECORD: Record<ComponentKind, true> = {
  nextauth: true,
  'nextauth-mgmt': true,
  'nextauth-portmap': true,
  'reverse-proxy': true,
  database: true,
  redis: true,
  'redis-sentinel': true,
  'push-fcm': true,
  'push-apns': true,
  'license-server': true,
  'mobile-app': true,
  'browser-user': true,
  'business-app': true,
  container: true,
};
const ALL_KINDS = Object.keys(ALL_KINDS_RECORD) as ComponentKind[];

function sourcesOf(spec: KindSpec): { where: string; source: Source }[] {
  const out: { where: string; source: Source }[] = [{ where: `${spec.kind}`, source: spec.source }];
  if (spec.image) out.push({ where: `${spec.kind} image`, source: spec.image.source });
  for (const p of spec.ports) out.push({ where: `${spec.kind} port ${p.name}`, source: p.source });
  for (const e of spec.egress) out.push({ where: `${spec.kind} egress ${e.to}/${e.port}`, source: e.source });
  for (const v of spec.env) out.push({ where: `${spec.kind} env ${v.name}`, source: v.source });
  for (const f of spec.flavours ?? []) {
    out.push({ where: `${spec.kind} flavour ${f.id}`, source: f.source });
    for (const v of f.env ?? []) out.push({ where: `${spec.kind}/${f.id} env ${v.name}`, source: v.source });
  }
  return out;
}
const ALL_SOURCES = KINDS.flatMap(sourcesOf);

function component(kind: ComponentKind, extra: Partial<Component> = {}): Component {
  return {
    id: 'c1' as ComponentId,
    kind,
    name: kind,
    replicas: 1,
    properties: {},
    environment: {},
    portOverrides: {},
    publish: [],
    position: { x: 0, y: 0 },
    ...extra,
  };
}

const port = (kind: ComponentKind, name: string) => {
  const p = findPort(kind, name);
  if (p === undefined) throw new Error(`${kind} has no port ${name}`);
  return p;
};

describe('catalog coverage', () => {
  it('has exactly one spec per ComponentKind', () => {
    expect(KINDS.map((k) => k.kind).sort()).toEqual([...ALL_KINDS].sort());
    for (const kind of ALL_KINDS) {
      expect(getKind(kind).kind).toBe(kind);
      expect(isComponentKind(kind)).toBe(true);
    }
  });

  it('rejects strings that are not kinds, including inherited property names', () => {
    for (const s of ['', 'ns', 'Nextauth', 'constructor', 'toString', '__proto__']) {
      expect(isComponentKind(s)).toBe(false);
    }
  });

  it('keeps port names unique per kind', () => {
    for (const spec of KINDS) {
      const names = spec.ports.map((p) => p.name);
      expect(new Set(names).size, spec.kind).toBe(names.length);
    }
  });

  it('keeps env names unique per kind and per flavour', () => {
    for (const spec of KINDS) {
      const names = spec.env.map((e) => e.name);
      expect(new Set(names).size, spec.kind).toBe(names.length);
      for (const f of spec.flavours ?? []) {
        const fnames = (f.env ?? []).map((e) => e.name);
        expect(new Set(fnames).size, `${spec.kind}/${f.id}`).toBe(fnames.length);
      }
    }
  });

  it('gives every deployable kind an image and no image to the rest (a custom container has its own)', () => {
    for (const spec of KINDS) {
      if (spec.kind === 'container') expect(spec.image, spec.kind).toBeUndefined();
      else if (spec.deployable) expect(spec.image?.name, spec.kind).toBeTruthy();
      else expect(spec.image, spec.kind).toBeUndefined();
    }
  });

  it('makes clients port-less and not deployable', () => {
    for (const kind of ['mobile-app', 'browser-user', 'business-app'] as const) {
      expect(getKind(kind).category).toBe('client');
      expect(getKind(kind).deployable).toBe(false);
      expect(getKind(kind).ports).toEqual([]);
    }
  });
});

describe('sources', () => {
  it('cites an https URL for every doc source', () => {
    for (const { where, source } of ALL_SOURCES) {
      if (source.type === 'doc') expect(source.url, where).toMatch(/^https:\/\/[^\s]+$/);
    }
  });

  it('gives every assumed source a non-empty note', () => {
    for (const { where, source } of ALL_SOURCES) {
      if (source.type === 'assumed') expect(source.note.trim().length, where).toBeGreaterThan(0);
    }
  });

  it('marks the undocumented old-layout names and the image tags as assumed', () => {
    const nextauth = getKind('nextauth');
    for (const name of ['NEXTAUTH_DB_URI', 'NEXTAUTH_KV_URI', 'NEXTAUTH_LICENSE', 'NEXTAUTH_ROOT_API_KEY']) {
      expect(nextauth.env.find((e) => e.name === name)?.source.type, name).toBe('assumed');
    }
    for (const kind of ['reverse-proxy', 'database'] as const) {
      for (const f of getKind(kind).flavours ?? []) expect(f.source.type, f.id).toBe('assumed');
    }
  });
});

describe('the seed port table', () => {
  it('has nextauth REST 8888, WebSockets 8009 and Mobile API 8889 (assumed)', () => {
    const rest = port('nextauth', 'rest');
    expect(rest).toMatchObject({ number: 8888, protocol: 'http', tls: 'optional', exposure: 'server-side' });
    expect(rest.tlsEnv).toEqual({ cert: 'NEXTAUTH_API_TLS_CERT', key: 'NEXTAUTH_API_TLS_KEY' });
    expect(rest.source.type).toBe('doc');

    const ws = port('nextauth', 'ws');
    expect(ws).toMatchObject({ number: 8009, protocol: 'ws', tls: 'optional', exposure: 'internal' });
    expect(ws.tlsEnv).toEqual({ cert: 'NEXTAUTH_WS_TLS_CERT', key: 'NEXTAUTH_WS_TLS_KEY' });
    expect(ws.source.type).toBe('doc');

    const mobile = port('nextauth', 'mobile');
    expect(mobile).toMatchObject({ number: 8889, protocol: 'http' });
    expect(mobile.source.type).toBe('assumed');
    if (mobile.source.type === 'assumed') {
      expect(mobile.source.note).toContain('8889');
      expect(mobile.source.note).toContain('8888');
    }

    expect(getKind('nextauth').ports.map((p) => p.name)).toEqual(['rest', 'ws', 'mobile']);
  });

  it('has nextauth-mgmt on 80, 81 and 82 as plain internal HTTP', () => {
    const mgmt = getKind('nextauth-mgmt').ports;
    expect(mgmt.map((p) => [p.name, p.number])).toEqual([
      ['dashboard', 80],
      ['accounts', 81],
      ['idp', 82],
    ]);
    for (const p of mgmt) expect(p).toMatchObject({ protocol: 'http', tls: 'none', exposure: 'internal' });
  });

  it('has nextauth-portmap on 80 and 443, public, terminating TLS on 443', () => {
    const pm = getKind('nextauth-portmap').ports;
    expect(pm.map((p) => [p.name, p.number])).toEqual([
      ['http', 80],
      ['https', 443],
    ]);
    expect(port('nextauth-portmap', 'http')).toMatchObject({ exposure: 'public' });
    expect(port('nextauth-portmap', 'https')).toMatchObject({ exposure: 'public', tls: 'terminates' });
  });

  it('has a public reverse proxy on 80 and 443 with assumed numbers', () => {
    expect(port('reverse-proxy', 'http')).toMatchObject({ number: 80, exposure: 'public' });
    expect(port('reverse-proxy', 'https')).toMatchObject({ number: 443, exposure: 'public', tls: 'terminates' });
    for (const p of getKind('reverse-proxy').ports) expect(p.source.type).toBe('assumed');
  });

  it('has Redis on 6379, Sentinel on 26379 and external services on https 443', () => {
    expect(port('redis', 'redis').number).toBe(6379);
    expect(port('redis-sentinel', 'sentinel').number).toBe(26379);
    for (const kind of ['push-fcm', 'push-apns', 'license-server'] as const) {
      expect(port(kind, 'https')).toMatchObject({ number: 443, protocol: 'https', tls: 'always', exposure: 'public' });
    }
  });
});

describe('egress', () => {
  it('gives nextauth the documented fixed addresses', () => {
    const egress = getKind('nextauth').egress;
    const byTo = (to: ComponentKind) => egress.find((e) => e.to === to);
    expect(byTo('push-fcm')).toMatchObject({ port: 'https', address: 'fcm.googleapis.com:443', required: false });
    expect(byTo('push-apns')).toMatchObject({ port: 'https', address: 'api.push.apple.com:443', required: false });
    expect(byTo('license-server')).toMatchObject({
      port: 'https',
      address: 'license.nextauth.com:443',
      required: true,
    });
    expect(byTo('database')).toMatchObject({ port: 'db', required: true });
    expect(byTo('redis')).toMatchObject({ port: 'redis', required: false });
    expect(byTo('redis-sentinel')).toMatchObject({ port: 'sentinel', required: false });
  });

  it('points every egress at an existing port of the target kind', () => {
    for (const spec of KINDS) {
      for (const e of spec.egress) {
        expect(findPort(e.to, e.port), `${spec.kind} -> ${e.to}/${e.port}`).toBeDefined();
      }
    }
  });

  it('lets only nextauth reach the outside world', () => {
    for (const spec of KINDS) {
      if (spec.kind === 'nextauth') continue;
      for (const e of spec.egress) expect(getKind(e.to).category, `${spec.kind} -> ${e.to}`).not.toBe('external');
    }
  });

  it('marks mgmt -> REST and portmap -> Mobile API as assumptions', () => {
    const mgmt = getKind('nextauth-mgmt').egress.find((e) => e.to === 'nextauth');
    expect(mgmt).toMatchObject({ port: 'rest' });
    expect(mgmt?.source.type).toBe('assumed');
    const portmap = getKind('nextauth-portmap').egress;
    expect(portmap.find((e) => e.port === 'ws')?.source.type).toBe('doc');
    expect(portmap.find((e) => e.port === 'mobile')?.source.type).toBe('assumed');
    expect(portmap.some((e) => e.port === 'rest')).toBe(false);
  });
});

describe('flavours', () => {
  it('exist only on reverse-proxy and database, with a valid default listed first', () => {
    for (const spec of KINDS) {
      const hasFlavours = spec.kind === 'reverse-proxy' || spec.kind === 'database';
      expect(spec.flavours !== undefined, spec.kind).toBe(hasFlavours);
      expect(spec.defaultFlavour !== undefined, spec.kind).toBe(hasFlavours);
      if (hasFlavours) expect(flavoursOf(spec.kind)[0]).toBe(spec.defaultFlavour);
      else expect(flavoursOf(spec.kind)).toEqual([]);
    }
    expect(flavoursOf('reverse-proxy')).toEqual(['nginx', 'haproxy', 'caddy', 'traefik']);
    expect(flavoursOf('database')).toEqual(['mysql', 'mariadb', 'postgres']);
  });

  it('gives the database 3306 / 3306 / 5432 by flavour', () => {
    expect(findPort('database', 'db', 'mysql')?.number).toBe(3306);
    expect(findPort('database', 'db', 'mariadb')?.number).toBe(3306);
    expect(findPort('database', 'db', 'postgres')).toMatchObject({ number: 5432, protocol: 'postgres' });
    expect(findPort('database', 'db')?.number).toBe(3306);
  });

  it('names the documented image env vars, with passwords secret', () => {
    const names = (f: 'mysql' | 'mariadb' | 'postgres') => (findFlavour('database', f)?.env ?? []).map((e) => e.name);
    expect(names('mysql')).toEqual(['MYSQL_ROOT_PASSWORD', 'MYSQL_DATABASE', 'MYSQL_USER', 'MYSQL_PASSWORD']);
    expect(names('mariadb')).toEqual(['MARIADB_ROOT_PASSWORD', 'MARIADB_DATABASE', 'MARIADB_USER', 'MARIADB_PASSWORD']);
    expect(names('postgres')).toEqual(['POSTGRES_PASSWORD', 'POSTGRES_USER', 'POSTGRES_DB']);
    for (const f of getKind('database').flavours ?? []) {
      for (const e of f.env ?? []) expect(e.secret, e.name).toBe(e.name.endsWith('PASSWORD'));
    }
  });

  it('resolves images per flavour', () => {
    expect(imageFor('database', 'postgres')).toBe('postgres:16-alpine');
    expect(imageFor('database')).toBe('mysql:8.4');
    expect(imageFor('reverse-proxy', 'traefik')).toBe('traefik:v3.1');
    expect(imageFor('reverse-proxy')).toBe(getKind('reverse-proxy').image?.name);
    expect(imageFor('nextauth')).toBe('nextauth');
    expect(imageFor('push-fcm')).toBeUndefined();
  });
});

describe('ports of a component', () => {
  it('returns undefined for unknown ports, even with an override', () => {
    expect(findPort('nextauth', 'admin')).toBeUndefined();
    expect(portNumber(component('nextauth', { portOverrides: { admin: 9613 } }), 'admin')).toBeUndefined();
  });

  it('honours portOverrides before the flavour and the catalog default', () => {
    expect(portNumber(component('nextauth'), 'mobile')).toBe(8889);
    expect(portNumber(component('nextauth', { portOverrides: { mobile: 8888 } }), 'mobile')).toBe(8888);
    expect(portNumber(component('nextauth', { portOverrides: { mobile: 8888 } }), 'ws')).toBe(8009);
    expect(portNumber(component('database', { flavour: 'postgres' }), 'db')).toBe(5432);
    expect(portNumber(component('database', { flavour: 'postgres', portOverrides: { db: 6432 } }), 'db')).toBe(6432);
    expect(portNumber(component('database', { flavour: 'mariadb' }), 'db')).toBe(3306);
  });

  it('does not mutate the catalog when applying a flavour', () => {
    findPort('database', 'db', 'postgres');
    expect(getKind('database').ports[0]?.number).toBe(3306);
    expect(getKind('database').ports[0]?.protocol).toBe('mysql');
  });
});

describe('nextauth environment', () => {
  it('lists the seed variables and the assumed DB URI with the documented formats', () => {
    const env = getKind('nextauth').env;
    const byName = (n: string) => env.find((e) => e.name === n);
    expect(byName('NEXTAUTH_DEFAULT_WS_URL')).toMatchObject({ required: true, source: { type: 'doc' } });
    for (const n of ['NEXTAUTH_WS_TLS_CERT', 'NEXTAUTH_WS_TLS_KEY', 'NEXTAUTH_API_TLS_CERT', 'NEXTAUTH_API_TLS_KEY']) {
      expect(byName(n)?.source.type, n).toBe('doc');
      expect(byName(n)?.secret, n).toBe(n.endsWith('_KEY'));
    }
    const db = byName('NEXTAUTH_DB_URI');
    expect(db).toMatchObject({ secret: true, required: true });
    expect(db?.format).toContain(DB_URI_FORMATS.mysql);
    expect(db?.format).toContain(DB_URI_FORMATS.postgres);
    if (db?.source.type === 'assumed') expect(db.source.note).toContain('NEXTAUTH_NS_DB_URI');
    expect(byName('NEXTAUTH_LICENSE')).toMatchObject({ secret: false, required: true });
    expect(byName('NEXTAUTH_ROOT_API_KEY')).toMatchObject({ secret: true });
  });
});
