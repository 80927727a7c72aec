import { DEFAULT_WEBSOCKET_CLIENTS, WEBSOCKET_CLIENTS } from '../model/capacity';
import { EPHEMERAL_PORTS, grouped, WEBSOCKET_IDLE_TIMEOUT, WIDE_PORT_RANGE } from './capacity';
import { capacityPlan, type EntryCapacityPlan } from './capacity-plan';
import { who, type Facts } from './deployment-facts';
import { code, table } from './markdown';

/**
 * DEPLOYMENT.md's capacity section: how many WebSocket clients each entry point is built for, the
 * limits each configuration carries for it (all from export/capacity.ts), what the services
 * behind hold, and the host settings the figures need — the ones a container cannot set itself.
 */

/** What an entry point's own configuration says about the figure, in its own terms. */
function limitsWritten(e: EntryCapacityPlan): string {
  const l = e.limits;
  const idle = WEBSOCKET_IDLE_TIMEOUT.text;
  switch (e.flavour) {
    case 'nginx':
      return `${code(`worker_connections ${l.nginxWorkerConnections}`)}, ${code(`worker_rlimit_nofile ${l.nofile}`)}, ${code(`backlog=${l.backlog}`)}, idle ${idle}`;
    case 'haproxy':
      return `${code(`maxconn ${l.haproxyMaxconn}`)}, ${code(`timeout tunnel ${idle}`)}`;
    case 'caddy':
    case 'traefik':
      return 'no connection limit or WebSocket idle deadline of its own';
    default:
      return "nextAuth's own";
  }
}

const figure = (e: EntryCapacityPlan): string => `${grouped(e.limits.websocketClients)}${e.own ? ' (its own)' : ''}`;

/** The guide's section; nothing for a deployment without an entry point. Kept short: the guide is read in full. */
export function capacitySection({ plan, service }: Facts): string[] {
  const capacity = capacityPlan(plan);
  if (capacity.entries.length === 0) return [];
  const entryIds = new Set(capacity.entries.map((e) => e.entry.id as string));
  const behind = [...capacity.services].filter(([name]) => !entryIds.has(name));
  const replicas = (name: string): number => plan.services.find((s) => s.name === name)?.replicas ?? 1;
  const totalFiles = [...capacity.services].reduce((sum, [name, l]) => sum + l.nofile * replicas(name), 0);
  const largest = Math.max(...[...capacity.services.values()].map((l) => l.nofile));
  const wide = capacity.entries.some((e) => e.limits.widePortRange);
  const named = (name: string): string => {
    const c = service.get(name);
    return c !== undefined ? who(c) : code(name);
  };
  return [
    '## Capacity',
    '',
    `Each entry point is built for its peak of concurrent WebSocket clients (the project's figure, its own, or ${grouped(DEFAULT_WEBSOCKET_CLIENTS)}) plus HTTP headroom; a proxied WebSocket holds two sockets at the proxy.`,
    '',
    ...table(
      ['Entry point', 'WebSocket clients', 'HTTP headroom', 'Open files', 'Limits written'],
      capacity.entries.map((e) => [
        who(e.entry),
        figure(e),
        grouped(e.limits.httpHeadroom),
        grouped(e.limits.nofile),
        limitsWritten(e),
      ]),
    ),
    '',
    ...(behind.length > 0
      ? [
          `- Open files per replica of the services the WebSockets reach: ${behind.map(([name, l]) => `${named(name)} ${grouped(l.nofile)}`).join(', ')}.`,
        ]
      : []),
    `- The compose file sets each ${code('ulimits.nofile')} (Docker's default differs by version), and ${code('net.core.somaxconn')}${wide ? ` and ${code(`net.ipv4.ip_local_port_range: ${WIDE_PORT_RANGE}`)} (past ${grouped(EPHEMERAL_PORTS)} upstream connections)` : ''} in each entry point's own network namespace.`,
    `- On the host: ${code('fs.file-max')} above ${grouped(totalFiles)} (these limits times the replicas) plus what the host itself uses, ${code('fs.nr_open')} at least ${grouped(largest)} (its default, 1,048,576, covers up to ${grouped(WEBSOCKET_CLIENTS.max)} clients).`,
  ];
}
