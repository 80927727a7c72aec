import type { Publish } from './types';

/**
 * How a publish names its host side: `8443`, `127.0.0.1:8443`, `[::1]:8443` — the compose short
 * form's `HOST_IP:HOST_PORT` part (brackets around IPv6, as compose and docker-compose 1.x read
 * them) and what DEPLOYMENT.md shows.
 */
export function hostSide(p: Pick<Publish, 'hostPort' | 'hostIp'>): string {
  if (p.hostIp === undefined) return String(p.hostPort);
  return p.hostIp.includes(':') ? `[${p.hostIp}]:${p.hostPort}` : `${p.hostIp}:${p.hostPort}`;
}

/** A loopback address (127.0.0.0/8, ::1): only the host itself reaches a port bound there. */
export function isLoopback(ip: string | undefined): boolean {
  if (ip === undefined) return false;
  return (
    ip.startsWith('127.') || ip === '::1' || /^0{0,4}(:0{0,4}){0,6}:0{0,3}1$/.test(ip) || ip === '::ffff:127.0.0.1'
  );
}
