import type { DeploymentPlan, ProxyPlan } from './plan';
import type { ExportOptions } from './types';

/** A port number fit to write into a configuration; anything else is a bug upstream. */
export function safePort(port: number, what: string, exporter: string): number {
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`${exporter} export: invalid ${what} ${port}`);
  return port;
}

export interface ListenPorts {
  /** Where a TLS site on `publicPort` listens. */
  tls(publicPort: number): number;
  /** Where the redirect or a plain site on `publicPort` listens. */
  plain(publicPort: number): number;
}

/**
 * The port a proxy listens on inside its container: compose publishes `hostPort:containerPort`,
 * so a public port arrives on the container port it maps to. A test override moves 443 (TLS)
 * and 80 / the redirect port (plain) to loopback high ports.
 */
export function listenPorts(
  proxy: ProxyPlan,
  plan: DeploymentPlan,
  options: ExportOptions,
  exporter: string,
): ListenPorts {
  const published = plan.services.find((s) => s.name === proxy.entry.id)?.ports ?? [];
  const container = (hostPort: number) => published.find((p) => p.hostPort === hostPort)?.containerPort ?? hostPort;
  const o = options.override;
  const port = (n: number) => safePort(n, 'listening port', exporter);
  return {
    tls: (p) => port(p === 443 ? (o?.httpsPort ?? container(p)) : container(p)),
    plain: (p) => port(p === 80 || p === proxy.redirectPort ? (o?.httpPort ?? container(p)) : container(p)),
  };
}
