/**
 * The compose export per host (issue 16) through the real tools: every host's docker-compose.yml
 * passes `docker-compose config` with its `.env` filled in (and stops, naming the variable, while a
 * host address is left empty), dclint finds no error in any of them, and the proxy configuration
 * on the proxy's host — an upstream over its own host and the others' published ports — passes
 * `nginx -t`, `haproxy -c -dW`, `caddy validate` and the Traefik schemas.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProject, seededRandom, type ExportFile } from '../../../shared/export/index';
import type { ProxyFlavour } from '../../../shared/model/types';
import { haOnThreeHosts } from '../../support/host-variants';
import { caddyCheck, haproxyCheck, nginxTest, validateDynamic, validateStatic } from '../../support/proxy-cases';
import { makeCertificates, tlsHosts, type Certificates } from '../../support/routing';
import { needTool } from '../../support/tools';

const ROOT = resolve(__dirname, '../../..');
const FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];
const HOSTS = ['edge', 'app-b', 'app-c'];
const ADDRESSES: Readonly<Record<string, string>> = {
  PORTOLAN_HOST_APP_B_ADDRESS: '10.0.1.2',
  PORTOLAN_HOST_APP_C_ADDRESS: '10.0.1.3',
};

const exported = (flavour: ProxyFlavour, certs?: Certificates, names?: Map<string, string>): readonly ExportFile[] => {
  const r = exportProject(haOnThreeHosts(), {
    random: seededRandom(3),
    proxy: flavour,
    ...(certs !== undefined && names !== undefined
      ? {
          override: {
            certificate: certs.certificate,
            // Every upstream name on its own loopback address: `nginx -t` resolves upstream blocks.
            upstream: (name: string, port: number) => {
              if (!names.has(name)) names.set(name, `127.0.0.${names.size + 2}`);
              return `${names.get(name)!}:${port}`;
            },
          },
        }
      : {}),
  });
  if (!r.ok) throw new Error('export refused');
  return r.files;
};

/** The operator's part: each host address input filled in, every other empty input given a value. */
const filled = (env: string, blank?: string): string =>
  env.replace(/^([A-Z_][A-Z0-9_]*)=$/gm, (line, name: string) =>
    name === 'PORTOLAN_NEXTAUTH_REGISTRY' || name === blank ? line : `${name}=${ADDRESSES[name] ?? 'filled-in'}`,
  );

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'portolan-hosts-'));
  for (const flavour of FLAVOURS)
    for (const f of exported(flavour)) {
      const path = join(root, flavour, f.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.path.endsWith('/.env') ? filled(f.contents) : f.contents, { mode: f.mode });
    }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(needTool('docker-compose', 'checking per-host compose files').skip)('docker-compose config', () => {
  const compose = (dir: string, ...args: string[]) =>
    spawnSync('docker-compose', ['-f', 'docker-compose.yml', '--env-file', '.env', ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
      timeout: 20_000,
    });

  for (const flavour of FLAVOURS)
    it(`reads every host's file of the ${flavour} export, with the addresses the operator filled in`, () => {
      for (const host of HOSTS) {
        const dir = join(root, flavour, 'hosts', host);
        mkdirSync(join(dir, 'certs'), { recursive: true });
        const r = compose(dir, 'config');
        expect(r.stderr, host).toBe('');
        expect(r.status, host).toBe(0);
        const services = (parse(r.stdout) as { services: Record<string, { ports?: unknown[] }> }).services;
        if (host === 'app-c') {
          // Published on the address filled in, never on every interface.
          expect(JSON.stringify(services.nextauth!.ports)).toContain('10.0.1.3');
          expect(JSON.stringify(services.nextauth!.ports)).not.toContain('0.0.0.0');
        }
      }
    });

  it('stops with a message naming the host address while .env leaves it empty', () => {
    const dir = join(root, 'blank');
    const files = exported('nginx');
    for (const f of files.filter((x) => x.path.startsWith('hosts/app-c/'))) {
      const path = join(dir, f.path.slice('hosts/app-c/'.length));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, f.path.endsWith('.env') ? filled(f.contents, 'PORTOLAN_HOST_APP_C_ADDRESS') : f.contents);
    }
    const r = compose(dir, 'config', '-q');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('set PORTOLAN_HOST_APP_C_ADDRESS in .env');
  });
});

describe('dclint', () => {
  it('finds no error in any host compose file (the one kept warning aside)', () => {
    const files = FLAVOURS.flatMap((f) => HOSTS.map((h) => `${f}/hosts/${h}/docker-compose.yml`));
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        join(ROOT, 'test/support/no-network.mjs'),
        join(ROOT, 'node_modules/dclint/bin/dclint.cjs'),
        ...files,
        '-c',
        join(ROOT, '.dclintrc.yaml'),
        '-f',
        'json',
        '--color',
        'false',
      ],
      { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: root }, timeout: 60_000 },
    );
    const reports = JSON.parse(r.stdout) as { filePath: string; messages: { rule: string; message: string }[] }[];
    expect(reports).toHaveLength(files.length);
    const found = reports.flatMap((x) =>
      x.messages
        .filter((m) => m.rule !== 'require-project-name-field')
        .map((m) => `${x.filePath}: ${m.rule} ${m.message}`),
    );
    expect(found).toEqual([]);
  });
});

describe('the proxy on the edge host, balancing over three hosts', () => {
  const proxyOf = async (flavour: ProxyFlavour) => {
    const first = exportProject(haOnThreeHosts(), { random: seededRandom(3), proxy: flavour });
    if (!first.ok) throw new Error('export refused');
    const certs = await makeCertificates(first.plan.proxies.flatMap(tlsHosts));
    const names = new Map<string, string>();
    const files = exported(flavour, certs, names);
    const of = (path: string) => files.find((f) => f.path === `hosts/edge/${flavour}/${path}`)!.contents;
    return { of, names };
  };

  it.skipIf(needTool('nginx', 'nginx -t').skip || needTool('openssl', 'test certificates').skip)(
    'passes nginx -t, the remote instances in its upstream blocks',
    async () => {
      const { of, names } = await proxyOf('nginx');
      const conf = of('nginx.conf');
      expect(conf).toMatch(/upstream hosts_nextauth_8009 \{/);
      // Local service, the DNS-named host and the aliased one, each dialled.
      expect([...names.keys()]).toEqual(
        expect.arrayContaining(['nextauth', 'app-b.internal.example.com', 'portolan-host-app-c']),
      );
      const r = await nginxTest(conf);
      expect(r.ok, r.log).toBe(true);
    },
  );

  it.skipIf(needTool('haproxy', 'haproxy -c').skip || needTool('openssl', 'test certificates').skip)(
    'passes haproxy -c -dW, each other host a server of its own',
    async () => {
      const { of, names } = await proxyOf('haproxy');
      const cfg = of('haproxy.cfg');
      expect(cfg).toMatch(/server nextauth-host2 127\.0\.0\.\d+:8009 check init-addr last,libc,none/);
      const r = await haproxyCheck(cfg, [...names.keys()]);
      expect(r.ok, r.log).toBe(true);
    },
  );

  it.skipIf(needTool('caddy', 'caddy validate').skip || needTool('openssl', 'test certificates').skip)(
    'passes caddy validate',
    async () => {
      const { of } = await proxyOf('caddy');
      const r = await caddyCheck(of('Caddyfile'));
      expect(r.ok, r.log).toBe(true);
      expect(JSON.stringify(r.json)).toMatch(/"dial":"127\.0\.0\.\d+:8009"/);
    },
  );

  it('passes the Traefik v3 schemas, a server per host', async () => {
    const { of } = await proxyOf('traefik');
    const dynamic = parse(of('dynamic.yml')) as {
      http: { services: Record<string, { loadBalancer: { servers: unknown[] } }> };
    };
    expect(validateStatic(parse(of('traefik.yml'))), JSON.stringify(validateStatic.errors)).toBe(true);
    expect(validateDynamic(dynamic), JSON.stringify(validateDynamic.errors)).toBe(true);
    expect(dynamic.http.services['nextauth-8009']!.loadBalancer.servers).toHaveLength(3);
  });
});
