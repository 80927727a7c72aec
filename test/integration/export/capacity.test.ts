import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capacityLimits } from '../../../shared/export/capacity';
import { exportProject, seededRandom, type ExportFile } from '../../../shared/export/index';
import {
  DEFAULT_WEBSOCKET_CLIENTS,
  setEntryCapacity,
  setProjectCapacity,
  WEBSOCKET_CLIENTS,
} from '../../../shared/model/capacity';
import type { ComponentId, Project, ProxyFlavour } from '../../../shared/model/types';
import { template } from '../../support/fixtures';
import { exportWith, haproxyCheck, nginxTest } from '../../support/proxy-cases';
import { cleanUp, makeCertificates, type Certificates } from '../../support/routing';
import { needTool } from '../../support/tools';

/**
 * The capacity settings against the real tools (gixy cannot be installed here, so this is the check
 * it would make): nginx -t reads the exported nginx.conf, whose worker_connections and
 * worker_rlimit_nofile are the project's figure's (and nginx warns once worker_rlimit_nofile is
 * taken away, so the setting is what keeps the file clean); haproxy -c accepts the derived maxconn
 * up to the largest figure a project may hold; docker-compose config reads the ulimits and
 * sysctls back; dclint finds no error in them.
 */

afterAll(cleanUp);

const manual = template('manual');
const proxyId = manual.components.find((c) => c.kind === 'reverse-proxy')!.id as ComponentId;
const FIGURES = [1, DEFAULT_WEBSOCKET_CLIENTS, 60_000, WEBSOCKET_CLIENTS.max];

/** Any nginx warning but OCSP stapling's (self-signed test certificates name no responder). */
const warnings = (log: string): string[] =>
  log.split('\n').filter((l) => /\[(warn|emerg|alert|crit)\]/.test(l) && !/"ssl_stapling" ignored/.test(l));

function proxyConfig(project: Project, flavour: ProxyFlavour, certs: Certificates) {
  const result = exportWith(project, flavour, { override: { certificate: certs.certificate } });
  const proxy = result.plan.proxies[0]!;
  return { result, contents: result.files.find((f) => f.path === proxy.configFile)!.contents };
}

describe.skipIf(
  needTool('nginx', 'nginx -t on the capacity settings').skip || needTool('openssl', 'certificates').skip,
)('nginx -t: the capacity settings are the project figure’s', () => {
  let certs: Certificates;
  beforeAll(async () => {
    certs = await makeCertificates([...new Set(manual.routes.map((r) => r.host))]);
  });

  it.each(FIGURES)('%i WebSocket clients', async (clients) => {
    const { contents } = proxyConfig(setProjectCapacity(manual, clients), 'nginx', certs);
    const limits = capacityLimits(clients);
    const connections = Number(/^\s*worker_connections (\d+);$/m.exec(contents)?.[1]);
    const nofile = Number(/^worker_rlimit_nofile (\d+);$/m.exec(contents)?.[1]);
    expect(connections).toBe(limits.nginxWorkerConnections);
    expect(nofile).toBe(limits.nofile);
    // Each worker holds both sides of every WebSocket, and opens no more files than it may.
    expect(connections).toBeGreaterThanOrEqual(2 * clients);
    expect(nofile).toBeGreaterThanOrEqual(connections);
    const run = await nginxTest(contents);
    expect(run.ok, run.log).toBe(true);
    expect(warnings(run.log), run.log).toEqual([]);
  });

  it('without worker_rlimit_nofile nginx warns that the workers cannot open that many connections', async () => {
    const { contents } = proxyConfig(setProjectCapacity(manual, WEBSOCKET_CLIENTS.max), 'nginx', certs);
    const run = await nginxTest(contents.replace(/^worker_rlimit_nofile \d+;$/m, ''));
    expect(run.ok, run.log).toBe(true);
    expect(run.log).toMatch(/worker_connections exceed open file resource limit/);
  });

  it("an entry point's own figure is the one its configuration carries", async () => {
    const project = setEntryCapacity(setProjectCapacity(manual, 60_000), proxyId, 700);
    const { contents } = proxyConfig(project, 'nginx', certs);
    expect(contents).toContain(`worker_connections ${capacityLimits(700).nginxWorkerConnections};`);
    const run = await nginxTest(contents);
    expect(run.ok, run.log).toBe(true);
  });
});

describe.skipIf(
  needTool('haproxy', 'haproxy -c on the capacity settings').skip || needTool('openssl', 'certificates').skip,
)('haproxy -c accepts the derived maxconn', () => {
  let certs: Certificates;
  beforeAll(async () => {
    certs = await makeCertificates([...new Set(manual.routes.map((r) => r.host))]);
  });

  it.each(FIGURES)('%i WebSocket clients', async (clients) => {
    const { result, contents } = proxyConfig(setProjectCapacity(manual, clients), 'haproxy', certs);
    const maxconn = [...contents.matchAll(/^\s*maxconn (\d+)$/gm)].map((m) => Number(m[1]));
    expect(maxconn).toEqual([capacityLimits(clients).haproxyMaxconn, capacityLimits(clients).haproxyMaxconn]);
    const checked = await haproxyCheck(
      contents,
      result.plan.services.map((s) => s.name),
    );
    expect(checked.ok, checked.log).toBe(true);
  });
});

function exportFiles(project: Project, flavour: ProxyFlavour): readonly ExportFile[] {
  const result = exportProject(project, { random: seededRandom(1), proxy: flavour });
  if (!result.ok) throw new Error(`export refused: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.files;
}

interface Resolved {
  services: Record<
    string,
    { ulimits?: { nofile: { soft: number; hard: number } }; sysctls?: Record<string, string | number> }
  >;
}

describe('the compose file with capacity limits', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'portolan-capacity-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function writeExport(files: readonly ExportFile[], name: string): string {
    const dir = join(root, name);
    for (const f of files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.contents, { mode: f.mode });
    }
    mkdirSync(join(dir, 'certs'), { recursive: true });
    return dir;
  }

  // A figure whose upstream connections exceed the default ephemeral range, so every capacity key is written.
  const project = setProjectCapacity(manual, 100_000);
  const limits = capacityLimits(100_000);

  it.skipIf(needTool('docker-compose', 'docker-compose config on the capacity settings').skip)(
    'docker-compose config reads the ulimits and sysctls back in every flavour',
    () => {
      for (const flavour of ['nginx', 'haproxy', 'caddy', 'traefik'] as const) {
        const dir = writeExport(exportFiles(project, flavour), `compose-${flavour}`);
        const r = spawnSync('docker-compose', ['-f', 'docker-compose.yml', '--env-file', '.env', 'config'], {
          cwd: dir,
          encoding: 'utf8',
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
          timeout: 20_000,
        });
        expect(r.status, r.stderr).toBe(0);
        const proxy = (parse(r.stdout) as Resolved).services[proxyId]!;
        expect(proxy.ulimits, flavour).toEqual({ nofile: { soft: limits.nofile, hard: limits.nofile } });
        expect(String(proxy.sysctls?.['net.core.somaxconn']), flavour).toBe(String(limits.backlog));
        expect(proxy.sysctls?.['net.ipv4.ip_local_port_range'], flavour).toBe('1024 65535');
      }
    },
  );

  it('dclint finds no error in them', () => {
    const ROOT = resolve(__dirname, '../../..');
    const files: string[] = [];
    for (const flavour of ['nginx', 'haproxy', 'caddy', 'traefik'] as const) {
      const dir = writeExport(exportFiles(project, flavour), `dclint-${flavour}`);
      files.push(join(dir, 'docker-compose.yml'));
    }
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
    const reports = JSON.parse(r.stdout) as { filePath: string; messages: { type: string; rule: string }[] }[];
    expect(reports).toHaveLength(4);
    for (const report of reports)
      expect(
        report.messages.filter((m) => m.type === 'error'),
        report.filePath,
      ).toEqual([]);
  });
});
