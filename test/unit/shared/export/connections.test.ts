import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  connectionsOf,
  lookupOf,
  nextauthInstances,
  overrideMismatches,
  parseConnectionUri,
} from '../../../../shared/connections/index';
import { exportProject, seededRandom, type ExportFile } from '../../../../shared/export/index';
import type { EnvValue, Project } from '../../../../shared/model/types';
import { checkProject } from '../../../../shared/rules/index';
import { component, link, patchComponent, setEnv, template } from '../../../support/fixtures';

interface Service {
  environment?: Record<string, string>;
  command?: string[];
  healthcheck?: { test: string[] };
}

function files(project: Project): Map<string, string> {
  const result = exportProject(project, { random: seededRandom(7) });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
  return new Map(result.files.map((f: ExportFile) => [f.path, f.contents]));
}

const services = (out: Map<string, string>) =>
  (parse(out.get('docker-compose.yml')!) as { services: Record<string, Service> }).services;

/** `.env` as compose reads it: NAME=value lines, single-quoted values literal. */
function dotenv(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (m) vars.set(m[1]!, m[2]!.replace(/^'(.*)'$/, '$1'));
  }
  return vars;
}

const interpolate = (value: string, env: Map<string, string>) =>
  value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, name?: string) => (name ? (env.get(name) ?? '') : '$'));

const manual = template('manual');
const ha = template('ha');
const errors = (p: Project) => checkProject(p).filter((d) => d.severity === 'error' && !d.suppressed);

describe('connections derived from the drawing', () => {
  it('writes the documented database URI with the database container’s own generated password', () => {
    const out = files(manual);
    const env = dotenv(out.get('.env')!);
    const s = services(out);
    const uri = interpolate(s.nextauth!.environment!.NEXTAUTH_DB_URI!, env);
    const mysqlPassword = interpolate(s.mysql!.environment!.MYSQL_PASSWORD!, env);
    expect(mysqlPassword).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(uri).toBe(`mysql://nextauth:${mysqlPassword}@mysql:3306/nextauth?loc=Local`);
    expect(interpolate(s.nextauth!.environment!.NEXTAUTH_KV_URI!, env)).toBe('redis://redis:6379');
  });

  it('a moved port reaches the container, its health check and the URI', () => {
    const moved = patchComponent(patchComponent(manual, 'mysql', { portOverrides: { db: 3307 } }), 'redis', {
      portOverrides: { redis: 6380 },
    });
    expect(errors(moved)).toEqual([]);
    const out = files(moved);
    const s = services(out);
    expect(s.mysql!.command).toEqual(['--port=3307']);
    expect(s.mysql!.healthcheck!.test).toEqual(['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1', '-P', '3307']);
    expect(s.redis!.command).toEqual(['redis-server', '--port', '6380']);
    expect(s.redis!.healthcheck!.test).toEqual(['CMD', 'redis-cli', '-p', '6380', 'ping']);
    expect(s.nextauth!.environment!.NEXTAUTH_DB_URI).toContain('@mysql:3307/');
    expect(s.nextauth!.environment!.NEXTAUTH_KV_URI).toBe('redis://redis:6380');
    // Unmoved ports keep the image's own command.
    expect(services(files(manual)).mysql!.command).toBeUndefined();
  });

  it.each([
    ['postgres', ['-p', '5433'], 'pg_isready -U "$${POSTGRES_USER:-postgres}" -p 5433'],
    ['mariadb', ['--port=5433'], 'mariadb-admin'],
  ] as const)('a moved %s port reaches its container', (flavour, command, check) => {
    const env: Record<string, EnvValue> =
      flavour === 'postgres'
        ? { POSTGRES_PASSWORD: { type: 'secret', length: 32 } as const }
        : {
            MARIADB_USER: { type: 'literal', value: 'nextauth' } as const,
            MARIADB_DATABASE: { type: 'literal', value: 'nextauth' } as const,
            MARIADB_PASSWORD: { type: 'secret', length: 32 } as const,
          };
    const p = patchComponent(manual, 'mysql', { flavour, environment: env, portOverrides: { db: 5433 } });
    expect(errors(p)).toEqual([]);
    const s = services(files(p));
    expect(s.mysql!.command).toEqual(command);
    expect(s.mysql!.healthcheck!.test.join(' ')).toContain(check);
    expect(s.nextauth!.environment!.NEXTAUTH_DB_URI).toContain(':5433/');
  });

  it('a Sentinel connection names the master that sentinel.conf monitors, on the Sentinel’s port', () => {
    const moved = patchComponent(ha, 'redis-sentinel', {
      portOverrides: { sentinel: 26380 },
      properties: { master: 'auth' },
    });
    const out = files(moved);
    expect(services(out).nextauth!.environment!.NEXTAUTH_KV_URI).toBe('redis-sentinel://redis-sentinel:26380/auth');
    const conf = out.get('sentinel/redis-sentinel.conf')!;
    expect(conf).toMatch(/^port 26380$/m);
    expect(conf).toMatch(/^sentinel monitor auth redis 6379 2$/m);
  });

  it('a customer-run database: its host, and its password as an operator input in .env', () => {
    const out = files(ha);
    const uri = services(out).nextauth!.environment!.NEXTAUTH_DB_URI;
    expect(uri).toBe('mysql://nextauth:${MYSQL_PASSWORD}@mysql.db.example.com:3306/nextauth?loc=Local');
    expect(out.get('.env')).toMatch(
      /# Fill in: Password of the nextauth user on the customer's MySQL server\nMYSQL_PASSWORD=\n/,
    );
    expect(out.get('DEPLOYMENT.md')).toMatch(
      /`MYSQL_PASSWORD` \(Customer MySQL \(`mysql`\)\): Password of the nextauth user/,
    );
  });

  it('a typed override is written as typed', () => {
    const typed = 'mysql://nextauth:${MYSQL_PASSWORD}@mysql/nextauth?loc=Local&timeout=5s';
    const p = setEnv(manual, 'nextauth', 'NEXTAUTH_DB_URI', typed);
    expect(errors(p)).toEqual([]);
    expect(services(files(p)).nextauth!.environment!.NEXTAUTH_DB_URI).toBe(typed);
    expect(files(p).get('DEPLOYMENT.md')).toMatch(
      /`NEXTAUTH_DB_URI` \| MySQL \(`mysql`\) \| `mysql:3306` \|.*\| typed override/,
    );
  });

  it('DEPLOYMENT.md lists each connection with host, port and the secret’s variable — never its value', () => {
    const out = files(manual);
    const guide = out.get('DEPLOYMENT.md')!;
    const section = guide.slice(guide.indexOf('## Connections'), guide.indexOf('## Inbound firewall'));
    expect(section).toContain(
      '| `nextauth` | `NEXTAUTH_DB_URI` | MySQL (`mysql`) | `mysql:3306` | user `nextauth`, database `nextauth`, password `MYSQL_PASSWORD` from `.env` | from the drawing |',
    );
    expect(section).toContain(
      '| `nextauth` | `NEXTAUTH_KV_URI` | Redis (`redis`) | `redis:6379` | — | from the drawing |',
    );
    const secrets = [...dotenv(out.get('.env')!)].filter(([, v]) => /^[A-Za-z0-9]{32}$/.test(v));
    expect(secrets.map(([name]) => name)).toContain('MYSQL_PASSWORD');
    for (const [name, value] of secrets) expect(guide, name).not.toContain(value);
  });
});

describe('connections module', () => {
  it('parses connection URIs, keeping ${VAR} references in the credentials', () => {
    expect(parseConnectionUri('mysql://u:${P}@Db.Example.com:3307/app?loc=Local')).toEqual({
      scheme: 'mysql',
      user: 'u',
      password: '${P}',
      host: 'db.example.com',
      port: 3307,
      path: 'app',
      query: 'loc=Local',
    });
    expect(parseConnectionUri('redis://redis')).toEqual({ scheme: 'redis', host: 'redis', path: '', query: '' });
    expect(parseConnectionUri('redis://redis:70000')).toBeUndefined();
    expect(parseConnectionUri('not a uri')).toBeUndefined();
    expect(parseConnectionUri('mysql://a@b@c/d')).toBeUndefined();
  });

  it('picks the Sentinel over a directly linked Redis, and reports two targets of one role as ambiguous', () => {
    const lookup = lookupOf(ha);
    const nextauth = ha.components.find((c) => c.id === 'nextauth')!;
    expect(connectionsOf(lookup, nextauth).kv?.target.id).toBe('redis-sentinel');
    const two = link(
      component(manual, { kind: 'redis', name: 'R2', id: 'r2', position: { x: 0, y: 0 } }),
      'nextauth',
      'r2',
      'redis',
    );
    const c = connectionsOf(
      lookupOf(two),
      two.components.find((x) => x.id === 'nextauth')!,
    );
    expect(c.kv).toBeUndefined();
    expect(c.ambiguous.map((a) => [a.role, a.links.length])).toEqual([['kv', 2]]);
  });

  it('an override is compared field by field; credentials only where the deployment runs the database', () => {
    const conn = (p: Project) =>
      connectionsOf(
        lookupOf(p),
        p.components.find((x) => x.id === 'nextauth')!,
      ).database!;
    const fields = (p: Project) => overrideMismatches(conn(p)).map((m) => m.field);
    expect(fields(setEnv(manual, 'nextauth', 'NEXTAUTH_DB_URI', 'mysql://x:${Y}@other:1/z'))).toEqual([
      'host',
      'port',
      'user',
      'database',
      'password',
    ]);
    expect(fields(setEnv(ha, 'nextauth', 'NEXTAUTH_DB_URI', 'mysql://x:${Y}@mysql.db.example.com/z'))).toEqual([]);
    expect(fields(setEnv(manual, 'nextauth', 'NEXTAUTH_DB_URI', 'nonsense'))).toEqual(['unparsable']);
  });

  it('counts nextauth instances across components', () => {
    expect(nextauthInstances(manual)).toBe(1);
    expect(nextauthInstances(ha)).toBe(3);
    const more = patchComponent(
      component(manual, { kind: 'nextauth', name: 'second', id: 'nextauth-2', position: { x: 0, y: 0 } }),
      'nextauth-2',
      { replicas: 2 },
    );
    expect(nextauthInstances(more)).toBe(3);
  });
});
