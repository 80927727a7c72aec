import { FORMAT_VERSION } from '../shared/model/types';
import type { Component, ComponentId, Link, LinkId, Project, Route, RouteId, ZoneId } from '../shared/model/types';

export interface GenerateOptions {
  /**
   * How many following sites each site's clients and management console also use (0: sites
   * are independent, 8 links per 10 components). With 4, a 500-component project has ~1,000
   * links, as the canvas benchmark wants: one operations team runs a group of neighbouring
   * deployments, and the same apps sign in against several of them.
   */
  readonly neighbours?: number;
}

/**
 * A large, valid, realistic project: `sites` copies of the manual-proxy deployment (proxy,
 * nextauth with environment, mgmt, database with secrets, redis, externals, clients), so the
 * benchmarks exercise every part of the model rather than one repeated record.
 */
/** Site 0 serves on 443; the others on a port of their own, since all run on one host. */
const sitePort = (site: number): number => (site === 0 ? 443 : 10_000 + site);

export function generateProject(componentCount: number, options: GenerateOptions = {}): Project {
  const neighbours = options.neighbours ?? 0;
  const components: Component[] = [];
  const links: Link[] = [];
  const routes: Route[] = [];
  const zone = (z: string) => z as ZoneId;
  const base = (id: string, kind: Component['kind'], name: string, x: number, y: number): Component => ({
    id: id as ComponentId,
    kind,
    name,
    zone: zone('internal'),
    replicas: 1,
    properties: {},
    environment: {},
    portOverrides: {},
    publish: [],
    position: { x, y },
  });
  const link = (from: string, to: string, port: string) =>
    links.push({ id: `${from}-to-${to}` as LinkId, from: from as ComponentId, to: to as ComponentId, port });

  let sites = 0;
  for (let site = 0; components.length < componentCount; site++) {
    const s = `s${site}`;
    const y = site * 600;
    const domain = `site${site}.example.com`;
    const group: Component[] = [
      {
        ...base(`${s}-proxy`, 'reverse-proxy', `Proxy ${site}`, 300, y),
        // One Docker host runs every site (one compose project), so each proxy publishes its own port.
        zone: zone(`edge-${site}`),
        flavour: 'nginx',
        publish: [{ port: 'https', hostPort: sitePort(site) }],
      },
      {
        ...base(`${s}-nextauth`, 'nextauth', `nextauth ${site}`, 600, y),
        replicas: 2,
        environment: {
          NEXTAUTH_DEFAULT_WS_URL: {
            type: 'literal',
            value: `wss://auth.${domain}${sitePort(site) === 443 ? '' : `:${sitePort(site)}`}/`,
          },
          NEXTAUTH_LICENSE: { type: 'input', prompt: 'License string issued by nextAuth' },
          NEXTAUTH_ROOT_API_KEY: { type: 'secret', length: 32 },
        },
      },
      base(`${s}-mgmt`, 'nextauth-mgmt', `mgmt ${site}`, 600, y + 200),
      {
        ...base(`${s}-db`, 'database', `MySQL ${site}`, 900, y),
        flavour: 'mysql',
        environment: {
          MYSQL_PASSWORD: { type: 'secret', length: 32 },
          MYSQL_DATABASE: { type: 'literal', value: 'nextauth' },
          MYSQL_USER: { type: 'literal', value: 'nextauth' },
        },
      },
      // One Redis for every site: all nextauth instances of one deployment share their state. The
      // other sites draw their administrator in its place, so every site keeps ten components.
      site === 0
        ? base(`${s}-redis`, 'redis', `Redis ${site}`, 900, y + 200)
        : { ...base(`${s}-admin`, 'browser-user', 'Administrator', 0, y + 150), zone: zone('internet') },
      { ...base(`${s}-license`, 'license-server', 'License server', 1200, y), zone: zone('internet') },
      { ...base(`${s}-fcm`, 'push-fcm', 'FCM', 1200, y + 150), zone: zone('internet') },
      { ...base(`${s}-apns`, 'push-apns', 'APNs', 1200, y + 300), zone: zone('internet') },
      { ...base(`${s}-mobile`, 'mobile-app', 'Mobile app', 0, y), zone: zone('internet') },
      { ...base(`${s}-app`, 'business-app', 'Business app', 0, y + 300) },
    ];
    // The last site may be cut short; it then gets no links or routes (they would dangle).
    if (components.length + group.length > componentCount) {
      components.push(...group.slice(0, componentCount - components.length));
      break;
    }
    components.push(...group);
    sites++;
    link(`${s}-mobile`, `${s}-proxy`, 'https');
    link(`${s}-app`, `${s}-nextauth`, 'rest');
    link(`${s}-mgmt`, `${s}-nextauth`, 'rest');
    link(`${s}-nextauth`, `${s}-db`, 'db');
    link(`${s}-nextauth`, 's0-redis', 'redis');
    link(`${s}-nextauth`, `${s}-license`, 'https');
    link(`${s}-nextauth`, `${s}-fcm`, 'https');
    link(`${s}-nextauth`, `${s}-apns`, 'https');
    const route = (id: string, scheme: Route['scheme'], host: string, target: string, port: string) =>
      routes.push({
        id: `${s}-route-${id}` as RouteId,
        via: `${s}-proxy` as ComponentId,
        scheme,
        host,
        ...(sitePort(site) !== 443 ? { publicPort: sitePort(site) } : {}),
        path: '/',
        target: target as ComponentId,
        port,
        tls: { terminate: true, reencrypt: false },
      });
    route('ws', 'wss', `auth.${domain}`, `${s}-nextauth`, 'ws');
    route('mobile', 'https', `mobile.${domain}`, `${s}-nextauth`, 'mobile');
    route('dashboard', 'https', `dashboard.${domain}`, `${s}-mgmt`, 'dashboard');
  }

  // Links between complete sites only, each to the nearest following ones (short edges, as an
  // architect would draw them), never to a cut-short last site.
  for (let site = 0; site < sites; site++) {
    for (let k = 1; k <= neighbours && site + k < sites; k++) {
      const [s, t] = [`s${site}`, `s${site + k}`];
      link(`${s}-mobile`, `${t}-proxy`, 'https');
      link(`${s}-app`, `${t}-nextauth`, 'rest');
      link(`${s}-mgmt`, `${t}-nextauth`, 'rest');
    }
  }

  return {
    format: FORMAT_VERSION,
    meta: { name: `Generated ${componentCount}-component deployment`, description: 'Benchmark fixture' },
    settings: { registry: 'registry.example.com/nextauth', tag: '1.0' },
    zones: [
      { id: zone('internet'), name: 'Internet', kind: 'internet' },
      { id: zone('internal'), name: 'Internal', kind: 'internal' },
      ...Array.from({ length: Math.ceil(componentCount / 10) }, (_, i) => ({
        id: zone(`edge-${i}`),
        name: `Edge host ${i}`,
        kind: 'dmz' as const,
      })),
    ],
    components,
    links,
    routes,
    suppressions: [],
  };
}
