/**
 * Traefik's Docker labels → routes: routers, services and middlewares on compose services,
 * the upstream at the labelled service, the defaults Traefik applies (the one service of a
 * container, the one exposed port), traefik.enable, and positions for every note and error.
 */
import { describe, expect, it } from 'vitest';
import {
  importTraefikLabels,
  type Label,
  type LabelledService,
} from '../../../../../shared/import/proxy/traefik-labels';
import { entryPointsFromArgs } from '../../../../../shared/import/proxy/traefik-static';
import type { ImportedRoute, ProxyImport } from '../../../../../shared/import/proxy/types';

/** Labels as a compose file lists them, one per line from `line`, each value after `KEY=` on that line. */
function labels(first: number, ...pairs: string[]): Label[] {
  return pairs.map((pair, i) => {
    const eq = pair.indexOf('=');
    const at = { file: 'compose.yml', line: first + i, column: 9 };
    return { key: pair.slice(0, eq), value: pair.slice(eq + 1), at, valueAt: { ...at, column: 9 + eq + 1 } };
  });
}

const line = (r: ImportedRoute): string =>
  `${r.scheme}://${r.host}${r.publicPort === undefined ? '' : `:${r.publicPort}`}${r.path} → ` +
  `${r.upstream.tls ? 'https' : 'http'}://${r.upstream.host}:${r.upstream.port}` +
  `${r.tls.terminate ? ' terminate' : ''}${r.tls.reencrypt ? ' reencrypt' : ''}`;

function load(services: LabelledService[], options: Parameters<typeof importTraefikLabels>[1] = {}): ProxyImport {
  const result = importTraefikLabels(services, options);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`).join('\n'));
  return result.value;
}

const notes = (imported: ProxyImport) => imported.notes.map((n) => `${n.at.line}:${n.at.column} ${n.kind} ${n.text}`);

/** The static side, as the traefik service's `command:` gives it in compose. */
const entryPoints = entryPointsFromArgs(
  [
    '--entrypoints.web.address=:80',
    '--entrypoints.web.http.redirections.entrypoint.to=websecure',
    '--entrypoints.web.http.redirections.entrypoint.scheme=https',
    '--entrypoints.websecure.address=:443',
    '--entrypoints.plain.address=:8080',
  ].map((value, i) => ({ value, at: { file: 'compose.yml', line: 5 + i, column: 9 } })),
  [],
);

describe('Traefik labels', () => {
  it('reads the labels of a typical compose file', () => {
    const imported = load(
      [
        {
          service: 'ns',
          labels: labels(
            20,
            'traefik.enable=true',
            'traefik.http.routers.ns-ws.rule=Host(`auth.example.com`) && PathPrefix(`/ns/websocket`)',
            'traefik.http.routers.ns-ws.entrypoints=websecure',
            'traefik.http.routers.ns-ws.tls=true',
            'traefik.http.routers.ns-ws.service=ns-ws',
            'traefik.http.services.ns-ws.loadbalancer.server.port=9999',
            'traefik.http.routers.ns-api.rule=Host(`ns-api.example.com`)',
            'traefik.http.routers.ns-api.entryPoints=websecure',
            'traefik.http.routers.ns-api.tls.certresolver=le',
            'traefik.http.routers.ns-api.service=ns-api',
            'traefik.http.services.ns-api.loadbalancer.server.port=8080',
            'traefik.http.services.ns-api.loadbalancer.server.scheme=https',
            'traefik.docker.network=edge',
          ),
        },
        // A router without a service on a container that defines one service uses it.
        {
          service: 'mgmt',
          labels: labels(
            40,
            'traefik.http.routers.dash.rule=Host(`dash.example.com`)',
            'traefik.http.routers.dash.entrypoints=websecure',
            'traefik.http.routers.dash.tls=true',
            'traefik.http.services.dash-svc.loadbalancer.server.port=80',
          ),
        },
        // No service label at all: Traefik makes one on the container's one exposed port.
        {
          service: 'idp',
          labels: labels(
            50,
            'traefik.http.routers.idp.rule=Host(`idp.example.com`)',
            'traefik.http.routers.idp.entrypoints=plain',
          ),
          ports: [82],
        },
        { service: 'mysql', labels: labels(60, 'com.example.backup=daily') },
      ],
      { entryPoints },
    );
    expect(imported.routes.map(line)).toEqual([
      'https://auth.example.com/ns/websocket → http://ns:9999 terminate',
      'https://ns-api.example.com/ → https://ns:8080 terminate reencrypt',
      'https://dash.example.com/ → http://mgmt:80 terminate',
      'http://idp.example.com:8080/ → http://idp:82',
    ]);
    expect(imported.routes.map((r) => `${r.at.line}:${r.at.column} ${r.websocket}`)).toEqual([
      '21:9 unknown',
      '26:9 unknown',
      '40:9 unknown',
      '50:9 unknown',
    ]);
    expect(imported.redirects).toEqual([{ hosts: [], port: 80, at: { file: 'compose.yml', line: 6, column: 9 } }]);
    expect(notes(imported)).toEqual([
      '28:9 interpreted traefik.http.routers.ns-api.tls.certresolver=le: the router ends TLS; where its certificate comes from is not imported',
      '32:9 not-understood traefik.docker.network=edge: not imported',
      "50:9 interpreted service idp: no loadbalancer.server.port label; the container's one exposed port 82 is used",
    ]);
  });

  it('skips containers Traefik does not expose, and says so', () => {
    const routed = (service: string, first: number, ...extra: string[]) => ({
      service,
      labels: labels(
        first,
        ...extra,
        `traefik.http.routers.${service}.rule=Host(\`${service}.example.com\`)`,
        `traefik.http.services.${service}.loadbalancer.server.port=1`,
      ),
    });
    const imported = load(
      [routed('off', 1, 'traefik.enable=false'), routed('on', 10, 'traefik.enable=true'), routed('plain', 20)],
      {
        exposedByDefault: false,
        entryPoints,
      },
    );
    expect(imported.routes.map((r) => r.host)).toEqual(['on.example.com', 'on.example.com']);
    expect(notes(imported).filter((n) => n.includes('interpreted'))).toEqual([
      '1:9 interpreted off: traefik.enable=false; its Traefik labels are not imported',
      '20:9 interpreted plain: no traefik.enable=true label (exposedByDefault is false); its Traefik labels are not imported',
    ]);
  });

  it('reads redirect middlewares, TCP passthrough, and notes what has no counterpart', () => {
    const imported = load([
      {
        service: 'proxy-rules',
        labels: labels(
          1,
          'traefik.http.routers.to-https.rule=HostRegexp(`.+`)',
          'traefik.http.routers.to-https.entrypoints=web',
          'traefik.http.routers.to-https.middlewares=https-redirect',
          'traefik.http.middlewares.https-redirect.redirectscheme.scheme=https',
          'traefik.http.middlewares.https-redirect.redirectscheme.permanent=true',
          'traefik.http.middlewares.auth.basicauth.users=u:$$apr1$$x',
        ),
      },
      {
        service: 'mc',
        labels: labels(
          10,
          'traefik.tcp.routers.mc.rule=HostSNI(`mc-api.example.com`)',
          'traefik.tcp.routers.mc.entrypoints=websecure',
          'traefik.tcp.routers.mc.tls.passthrough=true',
          'traefik.tcp.services.mc.loadbalancer.server.port=8080',
          'traefik.http.routers.mc-web.rule=Host(`mc.example.com`)',
          'traefik.http.routers.mc-web.entrypoints=websecure',
          'traefik.http.routers.mc-web.middlewares=auth@docker',
          'traefik.http.services.mc-web.loadbalancer.server.port=8081',
          'traefik.http.services.mc-web.loadbalancer.sticky.cookie=true',
        ),
      },
    ]);
    expect(imported.routes.map(line)).toEqual([
      'https://mc-api.example.com/ → http://mc:8080',
      'http://mc.example.com:443/ → http://mc:8081',
    ]);
    expect(imported.redirects.map((r) => [r.hosts, r.port])).toEqual([[[], 80]]);
    expect(notes(imported).filter((n) => n.includes('not-understood'))).toEqual([
      // Traefik makes the redirect router's container a service too, and needs a port for it.
      '1:9 not-understood service proxy-rules: no loadbalancer.server.port label and no exposed port; its routers are not imported',
      '16:49 not-understood middleware auth@docker (basicauth) of router mc-web: not imported',
      '18:9 not-understood traefik.http.services.mc-web.loadbalancer.sticky.cookie=true: not imported',
    ]);
  });

  it('notes what it cannot follow: no port, no router, two services, a router defined twice', () => {
    const imported = load(
      [
        { service: 'a', labels: labels(1, 'traefik.http.routers.r.rule=Host(`a.example.com`)'), ports: [1, 2] },
        { service: 'b', labels: labels(10, 'traefik.enable=true') },
        {
          service: 'c',
          labels: labels(
            20,
            'traefik.http.routers.c.rule=Host(`c.example.com`)',
            'traefik.http.services.one.loadbalancer.server.port=1',
            'traefik.http.services.two.loadbalancer.server.port=2',
          ),
        },
        { service: 'd', labels: labels(30, 'traefik.http.routers.r.rule=Host(`d.example.com`)'), ports: [4] },
      ],
      { entryPoints },
    );
    expect(imported.routes).toEqual([]);
    expect(notes(imported)).toEqual([
      '1:9 not-understood service a: no loadbalancer.server.port label and 2 exposed ports; its routers are not imported',
      '1:9 not-understood service a: no servers; router r is not imported',
      "10:9 not-understood b: enabled for Traefik without a router, so Traefik's default rule applies (not known here); not imported",
      '20:9 not-understood router c: the container defines 2 services and the router names none',
      '20:9 not-understood router c names no service; not imported',
      "30:9 interpreted service d: no loadbalancer.server.port label; the container's one exposed port 4 is used",
      '30:9 not-understood router r is defined again on d (first at compose.yml:1:9); Traefik reports the conflict; only the first definition is imported',
    ]);
  });

  it('points a rule error inside the label value', () => {
    const result = importTraefikLabels([
      { service: 'x', labels: labels(7, 'traefik.http.routers.x.rule=Host(`a`) &&'), ports: [1] },
    ]);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]).toMatchObject({
      code: 'proxy-syntax',
      at: { file: 'compose.yml', line: 7, column: 9 + 'traefik.http.routers.x.rule='.length + 'Host(`a`) &&'.length },
    });
  });
});
