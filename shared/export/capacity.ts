import { isWebsocketClients } from '../model/capacity';

/**
 * One derivation from the expected peak of concurrent WebSocket clients at an entry point to every
 * limit the export writes for it: nginx's `worker_connections` and `worker_rlimit_nofile`,
 * HAProxy's global `maxconn`, the open-file limit (`ulimits.nofile`) of each proxy container, the
 * listen backlog, the WebSocket idle timeout, and what the services behind it hold. Every exporter
 * renders these numbers and writes no limit of its own, so a deployment holds the same clients
 * whichever flavour is picked (issue #15: nginx held ~512 WebSockets a worker, HAProxy 8,000).
 *
 * Why the numbers are what they are:
 * - A proxied WebSocket costs the proxy two sockets, so two file descriptors: the client's
 *   connection and the one it opens to the upstream. Both stay open as long as the client does.
 * - The same entry point also serves HTTP (the mobile API, the management UI, REST behind it):
 *   HTTP_HEADROOM of the WebSocket figure, at least MIN_HTTP_HEADROOM, as more client connections.
 * - A proxy also holds sockets that carry no client: listening sockets on both address families,
 *   Docker's DNS, OCSP fetches, health checks (SOCKET_RESERVE); and files: logs, certificates,
 *   keys, the configuration (FILE_RESERVE).
 */

/** Extra client connections for plain HTTP traffic beside the WebSockets: a quarter of them. */
export const HTTP_HEADROOM = 0.25;
/** Even a small deployment gets room for a burst of HTTP requests (browsers open six at a time). */
export const MIN_HTTP_HEADROOM = 1_024;
/** Sockets that carry no client: listeners (IPv4 and IPv6, every port), DNS, OCSP, health checks. */
export const SOCKET_RESERVE = 256;
/** Open files beside the sockets: logs, certificates and keys, configuration, shared memory. */
export const FILE_RESERVE = 768;
/**
 * The ephemeral ports of one network namespace with Linux's default `net.ipv4.ip_local_port_range`
 * (32768–60999): the most connections a proxy can open to one upstream address and port.
 */
export const EPHEMERAL_PORTS = 60_999 - 32_768 + 1;
/** The range the export sets when the upstream connections would run out of ephemeral ports. */
export const WIDE_PORT_RANGE = '1024 65535';
/** `net.core.somaxconn`'s default since Linux 5.4 (128 before), and the most it may be. */
export const SOMAXCONN = { default: 4_096, max: 65_535 } as const;
/**
 * How long an upgraded WebSocket may stay silent before the proxy closes it. nextAuth's clients
 * hold the socket open to be told about a login; an hour outlasts any keep-alive they send, and a
 * dead client's sockets are still released within the hour. nginx (`proxy_read_timeout`,
 * `proxy_send_timeout`) and HAProxy (`timeout tunnel`) take it; Caddy and Traefik set no idle
 * deadline on an upgraded connection at all (Caddy's `stream_timeout` is a lifetime cap, which
 * would cut busy connections too), so nothing is written for them.
 */
export const WEBSOCKET_IDLE_TIMEOUT = { text: '1h', seconds: 3_600 } as const;

/** The limits for one entry point, derived from its expected peak of WebSocket clients. */
export interface CapacityLimits {
  /** The expected peak of concurrent WebSocket clients (the project's or the entry point's figure). */
  readonly websocketClients: number;
  /** Client connections beside the WebSockets, for HTTP. */
  readonly httpHeadroom: number;
  /** Client connections the entry point accepts at once: WebSockets plus HTTP headroom. */
  readonly clientConnections: number;
  /** Connections the proxy opens to upstreams at once: one per client connection. */
  readonly upstreamConnections: number;
  /** Every socket one proxy process holds: both sides of each client connection, plus the reserve. */
  readonly sockets: number;
  /** The open-file limit one proxy process needs: its sockets plus files (`ulimits.nofile`, `worker_rlimit_nofile`). */
  readonly nofile: number;
  /**
   * nginx's `worker_connections`, which counts both sides of a proxied connection. Each worker gets
   * the whole figure: Linux wakes one worker per new connection with no even spread (no
   * `reuseport`), so one worker may end up holding nearly all of them.
   */
  readonly nginxWorkerConnections: number;
  /** HAProxy's global `maxconn`, which counts client connections only (HAProxy sizes its fd limit as about twice it). */
  readonly haproxyMaxconn: number;
  /**
   * The listen backlog (`net.core.somaxconn` in the proxy's network namespace, nginx's `backlog=`):
   * after a restart every client reconnects within seconds, so a tenth of them may queue at once.
   */
  readonly backlog: number;
  /** Whether the upstream connections can exhaust the default ephemeral port range towards one upstream. */
  readonly widePortRange: boolean;
}

/**
 * The limits for an expected peak of `websocketClients`. Monotone in the figure (a bigger peak
 * never lowers a limit) and always enough for it: test/unit/shared/export/capacity.test.ts.
 */
export function capacityLimits(websocketClients: number): CapacityLimits {
  if (!isWebsocketClients(websocketClients))
    throw new RangeError(`capacity: not a WebSocket client count: ${websocketClients}`);
  const httpHeadroom = Math.max(MIN_HTTP_HEADROOM, Math.ceil(websocketClients * HTTP_HEADROOM));
  const clientConnections = websocketClients + httpHeadroom;
  const upstreamConnections = clientConnections;
  const sockets = clientConnections + upstreamConnections + SOCKET_RESERVE;
  return {
    websocketClients,
    httpHeadroom,
    clientConnections,
    upstreamConnections,
    sockets,
    nofile: sockets + FILE_RESERVE,
    nginxWorkerConnections: sockets,
    haproxyMaxconn: clientConnections,
    backlog: Math.min(SOMAXCONN.max, Math.max(SOMAXCONN.default, Math.ceil(websocketClients / 10))),
    // All upstream connections may go to one address: a single replica, or the one left after a restart.
    widePortRange: upstreamConnections > EPHEMERAL_PORTS,
  };
}

/**
 * The open-file limit of a service behind entry points (nextauth holds the far end of every
 * WebSocket): one socket per upstream connection it may receive, from every entry point that
 * routes WebSockets to it. Each replica gets the whole figure: Docker's DNS spreads new
 * connections unevenly, and after a restart one replica may take them all.
 */
export function upstreamNofile(upstreamConnections: number): number {
  return upstreamConnections + SOCKET_RESERVE + FILE_RESERVE;
}

/** A count as the guide and the comments write it, in thousands: 26,024 (the same on every machine, unlike toLocaleString). */
export const grouped = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/**
 * The comment Caddy's and Traefik's files carry instead of limits: neither caps connections, both
 * are Go programs that raise their soft open-file limit to the hard one at start, so the compose
 * file's `ulimits.nofile` is their limit; an upgraded WebSocket has no idle deadline in either.
 */
export function capacityComment(mark: string, limits: CapacityLimits, flavour: 'Caddy' | 'Traefik'): string[] {
  return [
    `${mark} Capacity: ${grouped(limits.websocketClients)} concurrent WebSocket clients and ${grouped(limits.httpHeadroom)} more HTTP connections`,
    `${mark} (export/capacity.ts). ${flavour} sets no connection limit: its limit is the ${grouped(limits.nofile)} open files the`,
    `${mark} compose file gives the container (ulimits.nofile), two per proxied connection. An upgraded`,
    `${mark} WebSocket has no idle deadline in ${flavour}.`,
  ];
}
