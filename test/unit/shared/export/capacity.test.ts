import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  capacityLimits,
  EPHEMERAL_PORTS,
  FILE_RESERVE,
  grouped,
  MIN_HTTP_HEADROOM,
  SOCKET_RESERVE,
  upstreamNofile,
  WEBSOCKET_IDLE_TIMEOUT,
} from '../../../../shared/export/capacity';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import {
  DEFAULT_WEBSOCKET_CLIENTS,
  setEntryCapacity,
  setProjectCapacity,
  WEBSOCKET_CLIENTS,
} from '../../../../shared/model/capacity';
import type { ComponentId, Project, ProxyFlavour } from '../../../../shared/model/types';
import { template } from '../../../support/fixtures';

/**
 * The one derivation from the expected peak of WebSocket clients to every limit (export/capacity.ts),
 * and each flavour's files rendering it: limits never fall as the peak grows, every flavour can hold
 * the sockets the peak needs, and nginx, HAProxy, Caddy, Traefik and compose state the same figures.
 */

const clients = fc.integer({ min: WEBSOCKET_CLIENTS.min, max: WEBSOCKET_CLIENTS.max });

/** What a peak of `n` WebSocket clients needs at one proxy, at the least: two sockets each. */
const neededSockets = (n: number): number => 2 * n;

describe('capacityLimits', () => {
  it('gives the documented figures for the default peak', () => {
    const l = capacityLimits(DEFAULT_WEBSOCKET_CLIENTS);
    expect(l).toMatchObject({
      websocketClients: 10_000,
      httpHeadroom: 2_500,
      clientConnections: 12_500,
      upstreamConnections: 12_500,
      sockets: 25_256,
      nofile: 26_024,
      nginxWorkerConnections: 25_256,
      haproxyMaxconn: 12_500,
      backlog: 4_096,
      widePortRange: false,
    });
  });

  it('keeps a floor of HTTP headroom for a small deployment', () => {
    expect(capacityLimits(1).httpHeadroom).toBe(MIN_HTTP_HEADROOM);
    expect(capacityLimits(1).nofile).toBe(2 * (1 + MIN_HTTP_HEADROOM) + SOCKET_RESERVE + FILE_RESERVE);
  });

  it('never lowers a limit as the peak grows (monotone)', () => {
    fc.assert(
      fc.property(clients, clients, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const x = capacityLimits(lo);
        const y = capacityLimits(hi);
        for (const key of [
          'httpHeadroom',
          'clientConnections',
          'upstreamConnections',
          'sockets',
          'nofile',
          'nginxWorkerConnections',
          'haproxyMaxconn',
          'backlog',
        ] as const)
          expect(y[key], key).toBeGreaterThanOrEqual(x[key]);
        if (x.widePortRange) expect(y.widePortRange).toBe(true);
      }),
    );
  });

  it('gives every flavour at least the sockets and files the peak needs', () => {
    fc.assert(
      fc.property(clients, (n) => {
        const l = capacityLimits(n);
        // nginx counts both sides of each connection, per worker; its files cover them.
        expect(l.nginxWorkerConnections).toBeGreaterThanOrEqual(neededSockets(n));
        expect(l.nofile).toBeGreaterThanOrEqual(l.nginxWorkerConnections);
        // HAProxy counts the client side; it opens one upstream connection per client one.
        expect(l.haproxyMaxconn).toBeGreaterThanOrEqual(n);
        expect(2 * l.haproxyMaxconn).toBeLessThanOrEqual(l.nofile - FILE_RESERVE);
        // Caddy and Traefik: the open-file limit alone.
        expect(l.nofile).toBeGreaterThanOrEqual(neededSockets(n) + SOCKET_RESERVE);
        // Every figure fits fs.nr_open's default, so compose's ulimits always apply.
        expect(l.nofile).toBeLessThanOrEqual(1_048_576);
        expect(l.widePortRange).toBe(l.upstreamConnections > EPHEMERAL_PORTS);
        expect(upstreamNofile(l.upstreamConnections)).toBeGreaterThan(l.upstreamConnections);
      }),
    );
  });

  it('refuses a figure outside the bounds: zero, negative, a fraction, NaN, absurdly large', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Infinity, WEBSOCKET_CLIENTS.max + 1, 1e300])
      expect(() => capacityLimits(bad), String(bad)).toThrow(RangeError);
  });

  it('groups thousands the same way on every machine', () => {
    expect([0, 999, 1_000, 26_024, 1_001_280].map(grouped)).toEqual(['0', '999', '1,000', '26,024', '1,001,280']);
  });
});

function exported(project: Project, flavour?: ProxyFlavour): Map<string, string> {
  const result = exportProject(project, { random: seededRandom(3), ...(flavour ? { proxy: flavour } : {}) });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return new Map(result.files.map((f) => [f.path, f.contents]));
}

const only = (files: Map<string, string>, suffix: string): string =>
  [...files].find(([path]) => path.endsWith(suffix))![1];

interface ComposeService {
  ulimits?: { nofile: { soft: number; hard: number } };
  sysctls?: Record<string, number | string>;
}
const services = (files: Map<string, string>): Record<string, ComposeService> =>
  (parse(only(files, 'docker-compose.yml')) as { services: Record<string, ComposeService> }).services;

describe('every flavour renders the derivation', () => {
  const manual = template('manual');
  const proxyId = manual.components.find((c) => c.kind === 'reverse-proxy')!.id;

  it('nginx, HAProxy, Caddy and Traefik state the figures of the same peak', () => {
    const project = setProjectCapacity(manual, 30_000);
    const l = capacityLimits(30_000);
    const nginx = only(exported(project, 'nginx'), 'nginx.conf');
    expect(nginx).toMatch(new RegExp(`^worker_rlimit_nofile ${l.nofile};$`, 'm'));
    expect(nginx).toMatch(new RegExp(`^ {4}worker_connections ${l.nginxWorkerConnections};$`, 'm'));
    expect(nginx).toContain(`default_server backlog=${l.backlog};`);
    expect(nginx).toContain(`proxy_read_timeout ${WEBSOCKET_IDLE_TIMEOUT.text};`);
    expect(nginx).not.toContain('worker_connections 1024;');
    const haproxy = only(exported(project, 'haproxy'), 'haproxy.cfg');
    expect(haproxy.match(new RegExp(`^ {4}maxconn ${l.haproxyMaxconn}$`, 'gm'))).toHaveLength(2);
    expect(haproxy).toContain(`timeout tunnel ${WEBSOCKET_IDLE_TIMEOUT.text}`);
    expect(haproxy).not.toContain('maxconn 8000');
    expect(only(exported(project, 'caddy'), 'Caddyfile')).toContain(`its limit is the ${grouped(l.nofile)} open files`);
    expect(only(exported(project, 'traefik'), 'traefik.yml')).toContain(`the ${grouped(l.nofile)} open files`);
    for (const flavour of ['nginx', 'haproxy', 'caddy', 'traefik'] as const) {
      const s = services(exported(project, flavour));
      expect(s[proxyId]!.ulimits, flavour).toEqual({ nofile: { soft: l.nofile, hard: l.nofile } });
      expect(s[proxyId]!.sysctls?.['net.core.somaxconn'], flavour).toBe(l.backlog);
      // nextauth holds the far end of every WebSocket the proxy forwards.
      expect(s.nextauth!.ulimits, flavour).toEqual({
        nofile: { soft: upstreamNofile(l.upstreamConnections), hard: upstreamNofile(l.upstreamConnections) },
      });
      // Services no WebSocket reaches keep Docker's default.
      expect(s.redis?.ulimits, flavour).toBeUndefined();
    }
  });

  it('for any figure, every flavour gives its proxy container the same open-file limit, and nginx and HAProxy the derived limits', () => {
    fc.assert(
      fc.property(clients, (n) => {
        const project = setProjectCapacity(manual, n);
        const l = capacityLimits(n);
        const nofiles = new Set<number | undefined>();
        for (const flavour of ['nginx', 'haproxy', 'caddy', 'traefik'] as const) {
          const files = exported(project, flavour);
          nofiles.add(services(files)[proxyId]!.ulimits?.nofile.hard);
          if (flavour === 'nginx')
            expect(only(files, 'nginx.conf')).toContain(`worker_connections ${l.nginxWorkerConnections};`);
          if (flavour === 'haproxy') expect(only(files, 'haproxy.cfg')).toContain(`maxconn ${l.haproxyMaxconn}\n`);
        }
        expect([...nofiles]).toEqual([l.nofile]);
      }),
      { numRuns: 15 },
    );
  });

  it("an entry point's own figure wins over the project's", () => {
    const project = setEntryCapacity(setProjectCapacity(manual, 50_000), proxyId as ComponentId, 2_000);
    const nginx = only(exported(project, 'nginx'), 'nginx.conf');
    expect(nginx).toContain(`worker_rlimit_nofile ${capacityLimits(2_000).nofile};`);
    expect(services(exported(project, 'nginx'))[proxyId]!.ulimits?.nofile.hard).toBe(capacityLimits(2_000).nofile);
  });

  it('an absent figure is the default, 10,000', () => {
    const nginx = only(exported(manual, 'nginx'), 'nginx.conf');
    expect(nginx).toContain(`worker_rlimit_nofile ${capacityLimits(DEFAULT_WEBSOCKET_CLIENTS).nofile};`);
  });

  it("widens the proxy's ephemeral port range when its upstream connections exceed Linux's default", () => {
    const small = services(exported(setProjectCapacity(manual, 20_000), 'haproxy'))[proxyId]!;
    expect(small.sysctls?.['net.ipv4.ip_local_port_range']).toBeUndefined();
    // HAProxy's own sysctl stays beside the capacity ones.
    expect(small.sysctls?.['net.ipv4.ip_unprivileged_port_start']).toBe(0);
    const big = services(exported(setProjectCapacity(manual, 30_000), 'haproxy'))[proxyId]!;
    expect(big.sysctls?.['net.ipv4.ip_local_port_range']).toBe('1024 65535');
  });

  it('portmap, an entry point without a file of its own, gets the open-file limit in compose', () => {
    const def = template('default');
    const portmap = def.components.find((c) => c.kind === 'nextauth-portmap')!;
    const s = services(exported(setEntryCapacity(def, portmap.id, 1_000)));
    expect(s[portmap.id]!.ulimits?.nofile.soft).toBe(capacityLimits(1_000).nofile);
  });

  it('DEPLOYMENT.md states the capacity per entry point and the host settings', () => {
    const project = setProjectCapacity(manual, 40_000);
    const l = capacityLimits(40_000);
    const guide = only(exported(project, 'haproxy'), 'DEPLOYMENT.md');
    const section = guide.slice(guide.indexOf('## Capacity'));
    expect(section).toContain(`| ${grouped(40_000)} | ${grouped(l.httpHeadroom)} | ${grouped(l.nofile)} |`);
    expect(section).toContain(`\`maxconn ${l.haproxyMaxconn}\``);
    for (const setting of ['fs.file-max', 'fs.nr_open', 'net.core.somaxconn', "Docker's default"])
      expect(section).toContain(setting);
    expect(section).toContain('`net.ipv4.ip_local_port_range: 1024 65535`');
  });
});
