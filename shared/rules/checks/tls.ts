import { componentPort, findPort } from '../../catalog/index';
import type { Component } from '../../model/types';
import { env } from '../context';

/** Whether a TLS variable is set (a literal with text, or a secret/input the export fills in). */
export function isSet(c: Component, name: string): boolean {
  const v = env(c, name);
  return v !== undefined && (v.type !== 'literal' || v.value.trim() !== '');
}

/** The cert/key pair that turns on TLS for a port, from the catalog (e.g. NEXTAUTH_WS_TLS_*). */
export function tlsPair(c: Component, port: string): { cert: string; key: string } | undefined {
  return findPort(c.kind, port, c.flavour)?.tlsEnv;
}

/**
 * True when the component serves `port` over TLS: both variables of its pair are set. A custom
 * container's port serves TLS when its protocol says so (https, wss): there is no pair to set.
 */
export function servesTls(c: Component, port: string): boolean {
  if (c.kind === 'container') return componentPort(c, port)?.tls === 'always';
  const pair = tlsPair(c, port);
  return pair !== undefined && isSet(c, pair.cert) && isSet(c, pair.key);
}
