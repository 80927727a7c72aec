/**
 * DEPLOYMENT.md's network sections: what must reach the published ports (inbound), which
 * containers talk to which (connections) and what the deployment reaches outside (outbound) —
 * the firewall tables an operator copies.
 */
import { hostSide, isLoopback } from '../model/publish-address';
import { componentPort, getKind, portNumber } from '../catalog/index';
import { isEntryPoint } from '../model/constraints';
import { isInternalNetwork, networkNamed } from '../model/networks';
import type { Component, Publish } from '../model/types';
import { routeUrl } from '../rules/context';
import { ALL_IPV4, ALL_IPV6, bindAddresses, LOOPBACK_IPV4 } from './binds';
import { dockerNetworkName, isDeployed, type DeploymentPlan } from './plan';

import { code, md, table } from './markdown';
import { siteUrl, who, type Facts } from './deployment-facts';

export function protocolOf(c: Component, portName: string, tls = false): string {
  const p = componentPort(c, portName)?.protocol;
  if (p === 'udp') return 'UDP';
  const app = tls && (p === 'http' || p === 'ws') ? (p === 'ws' ? 'wss' : 'https') : p;
  return app === undefined ? 'TCP' : `TCP (${app.toUpperCase()})`;
}

/** The addresses a publish binds, as the compose file writes them (binds.ts). */
const bindsOf = (c: Component, p: Publish): string[] => bindAddresses(c, p);

/** Who reaches a published port: the internet, or the host alone where every address it binds is loopback. */
const from = (c: Component, p: Publish): string =>
  bindsOf(c, p).every(isLoopback) ? 'This host only (loopback)' : 'Internet';

/** The host side of each binding as the compose file binds it, e.g. `0.0.0.0:443`, `[::]:443`. */
const boundAt = (c: Component, p: Publish): string =>
  bindsOf(c, p)
    .map((hostIp) => code(hostSide({ hostPort: p.hostPort, hostIp })))
    .join(', ');

export function inboundSection(f: Facts): string[] {
  const { plan } = f;
  const rows: string[][] = [];
  const entries = f.entries;
  for (const { entry, sites } of entries) {
    for (const p of entry.publish) {
      const served = sites.filter((s) => s.publicPort === p.hostPort).map((s) => code(siteUrl(s)));
      const redirect = p.port === 'http' && sites.some((s) => s.tls) ? ['redirects plain HTTP to HTTPS'] : [];
      const why = [...(served.length > 0 ? [`serves ${served.join(', ')}`] : []), ...redirect];
      rows.push([
        from(entry, p),
        `${who(entry)}, host port`,
        boundAt(entry, p),
        protocolOf(entry, p.port),
        why.length > 0 ? why.join('; ') : 'published by the model; no route uses it',
      ]);
    }
  }
  // A custom container publishes its own ports (compose writes them: plan.ts), so they are opened too.
  for (const s of plan.services) {
    if (s.component.kind !== 'container') continue;
    for (const p of s.component.publish) {
      rows.push([
        from(s.component, p),
        `${who(s.component)}, host port`,
        boundAt(s.component, p),
        protocolOf(s.component, p.port),
        `reaches its port ${code(p.port)}`,
      ]);
    }
  }
  for (const { entry, sites } of entries) {
    const upstreams = new Map<
      string,
      { service: string; port: number; replicas: number; reencrypt: boolean; portName: string; urls: string[] }
    >();
    for (const s of sites)
      for (const l of s.locations) {
        const key = `${l.upstream.service}\u0000${l.upstream.port}`;
        const u = upstreams.get(key) ?? { ...l.upstream, urls: [] };
        u.urls.push(code(routeUrl(l.route)));
        upstreams.set(key, u);
      }
    for (const u of [...upstreams.values()].sort((a, b) =>
      a.service < b.service ? -1 : a.service > b.service ? 1 : a.port - b.port,
    )) {
      const target = f.service.get(u.service)!;
      rows.push([
        who(entry),
        `${who(target)}${u.replicas > 1 ? `, every one of ${u.replicas} replicas,` : ''} on the compose network`,
        String(u.port),
        protocolOf(target, u.portName, u.reencrypt),
        `forwards ${u.urls.join(', ')}`,
      ]);
    }
  }
  // Callers outside the deployment that reach a container directly, such as the business application and the REST API.
  for (const l of plan.project.links) {
    const from = f.component.get(l.from);
    const to = f.service.get(l.to);
    if (!from || !to || isDeployed(from) || isEntryPoint(to)) continue;
    const port = portNumber(to, l.port);
    if (port === undefined) continue;
    const purpose =
      getKind(from.kind).egress.find((e) => e.to === to.kind && e.port === l.port)?.purpose ?? 'connects directly';
    rows.push([
      who(from),
      who(to),
      String(port),
      protocolOf(to, l.port),
      `${md(purpose)}. The export publishes no host port for it: attach the caller to the compose network ${code(callerNetwork(plan, to))}, or publish ${port} on an internal interface only — never to the internet.`,
    ]);
  }
  return [
    '## Inbound firewall',
    '',
    'Rows from the internet open ports on the Docker host. Rows between containers travel on the compose network, which Docker sets up; allow them only if you filter traffic between containers.',
    '',
    ...table(['Source', 'Destination', 'Port', 'Protocol', 'Why'], rows),
    ...publishedPortsNote(plan),
  ];
}

/**
 * Issue 15: Docker publishes a port with its own iptables rules (DNAT before the host's INPUT
 * chain), so a host firewall such as ufw or firewalld does not see, let alone block, that
 * traffic — operators often expect otherwise. The compose file writes every bind address out;
 * this says what they mean and how to narrow them.
 */
function publishedPortsNote(plan: DeploymentPlan): string[] {
  const binds = plan.services.flatMap((s) => s.ports.flatMap((p) => p.binds));
  if (binds.length === 0) return [];
  const out = [
    '',
    '### Published ports and the host firewall',
    '',
    `Every published port in ${code('docker-compose.yml')} names the addresses it binds: a public port binds every IPv4 address (${code(`${ALL_IPV4}:PORT`)}) and every IPv6 address (${code('[::]:PORT')}) on purpose, a port bound to ${code(LOOPBACK_IPV4)} or ${code('::1')} answers this host only.`,
    '',
    `- **Docker bypasses the host firewall.** Docker forwards a published port with its own iptables rules, ahead of the rules ufw or firewalld write, so ${code('ufw deny 443')} does not close it. Open and close the rows above here, not in ufw.`,
    `- **To restrict who reaches a port**, filter in the ${code('DOCKER-USER')} chain, which Docker consults first and never overwrites, for IPv4 and IPv6 alike; match the port the client used with conntrack, e.g. ${code('iptables -I DOCKER-USER -i eth0 -p tcp -m conntrack --ctorigdstport 443 ! -s 198.51.100.0/24 -j DROP')} and the same with ${code('ip6tables')} for an IPv6 range.`,
    `- **To publish on fewer interfaces**, change the address in ${code('docker-compose.yml')}: one interface's own address instead of ${code(ALL_IPV4)}, or ${code(LOOPBACK_IPV4)} for a port only this host uses (behind an SSH tunnel, say).`,
  ];
  if (binds.includes(ALL_IPV6))
    out.push(
      `- **A host without IPv6**: Docker cannot bind ${code('[::]')} there and refuses to start the service; delete the ${code('[::]:…')} lines from ${code('docker-compose.yml')}.`,
    );
  return out;
}

/**
 * The Docker network an outside caller joins to reach `target`: Portolan's `edge`, or, where the
 * project declares networks, the target's first network with a route out (else its first).
 */
function callerNetwork(plan: DeploymentPlan, target: Component): string {
  if (plan.networks === undefined) return `${plan.projectName}_edge`;
  const on = plan.services.find((s) => s.component === target)?.networks ?? [];
  const open = on.find((n) => !isInternalNetwork(networkNamed(plan.project, n)));
  return dockerNetworkName(plan, open ?? on[0] ?? 'default');
}

/**
 * How nextauth reaches its database and Redis: written from the drawing (or the typed override),
 * with the `.env` variable that holds the password — never the password itself.
 */
export function connectionsSection(plan: DeploymentPlan): string[] {
  const rows = plan.connections.map((conn) => {
    const derived = conn.override === undefined;
    const where = conn.host === '' ? '(no host)' : code(`${conn.host}:${conn.port}`);
    const account = conn.account
      ? `user ${code(conn.account.user)}, database ${code(conn.account.database)}, password ${code(conn.account.passwordVar)} from ${code('.env')}`
      : conn.master !== undefined
        ? `Sentinel master ${code(conn.master)}`
        : '—';
    return [
      who(conn.source),
      code(conn.variable),
      `${who(conn.target)}${conn.target.properties.external === true ? ' (run by the customer)' : ''}`,
      where,
      account,
      derived ? 'from the drawing' : 'typed override (checked against the drawing)',
    ];
  });
  if (rows.length === 0) return [];
  return [
    '## Connections',
    '',
    'nextauth reads where its database and Redis are from these variables. Portolan writes them into the compose file from the connections in the drawing; change the drawing, not the files.',
    '',
    ...table(['Service', 'Variable', 'Connects to', 'Address', 'Account', 'Written'], rows),
  ];
}

export function outboundSection({ plan, service, component }: Facts): string[] {
  const rows: string[][] = [];
  const seen = new Set<string>();
  for (const l of plan.project.links) {
    const from = service.get(l.from);
    const to = component.get(l.to);
    if (!from || !to || isDeployed(to)) continue;
    // Only connections the catalog documents for this kind: mgmt and portmap never talk to the outside world.
    const egress = getKind(from.kind).egress.find((e) => e.to === to.kind && e.port === l.port);
    if (!egress) continue;
    let host: string;
    let port: string;
    if (egress.address !== undefined) {
      const at = egress.address.lastIndexOf(':');
      host = code(egress.address.slice(0, at));
      port = egress.address.slice(at + 1);
    } else {
      const named = to.properties.host;
      host =
        typeof named === 'string' && named !== ''
          ? code(named)
          : `the host of ${who(to)} (set its ${code('host')} property)`;
      port = String(portNumber(to, l.port) ?? '?');
    }
    const key = `${from.id}\u0000${host}\u0000${port}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push([
      `${who(from)} on the Docker host`,
      `${host}: ${who(to)}`,
      port,
      protocolOf(to, l.port),
      md(egress.purpose),
    ]);
  }
  const out = ['## Outbound firewall', ''];
  if (rows.length === 0) out.push('No container needs to reach anything outside the deployment.');
  else out.push(...table(['Source', 'Destination', 'Port', 'Protocol', 'Why'], rows));
  out.push(
    '',
    'Only nextauth talks to the outside world; nextauth-mgmt, nextauth-portmap and the reverse proxy need no outbound access. The Docker host itself also needs DNS and HTTPS to the image registries for `docker-compose pull`.',
  );
  return out;
}
