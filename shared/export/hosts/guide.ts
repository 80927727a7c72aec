import { replicaSpread } from '../../model/hosts';
import type { Host } from '../../model/types';
import { plural, who } from '../deployment-facts';
import { protocolOf } from '../deployment-network';
import { code, md, table } from '../markdown';
import { PROJECT_SETTINGS } from '../dotenv-merge';
import type { EnvGroup } from '../plan';
import type { HostsContext, HostShare } from './host-plan';
import { HOSTS_FOLDER } from './names';
import type { Crossing } from './reach';

/**
 * DEPLOYMENT.md's host sections (issue 16), in place of the single-host guide's file list and
 * steps: which host runs what, what to do on each (its folder, its `.env` inputs, start), the
 * host-to-host firewall rows every crossing needs, and the values that must stay equal between
 * the hosts' `.env` files. The rest of the guide (connections, internet firewall, DNS, TLS…)
 * describes the deployment as a whole and is written as for one host.
 */

const hostName = (h: Host): string => md(h.name);
const folderOf = (share: HostShare): string => `${HOSTS_FOLDER}/${share.slug}/`;

function hostsSection(ctx: HostsContext, shares: readonly HostShare[]): string[] {
  const rows = shares.map((share) => {
    const runs = share.plan.services.map((s) => `${who(s.component)}${s.replicas > 1 ? ` ×${s.replicas}` : ''}`);
    const address = (share.host.address ?? '') === '' ? 'none drawn: you give it in `.env`' : code(share.host.address!);
    return [hostName(share.host), address, code(folderOf(share)), runs.length > 0 ? runs.join(', ') : 'nothing'];
  });
  const spread = ctx.plan.services
    .map((s) => s.component)
    .filter((c) => replicaSpread(ctx.plan.project, c).length > 1)
    .map(
      (c) =>
        `${who(c)}: ${replicaSpread(ctx.plan.project, c)
          .map((x) => `${hostName(x.host)} ×${x.instances}`)
          .join(', ')}`,
    );
  return [
    '## Hosts',
    '',
    `The deployment runs on ${plural(shares.length, 'host')}, each from its own folder of this export (its ${code('docker-compose.yml')}, ${code('.env')} and configuration files). Containers on different hosts share no compose network: each connection between hosts goes through a port the target publishes on its host's private address, listed under [host-to-host firewall](#host-to-host-firewall).`,
    '',
    ...table(['Host', 'Address', 'Folder', 'Runs'], rows),
    ...(spread.length > 0 ? ['', 'Replicas spread over hosts:', '', ...spread.map((s) => `- ${s}`)] : []),
  ];
}

/** The operator inputs of one host's `.env`: empty values that are not project settings. */
const inputsOf = (groups: readonly EnvGroup[]): string[] =>
  groups.flatMap((g) => g.entries.filter((e) => e.value === '' && !PROJECT_SETTINGS.has(e.name)).map((e) => e.name));

function stepsSection(shares: readonly HostShare[], envOf: ReadonlyMap<Host, readonly EnvGroup[]>): string[] {
  const out = ['## What to run, on each host', ''];
  out.push(
    `On every host, in the order below (the hosts that serve others first is easiest, but each container retries): copy its folder there and work in it. ${code('.env')} holds secrets: keep it readable by you only (${code('chmod 600 .env')}) and out of version control.`,
  );
  for (const share of shares) {
    const inputs = [...new Set(inputsOf(envOf.get(share.host) ?? []))];
    const certs = share.plan.certificates;
    out.push('', `### ${hostName(share.host)} (${code(folderOf(share))})`, '');
    out.push(
      inputs.length === 0
        ? `1. **Check ${code('.env')}.** Nothing needs filling in.`
        : `1. **Fill in ${code('.env')}:** ${inputs.map(code).join(', ')}.`,
    );
    out.push(
      certs.length > 0
        ? `2. **Place the certificates** in ${code('certs/')} beside its ${code('docker-compose.yml')}: ${certs.map((c) => `${code(`certs/${c.host}.crt`)} and ${code(`certs/${c.host}.key`)}`).join(', ')}.`
        : '2. **Certificates:** none on this host.',
      `3. **Open the firewall** for the rows of [host-to-host firewall](#host-to-host-firewall) that end on this host.`,
      `4. **Start:** ${code('docker-compose pull')}, then ${code('docker-compose up -d')} in this folder.`,
    );
  }
  return out;
}

function firewallSection(ctx: HostsContext): string[] {
  const rows: string[][] = [];
  const unreachable: string[] = [];
  const seen = new Set<string>();
  for (const x of ctx.crossings) {
    if (x.hostPort === undefined) {
      unreachable.push(
        `- ${who(x.from)} on ${hostName(x.fromHost)} cannot reach ${who(x.to)} on ${hostName(x.toHost)}: it publishes no port ${code(x.portName)} there. Publish it (rule NA054) and export again.`,
      );
      continue;
    }
    const key = [x.fromHost.id, x.toHost.id, x.hostPort, x.from.id, x.to.id].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push([hostName(x.fromHost), hostName(x.toHost), String(x.hostPort), protocolOf(x.to, x.portName), why(x)]);
  }
  for (const c of ctx.plan.services.map((s) => s.component)) {
    if (c.kind !== 'redis-sentinel') continue;
    const spread = replicaSpread(ctx.plan.project, c);
    const port = c.publish.find((p) => p.port === 'sentinel')?.hostPort;
    if (spread.length < 2) continue;
    if (port === undefined) {
      unreachable.push(
        `- The Sentinels of ${who(c)} on different hosts cannot reach each other: publish its port ${code('sentinel')} so they can agree on a failover.`,
      );
      continue;
    }
    for (const a of spread)
      for (const b of spread)
        if (a.host !== b.host)
          rows.push([
            hostName(a.host),
            hostName(b.host),
            String(port),
            protocolOf(c, 'sentinel'),
            `${who(c)}: Sentinels talk to their peers`,
          ]);
  }
  const out = [
    '## Host-to-host firewall',
    '',
    rows.length === 0
      ? 'No connection crosses between hosts.'
      : "Allow each row from the source host to the destination host only (on the private network between them); the port is published on that host's private address.",
  ];
  if (rows.length > 0) out.push('', ...table(['Source host', 'Destination host', 'Port', 'Protocol', 'Why'], rows));
  if (unreachable.length > 0) out.push('', '**Not connected:**', '', ...unreachable);
  return out;
}

function why(x: Crossing): string {
  const what = x.kind === 'route' ? 'forwards its routes to' : 'reaches';
  return `${who(x.from)} ${what} ${who(x.to)} (${code(x.portName)}, container port ${x.containerPort})`;
}

function sharedSection(shares: readonly HostShare[], envOf: ReadonlyMap<Host, readonly EnvGroup[]>): string[] {
  const holders = new Map<string, Host[]>();
  for (const share of shares)
    for (const g of (envOf.get(share.host) ?? []).slice(1))
      for (const e of g.entries) holders.set(e.name, [...new Set([...(holders.get(e.name) ?? []), share.host])]);
  const rows = [...holders]
    .filter(([, hosts]) => hosts.length > 1)
    .map(([name, hosts]) => `- ${code(name)}: ${hosts.map(hostName).join(', ')}`);
  if (rows.length === 0) return [];
  return [
    '## Values shared between hosts',
    '',
    `These variables are in the ${code('.env')} of several hosts and must hold the same value in each (a secret was generated once for all of them). A re-export keeps every file's values and warns when they differ.`,
    '',
    ...rows,
  ];
}

/** The host sections of DEPLOYMENT.md, in order. */
export function hostGuideSections(
  ctx: HostsContext,
  shares: readonly HostShare[],
  envOf: ReadonlyMap<Host, readonly EnvGroup[]>,
): string[][] {
  return [
    hostsSection(ctx, shares),
    stepsSection(shares, envOf),
    firewallSection(ctx),
    sharedSection(shares, envOf),
  ].filter((s) => s.length > 0);
}
