import { hostSide } from '../model/publish-address';
import { DEFAULT_NETWORK } from '../model/constraints';
import { capacityPlan, type ServiceLimits } from './capacity-plan';
import { mergeKept, passNode } from './pass-through';
import { PORTOLAN_EXTENSION_KEY, PORTOLAN_EXTENSION_NOTE, portolanExtensionNode } from './portolan-extension';
import type { DeploymentPlan, PlanService } from './plan';
import type { ExportFile } from './types';
import { toYaml, yamlPath, type YamlNode } from './yaml';

type Node = YamlNode;

/**
 * `docker-compose.yml` (compose specification). No top-level `name:` — the project name is
 * COMPOSE_PROJECT_NAME in `.env` — so docker-compose v1 reads the file too.
 */
export function exportCompose(plan: DeploymentPlan): ExportFile {
  const services: Record<string, Node> = {};
  // Pass-through keys (kept from an import) go after the keys written from the drawing; a comment
  // names any kept value the drawing's replaced (see pass-through.ts).
  const notesAt = new Map<string, string>();
  // A `${NAME}` in a kept value stays a reference where `.env` defines NAME (see passNode).
  const defined = new Set(plan.env.flatMap((g) => g.entries.map((e) => e.name)));
  // A host's share keeps the whole deployment's figures: its nextauth holds the WebSockets of a proxy elsewhere.
  const capacity = capacityPlan(plan.whole ?? plan).services;
  for (const s of plan.services) {
    const { map, notes } = mergeKept(service(s, defined, capacity.get(s.name)), s.component.passThrough, defined);
    services[s.name] = map;
    for (const [key, note] of notes) notesAt.set(yamlPath('services', s.name, key), note);
    const portNote = portsNote(s);
    if (portNote !== undefined) {
      // Last: dclint reads the directive on the comment line right above `ports:`.
      const at = yamlPath('services', s.name, 'ports');
      const kept = notesAt.get(at);
      notesAt.set(at, (kept === undefined ? '' : `${kept}\n`) + portNote);
    }
  }
  const networks: Record<string, Node> = Object.create(null) as Record<string, Node>;
  if (plan.networks !== undefined) {
    // The project's own networks, with their kept settings (compose interpolates them: `$` as `$$`).
    for (const n of plan.networks)
      networks[n.name] = n.passThrough !== undefined ? passNode(n.passThrough, defined) : {};
  } else {
    const used = new Set(plan.services.flatMap((s) => s.networks));
    if (used.has('edge')) networks.edge = { driver: 'bridge' };
    // No route out of the backend network: databases and Redis cannot reach the internet.
    if (used.has('backend')) networks.backend = { driver: 'bridge', internal: true };
  }
  const volumes: Record<string, Node> = {};
  for (const s of plan.services) for (const v of s.volumes) volumes[v.volume] = {};

  const written: Record<string, Node> = { services };
  if (Object.keys(networks).length > 0) written.networks = networks;
  if (Object.keys(volumes).length > 0) written.volumes = volumes;
  // Top-level kept keys (shared volumes, secrets, configs, `x-` fields) after networks: a kept
  // `volumes:` merges with the data volumes written from the drawing.
  const { map: body, notes } = mergeKept(written, plan.project.passThrough, defined);
  for (const [key, note] of notes) notesAt.set(yamlPath(key), note);
  // `x-portolan`: what the drawing holds that compose cannot say (zones, names, positions, the
  // components outside the deployment, ids), so an import gives the drawing back; compose ignores
  // `x-` keys. Written last, replacing any kept block of that name (see portolan-extension.ts).
  body[PORTOLAN_EXTENSION_KEY] = portolanExtensionNode(plan.project);
  notesAt.set(yamlPath(PORTOLAN_EXTENSION_KEY), PORTOLAN_EXTENSION_NOTE);

  // The checker refuses line breaks in the name; a comment must not end early in any case.
  const name = plan.project.meta.name.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ');
  const header = `# ${name} — written by Portolan. Run with: docker-compose up -d\n`;
  return { path: 'docker-compose.yml', contents: header + toYaml(body, { notesAt }), mode: 0o644 };
}

/**
 * dclint's no-duplicate-exported-ports compares published ports without their host address, so it
 * reads `0.0.0.0:443:443` beside `[::]:443:443` — one port on both address families, which Docker
 * binds as two sockets — as a clash. Portolan's checker owns that question (NA007: each host port
 * once across the project, addresses included), so the directive is scoped to this one key.
 */
const TWO_FAMILIES_NOTE = ' Each public port is bound on every IPv4 (0.0.0.0) and every IPv6 (::) address, on purpose.';

/**
 * With declared hosts (hosts/), a port published for other hosts binds the host's private address,
 * which only `.env` may know: `${VAR:?…}:6379:6379`. dclint's no-unbound-port-interfaces cannot
 * read an interface compose fills in later, so the directive is scoped to this one key.
 */
const ENV_INTERFACE_NOTE = " Bound to this host's private address, which compose reads from .env.";

/** The comment above a service's `ports:`, with the one dclint directive line for its rules (dclint reads the last line only). */
function portsNote(s: PlanService): string | undefined {
  const notes: string[] = [];
  const rules: string[] = [];
  if (bindsOnePortTwice(s)) {
    notes.push(TWO_FAMILIES_NOTE);
    rules.push('no-duplicate-exported-ports');
  }
  if (s.ports.some((p) => p.binds.some((b) => b.startsWith('${')))) {
    notes.push(ENV_INTERFACE_NOTE);
    rules.push('no-unbound-port-interfaces');
  }
  return rules.length === 0 ? undefined : [...notes, ` dclint disable-line ${rules.join(' ')}`].join('\n');
}

/**
 * `HOST_IP:HOST_PORT`. A host's private address that only `.env` knows (hosts/names.ts) is a
 * `${VAR:?…}` reference, written bare: brackets are for IPv6 literals, which compose fills in later.
 */
function boundSide(hostPort: number, hostIp: string): string {
  return hostIp.startsWith('${') ? `${hostIp}:${hostPort}` : hostSide({ hostPort, hostIp });
}

function bindsOnePortTwice(s: PlanService): boolean {
  const count = new Map<string, number>();
  for (const p of s.ports) {
    const key = `${p.hostPort}/${p.protocol ?? 'tcp'}`;
    const n = (count.get(key) ?? 0) + p.binds.length;
    if (n > 1) return true;
    count.set(key, n);
  }
  return false;
}

/**
 * A service's `networks`: a list of names, or a mapping when some network has kept settings
 * (aliases, ipv4_address…). Left out where docker would do the same without it: on compose's
 * `default` network alone, and beside a kept `network_mode` (compose refuses both together).
 */
function serviceNetworks(s: PlanService, defined: ReadonlySet<string>): Node | undefined {
  if (s.networks.length === 0) return undefined;
  const settings = s.networkSettings;
  if (settings === undefined) {
    if (s.networks.length === 1 && s.networks[0] === DEFAULT_NETWORK) return undefined;
    return [...s.networks];
  }
  const out = Object.create(null) as Record<string, Node>;
  for (const n of s.networks) out[n] = Object.hasOwn(settings, n) ? passNode(settings[n]!, defined) : {};
  return out;
}

function service(
  s: PlanService,
  defined: ReadonlySet<string>,
  limits: ServiceLimits | undefined,
): Record<string, Node> {
  const out: Record<string, Node> = { image: s.image };
  if (s.command) out.command = [...s.command];
  if (s.replicas > 1) out.deploy = { replicas: s.replicas };
  if (s.environment.length > 0) {
    const env: Record<string, string> = {};
    for (const v of s.environment) env[v.name] = v.composeValue;
    out.environment = env;
  }
  // Every mapping names the address it binds (binds.ts): `0.0.0.0:443:443` and `[::]:443:443`
  // for a public port, never a bare `443:443`. Quoted: YAML 1.1 reads 22:22 as a base-60 number.
  if (s.ports.length > 0) {
    out.ports = s.ports.flatMap((p) =>
      p.binds.map(
        (hostIp) => `${boundSide(p.hostPort, hostIp)}:${p.containerPort}${p.protocol === 'udp' ? '/udp' : ''}`,
      ),
    );
  }
  const volumes = [
    ...s.volumes.map((v) => `${v.volume}:${v.target}`),
    ...s.mounts.map((m) => `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`),
  ];
  if (volumes.length > 0) out.volumes = volumes;
  if (s.extraHosts !== undefined && s.extraHosts.length > 0) out.extra_hosts = [...s.extraHosts];
  const networks = serviceNetworks(s, defined);
  if (networks !== undefined) out.networks = networks;
  if (s.dependsOn.length > 0) {
    const deps: Record<string, Node> = {};
    for (const d of s.dependsOn) deps[d.service] = { condition: d.healthy ? 'service_healthy' : 'service_started' };
    out.depends_on = deps;
  }
  if (s.healthcheck) out.healthcheck = { ...s.healthcheck, test: [...s.healthcheck.test] };
  // An entry point's backlog and port range are sysctls of its own network namespace (capacity-plan.ts).
  const sysctls = { ...s.sysctls, ...limits?.sysctls };
  if (Object.keys(sysctls).length > 0) out.sysctls = sysctls;
  // Soft and hard alike: Docker's default differs by version (soft 1,024 on recent ones), and an
  // unprivileged process can raise its soft limit only up to the hard one.
  if (limits !== undefined) out.ulimits = { nofile: { soft: limits.nofile, hard: limits.nofile } };
  out.restart = 'unless-stopped';
  return out;
}
