/**
 * import(export(p)) gives p back. Random error-free deployments (test/support/deployments.ts) are
 * drawn with every reverse proxy in one flavour (nginx, HAProxy, Caddy, Traefik) or with portmap;
 * the real exporters write docker-compose.yml (with its `x-portolan` block), `.env` and the proxy
 * configurations, and `importProject` reads them back from memory. Compared: every component
 * (kind, flavour, name, replicas, zone, properties, publishes, port overrides, pinned, the kind
 * of each variable, a custom container's image and ports), every link (id, from, to, port),
 * every route (id, entry point, scheme, host, public port, path, target, port, TLS), the zones,
 * the project's name and description and its suppressions, and the compose networks: none for a
 * drawing that declares none, else the declared ones with their settings and each service's
 * networks (with its settings on them). Positions are restored from the
 * block too, but not compared (the import lays out a drawing whose block does not place all).
 *
 * What a drawing says twice is compared once: a connection variable typed exactly as nextauth's
 * link derives it (an "exact" override) is the link's own value, so the import draws the link
 * and leaves the variable out, as loading a format 1 file does (shared/format/migrate-v1.ts).
 *
 * Without the block (stripped), recognition alone gives back the containers: each service's
 * kind, flavour, replicas, publishes and variable kinds, the links between services and the
 * routes of the reverse proxies. What compose cannot say does not come back without the block,
 * by design, and that test leaves it out: component names, zones, positions, properties, pinned
 * flags, the ids of links and routes; a custom container's port names and the ports it does not
 * publish (that test draws none); the components no compose file runs (clients, outside
 * services, servers the customer runs) and their links; portmap's routes (configured in nextAuth,
 * written in no file); publishes the export leaves out of compose (a non-entry service's) and
 * the replicas of a kind compose runs once; moved ports of nextAuth's images (they have no port
 * setting, so nothing in compose states the port) and of the database, Redis and Sentinel (in
 * their `command` and sentinel.conf, which recognition does not read) — so the projects of that
 * test keep every port where the images listen, and every server inside the deployment.
 *
 * HAProxy and Traefik forward WebSocket upgrades on every route, so their configurations do not
 * tell a `wss` route from an `https` one: the import upgrades a route whose target port speaks
 * WebSocket (routes.ts). Without the block the scheme is compared as drawn, so that holds for
 * nextAuth's ports; with it, the block's scheme is taken for a route that matches it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allConnections } from '../../../../../shared/connections/index';
import { exportProject, seededRandom } from '../../../../../shared/export/index';
import { importProject } from '../../../../../shared/import/project/index';
import { getKind, isDeployed } from '../../../../../shared/catalog/index';
import { isEntryPoint, publicPortOf } from '../../../../../shared/model/constraints';
import { networkMembership } from '../../../../../shared/model/networks';
import type {
  Component,
  ComponentId,
  ContainerPort,
  LinkId,
  Project,
  ProxyFlavour,
  TlsProfileName,
  TlsSettings,
} from '../../../../../shared/model/types';
import { checkProject } from '../../../../../shared/rules/engine';
import { buildDeployment, deploymentChoices, type DeploymentChoices } from '../../../../support/deployments';

type Entry = ProxyFlavour | 'portmap';
const ENTRIES: readonly Entry[] = ['nginx', 'haproxy', 'caddy', 'traefik', 'portmap'];
/** Runs per property and seed; ROUNDTRIP_RUNS=200 ROUNDTRIP_SEED=n search further (about 50 s a seed). */
const RUNS = Number(process.env.ROUNDTRIP_RUNS ?? 40);
const SEED = Number(process.env.ROUNDTRIP_SEED ?? 14);

const clean = (p: Project): boolean => !checkProject(p).some((d) => d.severity === 'error' && !d.suppressed);

function withEntry(ch: DeploymentChoices, entry: Entry): DeploymentChoices {
  if (entry === 'portmap') return { ...ch, entry: { kind: 'portmap' } };
  const count = ch.entry.kind === 'proxies' ? ch.entry.flavours.length : 1;
  return { ...ch, entry: { kind: 'proxies', flavours: Array.from({ length: count }, () => entry) } };
}

/** A custom container some deployments run beside nextAuth: its own image and named ports. */
const containerChoice = fc.option(
  fc.record({
    image: fc.constantFrom(
      'busybox:1.36',
      'registry.example.com/tools/report:1.4',
      `ghcr.io/acme/audit@sha256:${'a'.repeat(64)}`,
    ),
    ports: fc.uniqueArray(
      fc.record({
        name: fc.constantFrom('api', 'metrics', 'syslog', 'admin.ui'),
        number: fc.integer({ min: 1024, max: 9999 }),
        protocol: fc.constantFrom<ContainerPort['protocol']>('http', 'tcp', 'udp', 'https', 'postgres'),
      }),
      { selector: (p) => p.name, minLength: 1, maxLength: 3 },
    ),
    publish: fc.option(fc.integer({ min: 20000, max: 30000 }), { nil: undefined }),
    linkToDatabase: fc.boolean(),
  }),
  { nil: undefined, freq: 2 },
);

type ContainerChoice = typeof containerChoice extends fc.Arbitrary<infer T> ? T : never;

function withContainer(p: Project, choice: ContainerChoice): Project {
  if (choice === undefined) return p;
  const ports = choice.ports.filter(
    (x, i) =>
      choice.ports.findIndex((y) => y.number === x.number && (y.protocol === 'udp') === (x.protocol === 'udp')) === i,
  );
  const container: Component = {
    id: 'reports' as ComponentId,
    kind: 'container',
    name: 'Reports',
    replicas: 1,
    properties: {},
    environment: { REPORT_TITLE: { type: 'literal', value: 'Monthly $$ report' } },
    portOverrides: {},
    publish: choice.publish !== undefined ? [{ port: ports[0]!.name, hostPort: choice.publish }] : [],
    position: { x: 2000, y: 0 },
    image: choice.image,
    ports,
  };
  const database = p.components.find((c) => c.kind === 'database' && isDeployed(c));
  const links =
    choice.linkToDatabase && database !== undefined
      ? [...p.links, { id: 'reports-to-db' as LinkId, from: container.id, to: database.id, port: 'db' }]
      : p.links;
  return { ...p, components: [...p.components, container], links };
}

/**
 * Declared compose networks, as an imported project has them: the entry points on a front
 * network, what they reach and nextauth's kind on both, the data services on a back network
 * (internal or not, with or without settings, either one possibly compose's `default`), nextauth
 * with an alias on the back network, and one service left without networks of its own (it joins
 * those of what it is drawn with: shared/model/networks.ts).
 */
const networksChoice = fc.option(
  fc.record({
    front: fc.constantFrom('front', 'default', 'edge'),
    back: fc.constantFrom('back', 'data', 'default'),
    internal: fc.boolean(),
    settings: fc.boolean(),
    alias: fc.boolean(),
    leaveOut: fc.option(fc.nat(), { nil: undefined }),
  }),
  { nil: undefined, freq: 2 },
);

type NetworksChoice = typeof networksChoice extends fc.Arbitrary<infer T> ? T : never;

function withNetworks(p: Project, choice: NetworksChoice): Project {
  if (choice === undefined || choice.front === choice.back) return p;
  const { front, back } = choice;
  const routed = new Set(p.routes.map((r) => r.target as string));
  const deployed = p.components.filter(isDeployed);
  const left = choice.leaveOut === undefined ? undefined : deployed[choice.leaveOut % deployed.length]?.id;
  const components = p.components.map((c): Component => {
    if (!isDeployed(c) || c.id === left) return c;
    const open = isEntryPoint(c) || c.kind === 'nextauth' || c.kind === 'container' || routed.has(c.id);
    const networks = isEntryPoint(c) ? [front] : open ? [front, back] : [back];
    const alias = choice.alias && c.kind === 'nextauth' && networks.includes(back);
    return {
      ...c,
      networks,
      ...(alias ? { networkPassThrough: { [back]: { aliases: [`${c.id}-core`] } } } : {}),
    };
  });
  return {
    ...p,
    components,
    networks: [
      { name: front, ...(choice.settings ? { passThrough: { driver: 'bridge' } } : {}) },
      {
        name: back,
        ...(choice.internal || choice.settings
          ? {
              passThrough: {
                ...(choice.internal ? { internal: true } : {}),
                ...(choice.settings ? { ipam: { config: [{ subnet: '172.28.0.0/16' }] } } : {}),
              },
            }
          : {}),
      },
    ],
  };
}

/** Error-free deployments served by `entry` (with the block: some with a custom container, some with declared networks). */
const drawn = (entry: Entry, change: (ch: DeploymentChoices) => DeploymentChoices = (ch) => ch, containers = false) =>
  fc
    .tuple(
      deploymentChoices,
      containers ? containerChoice : fc.constant(undefined),
      containers ? networksChoice : fc.constant(undefined),
    )
    .map(([ch, container, networks]) =>
      withNetworks(withContainer(buildDeployment(change(withEntry(ch, entry))), container), networks),
    )
    .filter(clean);

/** The x-portolan block taken out of a compose file (every line from its key to the next top-level key). */
function stripBlock(compose: string): string {
  const lines = compose.split('\n');
  const start = lines.findIndex((l) => l.startsWith('x-portolan:'));
  if (start < 0) return compose;
  let end = start + 1;
  while (end < lines.length && (lines[end]!.startsWith(' ') || lines[end]!.startsWith('#'))) end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}

/** Export with the real exporters, then import the compose file, `.env` and proxy configurations from memory. */
function roundTrip(p: Project, block = true): Project {
  const exported = exportProject(p, { random: seededRandom(1) });
  if (!exported.ok) throw new Error(`export refused: ${exported.diagnostics.map((d) => d.message).join('; ')}`);
  const files = new Map(exported.files.map((f) => [f.path, f.contents]));
  const compose = files.get('docker-compose.yml')!;
  expect(compose).toContain('x-portolan:');
  const proxyFiles = exported.plan.proxies.flatMap((x) => [x.configFile, ...(x.dynamicFile ? [x.dynamicFile] : [])]);
  const text = block ? compose : stripBlock(compose);
  if (!block) expect(text).not.toMatch(/^x-portolan:/m);
  const result = importProject({
    compose: [{ path: 'docker-compose.yml', text }],
    envFiles: ['.env'],
    proxyConfigs: proxyFiles.map((path) => ({ path, text: files.get(path)! })),
    profiles: [],
    environment: {},
    readFile: (path) => files.get(path.replace(/^\.\//, '')),
    fallbackName: 'imported',
  });
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.problems)}`);
  return result.value.project;
}

/** The drawing as the import can mean it: an override typed exactly as the link derives it is the link's. */
function normalised(p: Project): Project {
  const drop = new Set<string>();
  for (const c of allConnections(p))
    if (c.override?.type === 'literal' && c.uri !== undefined && c.override.value === c.uri)
      drop.add(`${c.source.id}\u0000${c.variable}`);
  return {
    ...p,
    components: p.components.map((c) => ({
      ...c,
      environment: Object.fromEntries(Object.entries(c.environment).filter(([k]) => !drop.has(`${c.id}\u0000${k}`))),
    })),
  };
}

const sortBy = <T>(items: readonly T[], key: (t: T) => string): T[] =>
  [...items].sort((a, b) => (key(a) < key(b) ? -1 : 1));

function componentFacts(c: Component, full: boolean) {
  // Compose holds only what the export writes: the ports of entry points and custom containers
  // (plan.ts, ignoredPublish), and one replica of a kind that does not scale.
  const published = full || isEntryPoint(c) || c.kind === 'container';
  return {
    id: c.id,
    kind: c.kind,
    flavour: c.flavour,
    replicas: full || getKind(c.kind).scalable ? c.replicas : 1,
    publish: published ? sortBy(c.publish, (x) => `${x.port}:${x.hostPort}`) : [],
    environment: Object.fromEntries(sortBy(Object.entries(c.environment), ([k]) => k).map(([k, v]) => [k, v.type])),
    ...(c.kind === 'container' ? { image: c.image, ports: c.ports } : {}),
    ...(full
      ? { name: c.name, zone: c.zone, properties: c.properties, portOverrides: c.portOverrides, pinned: c.pinned }
      : {}),
  };
}

const routeFacts = (full: boolean) => (r: Project['routes'][number]) => ({
  ...(full ? { id: r.id } : {}),
  via: r.via,
  scheme: r.scheme,
  host: r.host.toLowerCase(),
  publicPort: publicPortOf(r),
  path: r.path,
  target: r.target,
  port: r.port,
  tls: r.tls,
});

function expectSameDrawing(actual: Project, drawnProject: Project): void {
  const p = normalised(drawnProject);
  expect(sortBy(actual.components, (c) => c.id).map((c) => componentFacts(c, true))).toEqual(
    sortBy(p.components, (c) => c.id).map((c) => componentFacts(c, true)),
  );
  const link = (l: Project['links'][number]) => ({ id: l.id, from: l.from, to: l.to, port: l.port });
  expect(sortBy(actual.links, (l) => l.id).map(link)).toEqual(sortBy(p.links, (l) => l.id).map(link));
  expect(sortBy(actual.routes, (r) => r.id).map(routeFacts(true))).toEqual(
    sortBy(p.routes, (r) => r.id).map(routeFacts(true)),
  );
  expect(actual.zones).toEqual(p.zones);
  // Networks: none come back for a drawing that declares none (the export chose them); declared
  // ones come back with their settings, and every service on the same networks with the same
  // settings there — one that had none of its own on those it joined by rule.
  const declared = (x: Project) =>
    x.networks?.filter((n) => n.name !== 'default' || n.passThrough !== undefined).map((n) => ({ ...n }));
  expect(declared(actual)).toEqual(declared(p));
  if (p.networks !== undefined) {
    const membership = (x: Project) => {
      const of = networkMembership(x);
      return sortBy(x.components.filter(isDeployed), (c) => c.id).map((c) => ({
        id: c.id,
        networks: of.get(c.id),
        settings: c.networkPassThrough,
      }));
    };
    expect(membership(actual)).toEqual(membership(p));
  }
  expect(actual.meta).toEqual(p.meta);
  expect(actual.suppressions).toEqual(p.suppressions);
  // The TLS policy: the proxy configuration renders it, the block carries it.
  expect(actual.settings.tls).toEqual(p.settings.tls);
}

/** A TLS policy other than the default, or none (the default), as the project file holds it. */
const tlsPolicy: fc.Arbitrary<TlsSettings | undefined> = fc.option(
  fc
    .record(
      {
        profile: fc.constantFrom<TlsProfileName>('modern', 'intermediate', 'old'),
        hsts: fc.record(
          { includeSubDomains: fc.constant(true as const), preload: fc.constant(true as const) },
          {
            requiredKeys: [],
          },
        ),
        reason: fc.constantFrom('Legacy kiosks (TLS 1.0) until 2027', 'a "quoted" $reason: with # signs'),
      },
      { requiredKeys: ['profile'] },
    )
    .filter((t) => t.profile !== 'intermediate' || t.hsts?.includeSubDomains === true || t.hsts?.preload === true),
  { nil: undefined },
);

const withTls = (p: Project, tls: TlsSettings | undefined): Project => {
  if (tls === undefined) return p;
  const hsts = tls.hsts && Object.keys(tls.hsts).length > 0 ? { hsts: tls.hsts } : {};
  return {
    ...p,
    settings: { ...p.settings, tls: { profile: tls.profile, ...hsts, ...(tls.reason ? { reason: tls.reason } : {}) } },
  };
};

describe('import(export(p)) gives the drawing back', () => {
  it.each(ENTRIES)('served by %s', (entry) => {
    fc.assert(
      fc.property(
        drawn(entry, (ch) => ch, true),
        tlsPolicy,
        (d, tls) => {
          const p = withTls(d, tls);
          expectSameDrawing(roundTrip(p), p);
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

/** The deployments of the test without the block: every port where the image listens, every server inside. */
function inside(ch: DeploymentChoices): DeploymentChoices {
  return {
    ...ch,
    nextauth: ch.nextauth.map((n) => ({ ...n, ports: {} })),
    mgmt: ch.mgmt === null ? null : { ...ch.mgmt, dashboardPort: undefined },
    database: { ...ch.database, external: false, port: undefined },
    kv: { ...ch.kv, external: false, redisPort: undefined, sentinelPort: undefined },
    mutations: ch.mutations.filter((m) => m.type !== 'move-port'),
  };
}

describe('without the x-portolan block, recognition alone gives the containers back', () => {
  it.each(ENTRIES)('served by %s', (entry) => {
    fc.assert(
      fc.property(drawn(entry, inside), (drawnProject) => {
        const p = normalised(drawnProject);
        const q = roundTrip(drawnProject, false);
        const services = (x: Project) => x.components.filter(isDeployed);
        expect(sortBy(services(q), (c) => c.id).map((c) => componentFacts(c, false))).toEqual(
          sortBy(services(p), (c) => c.id).map((c) => componentFacts(c, false)),
        );
        const deployed = new Set(services(p).map((c) => c.id as string));
        const link = (l: Project['links'][number]) => `${l.from} → ${l.to}:${l.port}`;
        const between = (x: Project) =>
          x.links
            .filter((l) => deployed.has(l.from) && deployed.has(l.to))
            .map(link)
            .sort();
        expect(between(q)).toEqual(between(p));
        // portmap's URLs are configured in nextAuth, in no file of the export: only the block holds them.
        const proxied = (x: Project) => x.routes.filter((r) => !r.via.startsWith('portmap'));
        const routes = (x: Project) => sortBy(proxied(x).map(routeFacts(false)), (r) => JSON.stringify(r));
        expect(routes(q)).toEqual(routes(p));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
