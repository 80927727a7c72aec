import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { portNumber } from '../../../../../shared/catalog/index';
import { exportProject, seededRandom } from '../../../../../shared/export/index';
import type { SourcePos } from '../../../../../shared/import/types';
import { recognizeImage } from '../../../../../shared/import/recognize/kinds';
import { impliedLinks, type LinkService } from '../../../../../shared/import/recognize/links';
import { isDeployed } from '../../../../../shared/catalog/index';
import type { TemplateId } from '../../../../../shared/templates/index';
import { interpolateTree, parseDotenv } from '../../../../support/compose-env';
import { template } from '../../../../support/fixtures';

const at = (line: number, column = 5): SourcePos => ({ file: 'compose.yml', line, column });
const svc = (name: string, rest: Partial<LinkService> = {}): LinkService => ({
  name,
  kind: 'container',
  environment: [],
  at: at(1),
  ...rest,
});
const env = (...pairs: [string, string][]) => pairs.map(([name, value], i) => ({ name, value, at: at(10 + i) }));
const triples = (r: ReturnType<typeof impliedLinks>) => r.links.map((l) => [l.from, l.to, l.port, l.evidence]);

describe('links from URIs', () => {
  it('links to the service a URI names, on its port or the scheme default', () => {
    const r = impliedLinks([
      svc('nextauth', {
        kind: 'nextauth',
        environment: env(
          ['NEXTAUTH_DB_URI', 'mysql://nextauth:pw@mysql/nextauth?loc=Local'],
          ['NEXTAUTH_KV_URI', 'redis://cache:6380'],
        ),
      }),
      svc('mysql', { kind: 'database', flavour: 'mysql' }),
      svc('cache', { kind: 'redis' }),
    ]);
    expect(triples(r)).toEqual([
      ['nextauth', 'mysql', 3306, 'uri'],
      ['nextauth', 'cache', 6380, 'uri'],
    ]);
    expect(r.links[0]).toMatchObject({ scheme: 'mysql', at: at(10) });
    expect(r.notes.map((n) => n.text)).toEqual([
      'nextauth connects to mysql:3306 (a mysql URI in its environment)',
      'nextauth connects to cache:6380 (a redis URI in its environment)',
    ]);
  });

  it('reads every host of a list, aliases, upper-case hosts and URIs inside longer values', () => {
    const r = impliedLinks([
      svc('app', {
        environment: env(
          ['SENTINELS', 'redis-sentinel://s1:26379,S2/mymaster'],
          ['JAVA_OPTS', '-Durl=jdbc:postgresql://pg-main/app -Xmx1g'],
        ),
      }),
      svc('s1', { kind: 'redis-sentinel' }),
      svc('s2', { kind: 'redis-sentinel' }),
      svc('postgres', { kind: 'database', flavour: 'postgres', aliases: ['pg-main'] }),
    ]);
    expect(triples(r)).toEqual([
      ['app', 's1', 26379, 'uri'],
      ['app', 's2', 26379, 'uri'],
      ['app', 'postgres', 5432, 'uri'],
    ]);
  });

  it("takes the target's only port for an unknown scheme, and says so when there is none", () => {
    const r = impliedLinks([
      svc('app', { environment: env(['A', 'foo://worker/x'], ['B', 'foo://other/x']) }),
      svc('worker', { listens: [7000] }),
      svc('other'),
    ]);
    expect(triples(r)).toEqual([['app', 'worker', 7000, 'uri']]);
    expect(r.notes[0]).toEqual({
      kind: 'interpreted',
      text: 'B of app names other in foo://other, but no port is known for it: no link',
      at: at(11),
    });
  });

  it('makes no link to itself, to IPv6 addresses or to hosts outside the file (noted for connections only)', () => {
    const r = impliedLinks([
      svc('app', {
        environment: env(
          ['SELF', 'http://app:8080/health'],
          ['V6', 'redis://[fd00::5]:6379'],
          ['EXTERNAL_DB', 'postgres://u:pw@db.example.com/x'],
          ['PUBLIC', 'wss://auth.example.com/'],
        ),
      }),
    ]);
    expect(r.links).toEqual([]);
    expect(r.notes.map((n) => n.text)).toEqual([
      'V6 of app connects to redis://[fd00::5]:6379, which is no service of this file: no link',
      'EXTERNAL_DB of app connects to postgres://db.example.com, which is no service of this file: no link',
    ]);
  });
});

describe('links from host variables', () => {
  it.each([
    [env(['DB_HOST', 'db'], ['DB_PORT', '3307']), 'db', 3307],
    [env(['DB_HOST', 'db:3308']), 'db', 3308],
    [env(['DATABASE_HOST', 'db']), 'db', 3306],
    [env(['REDIS_HOST', 'cache']), 'cache', 6379],
    [env(['REDIS_ADDR', 'cache:6390']), 'cache', 6390],
    [env(['PGHOST', 'pg'], ['PGPORT', '5433']), 'pg', 5433],
    [env(['POSTGRES_SERVER', 'pg']), 'pg', 5432],
    [env(['dbHost', 'db']), 'db', 3306],
  ])('%j', (environment, to, port) => {
    const r = impliedLinks([
      svc('app', { environment }),
      svc('db', { kind: 'database', flavour: 'mysql' }),
      svc('pg', { kind: 'database', flavour: 'postgres' }),
      svc('cache', { kind: 'container' }),
    ]);
    expect(triples(r)).toEqual([['app', to, port, 'host-port']]);
  });

  it('reads lists of hosts', () => {
    const r = impliedLinks([
      svc('app', { environment: env(['SENTINEL_HOSTS', 's1:26379, s2:26380']) }),
      svc('s1', { kind: 'redis-sentinel' }),
      svc('s2', { kind: 'redis-sentinel' }),
    ]);
    expect(triples(r)).toEqual([
      ['app', 's1', 26379, 'host-port'],
      ['app', 's2', 26380, 'host-port'],
    ]);
  });

  it('ignores host values that are no service, and notes a service whose port is unknown', () => {
    const r = impliedLinks([
      svc('app', { environment: env(['SMTP_HOST', 'mail.example.com'], ['WORKER_HOST', 'worker'], ['DB_PORT', 'x']) }),
      svc('worker'),
    ]);
    expect(r.links).toEqual([]);
    expect(r.notes.map((n) => n.text)).toEqual([
      'WORKER_HOST of app names worker, but no port is known for it: no link',
    ]);
  });
});

describe('links from depends_on and shared networks (weaker evidence)', () => {
  it('depends_on, list or long form, on the port the source kind connects to', () => {
    const r = impliedLinks([
      svc('nextauth', {
        kind: 'nextauth',
        dependsOn: [
          { service: 'mysql', condition: 'service_healthy', at: at(20) },
          { service: 'web', at: at(21) },
          { service: 'job', at: at(22) },
          { service: 'missing', at: at(23) },
        ],
        networks: [{ name: 'none-shared', at: at(30) }],
      }),
      svc('mysql', { kind: 'database', flavour: 'mysql', networks: [] }),
      svc('web', { listens: [8080], networks: [] }),
      svc('job', { networks: [] }),
    ]);
    expect(triples(r)).toEqual([
      ['nextauth', 'mysql', 3306, 'depends_on'],
      ['nextauth', 'web', 8080, 'depends_on'],
    ]);
    expect(r.links[0]!.at).toEqual(at(20));
    expect(r.notes.map((n) => n.text)).toContain(
      'nextauth depends on job, which says when it starts, not on which port: no link',
    );
  });

  it('a shared network links a kind to the one service of a kind it connects to', () => {
    const net = (name: string, line: number) => ({ name, at: at(line) });
    const r = impliedLinks([
      svc('mgmt', { kind: 'nextauth-mgmt', networks: [net('front', 40), net('back', 41)] }),
      svc('nextauth', { kind: 'nextauth', networks: [net('back', 50)] }),
      svc('sentinel', { kind: 'redis-sentinel', networks: [net('data', 60)] }),
      svc('redis', { kind: 'redis', networks: [net('data', 70)] }),
      svc('app', { networks: [net('back', 80)] }),
    ]);
    expect(triples(r)).toEqual([
      ['mgmt', 'nextauth', 8888, 'network'],
      ['sentinel', 'redis', 6379, 'network'],
    ]);
    // The position of the source's shared network entry.
    expect(r.links[0]!.at).toEqual(at(41));
  });

  it("compose's default network: services that name no networks share it", () => {
    const r = impliedLinks([
      svc('nextauth', { kind: 'nextauth' }),
      svc('mysql', { kind: 'database', flavour: 'mysql' }),
    ]);
    expect(triples(r)).toEqual([['nextauth', 'mysql', 3306, 'network']]);
    const apart = impliedLinks([
      svc('nextauth', { kind: 'nextauth', networks: [{ name: 'back', at: at(2) }] }),
      svc('mysql', { kind: 'database', flavour: 'mysql' }),
    ]);
    expect(apart.links).toEqual([]);
  });

  it('two candidates on a network: no link, a note', () => {
    const r = impliedLinks([
      svc('nextauth', { kind: 'nextauth' }),
      svc('db1', { kind: 'database', flavour: 'mysql' }),
      svc('db2', { kind: 'database', flavour: 'postgres' }),
    ]);
    expect(r.links).toEqual([]);
    expect(r.notes[0]!.text).toContain('2 services of kind database (db1, db2)');
  });

  it('leaves reverse proxies and portmap to their routes', () => {
    const r = impliedLinks([
      svc('proxy', { kind: 'reverse-proxy', flavour: 'nginx', dependsOn: [{ service: 'nextauth', at: at(3) }] }),
      svc('portmap', { kind: 'nextauth-portmap' }),
      svc('nextauth', { kind: 'nextauth', networks: [{ name: 'x', at: at(9) }] }),
    ]);
    expect(r.links).toEqual([]);
  });

  it('keeps the strongest evidence once, and adds no weak link beside a strong one', () => {
    const r = impliedLinks([
      svc('nextauth', {
        kind: 'nextauth',
        environment: env(['DB_HOST', 'db'], ['NEXTAUTH_DB_URI', 'mysql://u:p@db:3306/x']),
        dependsOn: [{ service: 'db', at: at(20) }],
      }),
      svc('db', { kind: 'database', flavour: 'mysql', listens: [33060] }),
    ]);
    expect(triples(r)).toEqual([['nextauth', 'db', 3306, 'uri']]);
    expect(r.notes).toHaveLength(1);
  });
});

describe('a password inside a URI never reaches a link or a note', () => {
  it('property', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9!*.;_~-]{6,30}$/),
        fc.constantFrom('db', 'elsewhere.example.com', '[fd00::1]'),
        fc.boolean(),
        (pw, host, known) => {
          fc.pre(!`mysql app nextauth db elsewhere.example.com fd00 connects URI`.includes(pw));
          const r = impliedLinks([
            svc('app', {
              environment: env(['DATABASE_URL', `mysql://app:${pw}@${host}:3306/app`], ['X', `redis://:${pw}@${host}`]),
            }),
            ...(known ? [svc('db', { kind: 'database', flavour: 'mysql' })] : []),
          ]);
          expect(JSON.stringify(r)).not.toContain(pw);
        },
      ),
    );
  });
});

describe("the exported templates' compose files imply exactly their links", () => {
  /** The exported compose as an import would read it: interpolated from .env, each service recognised. */
  function servicesOf(id: TemplateId): { services: LinkService[]; expected: [string, string, number][] } {
    const project = template(id);
    const result = exportProject(project, { random: seededRandom(7) });
    if (!result.ok) throw new Error('export refused');
    const file = (p: string) => result.files.find((f) => f.path === p)!.contents;
    const vars = parseDotenv(file('.env')).vars;
    const compose = interpolateTree(parse(file('docker-compose.yml')), vars) as {
      services: Record<string, Record<string, unknown>>;
    };
    const services = Object.entries(compose.services).map(([name, s], i): LinkService => {
      const r = recognizeImage(String(s.image), { command: s.command as string[] | undefined });
      const environment = Object.entries((s.environment ?? {}) as Record<string, unknown>).map(([k, v], j) => ({
        name: k,
        value: String(v),
        at: at(i * 100 + j),
      }));
      const deps = s.depends_on as string[] | Record<string, { condition?: string }> | undefined;
      const pairs: [string, { condition?: string }][] = Array.isArray(deps)
        ? deps.map((d) => [d, {}])
        : Object.entries(deps ?? {});
      const dependsOn = pairs.map(([service, v]) => ({
        service,
        ...(v.condition ? { condition: v.condition } : {}),
        at: at(i * 100 + 50),
      }));
      const nets = s.networks as string[] | Record<string, unknown> | undefined;
      const networks =
        nets === undefined
          ? undefined
          : (Array.isArray(nets) ? nets : Object.keys(nets)).map((n) => ({ name: n, at: at(i * 100 + 60) }));
      return {
        name,
        kind: r.kind,
        ...(r.flavour ? { flavour: r.flavour } : {}),
        environment,
        dependsOn,
        ...(networks ? { networks } : {}),
        at: at(i * 100),
      };
    });
    const byId = new Map(project.components.map((c) => [c.id as string, c]));
    const expected = project.links
      .filter((l) => isDeployed(byId.get(l.from)!) && isDeployed(byId.get(l.to)!))
      .map((l): [string, string, number] => [l.from, l.to, portNumber(byId.get(l.to)!, l.port)!]);
    return { services, expected };
  }

  it.each(['default', 'manual', 'ha'] as const)('%s', (id) => {
    const { services, expected } = servicesOf(id);
    expect(expected.length).toBeGreaterThan(1);
    const implied = impliedLinks(services).links.map((l) => [l.from, l.to, l.port]);
    expect(new Set(implied.map((t) => t.join(' ')))).toEqual(new Set(expected.map((t) => t.join(' '))));
  });
});
