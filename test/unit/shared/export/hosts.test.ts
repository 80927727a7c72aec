import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom, type ExportFile } from '../../../../shared/export/index';
import { divergingSharedValues } from '../../../../shared/export/hosts/index';
import { hostSlugs } from '../../../../shared/export/hosts/names';
import { isSafeRelativePath } from '../../../../shared/ipc/index';
import { instancesOn } from '../../../../shared/model/hosts';
import { addHost, renameHost, setComponentHosts } from '../../../../shared/model/hosts-ops';
import type { ComponentId, Host, HostId, Project } from '../../../../shared/model/types';
import { checkProject } from '../../../../shared/rules/engine';
import { parseDotenv } from '../../../support/compose-env';
import { template } from '../../../support/fixtures';
import { haOnThreeHosts, publishSame } from '../../../support/host-variants';

const run = (p: Project): readonly ExportFile[] => {
  const r = exportProject(p, { random: seededRandom(7) });
  if (!r.ok) throw new Error('export refused');
  return r.files;
};
const file = (files: readonly ExportFile[], path: string): string => {
  const f = files.find((x) => x.path === path);
  if (f === undefined) throw new Error(`no ${path} among ${files.map((x) => x.path).join(', ')}`);
  return f.contents;
};
type Compose = { services: Record<string, Record<string, unknown>> };
const compose = (files: readonly ExportFile[], host: string): Compose =>
  parse(file(files, `hosts/${host}/docker-compose.yml`)) as Compose;
const dotenv = (files: readonly ExportFile[], host: string) => parseDotenv(file(files, `hosts/${host}/.env`)).vars;
const on = (p: Project, id: string, ...hosts: string[]): Project =>
  setComponentHosts(p, id as ComponentId, hosts as HostId[]);

/** The default template with its data services on a second host, `data` (no address unless given). */
function dataApart(address?: string): Project {
  let p = template('default');
  p = addHost(p, { id: 'app', name: 'app', address: '10.0.0.1' }).project;
  p = addHost(p, { id: 'data', name: 'data', ...(address !== undefined ? { address } : {}) }).project;
  for (const id of ['portmap', 'nextauth', 'mgmt']) p = on(p, id, 'app');
  for (const id of ['mysql', 'redis']) p = on(p, id, 'data');
  p = publishSame(p, 'mysql', 'db');
  return publishSame(p, 'redis', 'redis');
}

describe('a project without declared hosts', () => {
  it('exports exactly as before, with an empty host list too', () => {
    const p = template('ha');
    const before = run(p);
    expect(before.some((f) => f.path.startsWith('hosts/'))).toBe(false);
    expect(run({ ...p, hosts: [] })).toEqual(before);
  });
});

describe('the compose export per host', () => {
  it('writes one folder per host and one guide, nothing at the top but DEPLOYMENT.md', () => {
    const files = run(haOnThreeHosts());
    expect(files.filter((f) => !f.path.startsWith('hosts/')).map((f) => f.path)).toEqual(['DEPLOYMENT.md']);
    for (const h of ['edge', 'app-b', 'app-c']) {
      expect(files.map((f) => f.path)).toContain(`hosts/${h}/docker-compose.yml`);
      expect(files.find((f) => f.path === `hosts/${h}/.env`)?.mode).toBe(0o600);
    }
    // The proxy's configuration is only on the host that runs it.
    expect(files.filter((f) => f.path.endsWith('haproxy.cfg')).map((f) => f.path)).toEqual([
      'hosts/edge/haproxy/haproxy.cfg',
    ]);
    for (const f of files) expect(isSafeRelativePath(f.path), f.path).toBe(true);
  });

  it('runs on each host exactly the instances model/hosts.ts places there', () => {
    const p = haOnThreeHosts();
    const files = run(p);
    for (const host of p.hosts!) {
      const slug = hostSlugs(p.hosts!).get(host)!;
      const services = compose(files, slug).services;
      for (const c of p.components) {
        const n = instancesOn(p, c, host.id);
        const s = services[c.id];
        if (n === 0) expect(s, `${c.id} on ${host.name}`).toBeUndefined();
        else {
          expect(s, `${c.id} on ${host.name}`).toBeDefined();
          expect((s!.deploy as { replicas?: number } | undefined)?.replicas ?? 1).toBe(n);
        }
      }
    }
  });

  it('keeps depends_on on the host: a service another host runs is not a dependency compose could start', () => {
    const files = run(dataApart('10.0.0.2'));
    const nextauth = compose(files, 'app').services.nextauth!;
    expect(Object.keys((nextauth.depends_on as object | undefined) ?? {})).not.toContain('mysql');
  });

  it('points a connection to another host at its address and published port, bound to that private address', () => {
    const p = dataApart('10.0.0.2');
    expect(checkProject(p).filter((d) => d.severity === 'error')).toEqual([]);
    const files = run(p);
    const env = compose(files, 'app').services.nextauth!.environment as Record<string, string>;
    expect(env.NEXTAUTH_DB_URI).toBe('mysql://nextauth:${MYSQL_PASSWORD}@10.0.0.2:3306/nextauth?loc=Local');
    expect(env.NEXTAUTH_KV_URI).toBe('redis://10.0.0.2:6379');
    const data = compose(files, 'data').services;
    expect(data.mysql!.ports).toEqual(['10.0.0.2:3306:3306']);
    expect(data.redis!.ports).toEqual(['10.0.0.2:6379:6379']);
    // Portolan's backend network is internal: a service that publishes joins edge too.
    expect(data.mysql!.networks).toEqual(['edge', 'backend']);
  });

  it('without an address, dials an alias of the operator input and binds that input', () => {
    const files = run(dataApart());
    const nextauth = compose(files, 'app').services.nextauth!;
    expect((nextauth.environment as Record<string, string>).NEXTAUTH_KV_URI).toBe('redis://portolan-host-data:6379');
    expect(nextauth.extra_hosts).toEqual([
      'portolan-host-data:${PORTOLAN_HOST_DATA_ADDRESS:?set PORTOLAN_HOST_DATA_ADDRESS in .env}',
    ]);
    expect(compose(files, 'data').services.redis!.ports).toEqual([
      '${PORTOLAN_HOST_DATA_ADDRESS:?set PORTOLAN_HOST_DATA_ADDRESS in .env}:6379:6379',
    ]);
    expect(dotenv(files, 'app').get('PORTOLAN_HOST_DATA_ADDRESS')).toBe('');
    expect(dotenv(files, 'data').get('PORTOLAN_HOST_DATA_ADDRESS')).toBe('');
    expect(file(files, 'DEPLOYMENT.md')).toContain('`PORTOLAN_HOST_DATA_ADDRESS`: app, data');
  });

  it('writes a secret two hosts use into both .env files with one value, and nothing a host does not read', () => {
    const files = run(dataApart('10.0.0.2'));
    const app = dotenv(files, 'app');
    const data = dotenv(files, 'data');
    expect(app.get('MYSQL_PASSWORD')).toMatch(/^\S{32}$/);
    expect(app.get('MYSQL_PASSWORD')).toBe(data.get('MYSQL_PASSWORD'));
    // The root password is the database's alone.
    expect(data.get('MYSQL_ROOT_PASSWORD')).toMatch(/^\S{32}$/);
    expect(app.has('MYSQL_ROOT_PASSWORD')).toBe(false);
    expect(file(files, 'hosts/app/.env')).toMatch(/Also in the \.env of host "data": keep the same value there\./);
  });

  it('lists every crossing in the host-to-host firewall table, and an unpublished one as not connected', () => {
    const p = dataApart('10.0.0.2');
    const guide = file(run(p), 'DEPLOYMENT.md');
    expect(guide).toContain('## Host-to-host firewall');
    expect(guide).toMatch(/\| app \| data \| 3306 \| TCP \(MYSQL\) \| `nextauth` reaches/);
    // Forced past NA054: the guide says what is missing instead of a row.
    const unpublished = { ...p, components: p.components.map((c) => (c.id === 'redis' ? { ...c, publish: [] } : c)) };
    expect(checkProject(unpublished).some((d) => d.rule === 'NA054')).toBe(true);
    expect(file(run(unpublished), 'DEPLOYMENT.md')).toMatch(/cannot reach Redis \(`redis`\) on data/);
  });

  it('balances a proxy over its own host and the published ports of the others', () => {
    const files = run(haOnThreeHosts());
    const cfg = file(files, 'hosts/edge/haproxy/haproxy.cfg');
    expect(cfg).toContain('server-template nextauth 1 nextauth:8009');
    expect(cfg).toContain('server nextauth-host1 app-b.internal.example.com:8009 check init-addr last,libc,none');
    expect(cfg).toContain('server nextauth-host2 portolan-host-app-c:8009 check init-addr last,libc,none');
    expect(compose(files, 'edge').services.lb!.extra_hosts).toEqual([
      'portolan-host-app-c:${PORTOLAN_HOST_APP_C_ADDRESS:?set PORTOLAN_HOST_APP_C_ADDRESS in .env}',
    ]);
  });

  it('has every Sentinel monitor one address and announce its host, with the quorum of all replicas', () => {
    const files = run(haOnThreeHosts());
    for (const h of ['edge', 'app-b', 'app-c']) {
      const conf = file(files, `hosts/${h}/sentinel/redis-sentinel.conf`);
      expect(conf, h).toContain('sentinel monitor nextauth app-b.internal.example.com 6379 2');
      expect(conf, h).toContain('sentinel announce-port 26379');
    }
    expect(file(files, 'hosts/edge/sentinel/redis-sentinel.conf')).toContain('sentinel announce-ip 10.0.1.1');
    // No address drawn: compose hands `.env`'s to the command.
    const command = compose(files, 'app-c').services['redis-sentinel']!.command as string[];
    expect(command.at(-1)).toMatch(/--sentinel announce-ip "\$\{PORTOLAN_HOST_APP_C_ADDRESS:\?/);
  });
});

describe('hostile host names', () => {
  const HOSTILE = ['edge `| # { } ; $x "q"', "App ✓ <b>'s</b>", 'C\\D%0a$(id)'];
  it('reach no configuration but as comments, and no path', () => {
    let p = haOnThreeHosts();
    p.hosts!.forEach((h, i) => (p = renameHost(p, h.id, HOSTILE[i]!)));
    for (const flavour of ['nginx', 'haproxy', 'caddy', 'traefik'] as const) {
      const plain = exportProject(haOnThreeHosts(), { random: seededRandom(7), proxy: flavour });
      const hostile = exportProject(p, { random: seededRandom(7), proxy: flavour });
      if (!plain.ok || !hostile.ok) throw new Error('export refused');
      for (const f of hostile.files) expect(isSafeRelativePath(f.path), f.path).toBe(true);
      const code = (text: string) =>
        text
          .split('\n')
          .filter((l) => !/^\s*#/.test(l))
          .join('\n')
          // An alias is named after the host's folder.
          .replace(/portolan-host-[a-z0-9-]+/g, 'portolan-host-…');
      const configs = (files: readonly ExportFile[]) =>
        files.filter((f) => /\/(nginx|haproxy|caddy|traefik)\//.test(f.path) || f.path.endsWith('.yml'));
      const before = configs(plain.files);
      const after = configs(hostile.files);
      expect(after.length, flavour).toBe(before.length);
      // Only the folder names and aliases (from the names) and the comments differ.
      after.forEach((f, i) => {
        if (f.path.endsWith('docker-compose.yml')) return;
        expect(code(f.contents), f.path).toBe(code(before[i]!.contents));
      });
    }
  });
});

describe('host folder names', () => {
  const host = (id: string, name: string): Host => ({ id: id as HostId, name });
  it('are unique, plain and never a Windows device name, whatever the host is called', () => {
    const hosts = [
      host('a', 'App 1'),
      host('b', 'app-1'),
      host('c', '"; rm -rf / #'),
      host('d', 'CON'),
      host('e', 'ünïcødé'),
      host('f', '..'),
    ];
    const slugs = [...hostSlugs(hosts).values()];
    expect(new Set(slugs).size).toBe(hosts.length);
    for (const s of slugs) {
      expect(s).toMatch(/^[a-z0-9][a-z0-9-]*$/);
      expect(isSafeRelativePath(`hosts/${s}/.env`), s).toBe(true);
    }
    expect(slugs.slice(0, 2)).toEqual(['app-1', 'app-1-2']);
    expect(slugs[3]).toBe('con-host');
  });

  it('let only a host folder hold a hidden .env', () => {
    expect(isSafeRelativePath('hosts/app-b/.env')).toBe(true);
    expect(isSafeRelativePath('sub/.env')).toBe(false);
    expect(isSafeRelativePath('hosts/.x/.env')).toBe(false);
    expect(isSafeRelativePath('hosts/con/.env')).toBe(false);
    expect(isSafeRelativePath('hosts/a/b/.env')).toBe(false);
  });
});

describe('divergingSharedValues', () => {
  it("names a variable whose value differs between hosts' .env files, never its value", () => {
    const found = divergingSharedValues([
      { path: 'hosts/a/.env', text: 'MYSQL_PASSWORD=one\nSAME=x\n' },
      { path: 'hosts/b/.env', text: 'MYSQL_PASSWORD=two\nSAME=x\n' },
      { path: 'hosts/c/.env', text: 'OTHER=y\n' },
      { path: 'nginx/nginx.conf', text: 'MYSQL_PASSWORD=three\n' },
    ]);
    expect(found).toEqual([{ name: 'MYSQL_PASSWORD', paths: ['hosts/a/.env', 'hosts/b/.env'] }]);
    expect(JSON.stringify(found)).not.toMatch(/one|two/);
  });
});
