import { isDefaultTls } from '../model/ops';
import type { TlsProfileName, TlsSettings } from '../model/types';
import type { Located } from './located';
import { join, type Reader } from './reader';

/**
 * `settings.tls`, the project's TLS policy (format 4): the Mozilla profile, the HSTS opt-ins and
 * the reason a weaker profile is accepted. Absent means intermediate. A `false` opt-in or an
 * empty reason is read as absent, so the file saves back to what it means.
 */

export const TLS_PROFILES_READ: readonly TlsProfileName[] = ['modern', 'intermediate', 'old'];
const TLS_KEYS = ['profile', 'hsts', 'reason'] as const;
const HSTS_KEYS = ['includeSubDomains', 'preload'] as const;

export function readTlsSettings(r: Reader, node: Located | undefined, path: string): TlsSettings | undefined {
  if (node === undefined) return undefined;
  const map = r.map(node, path, 'settings.tls');
  if (!map) return undefined;
  r.keys(map, TLS_KEYS, path, 'settings.tls');
  const profile = r.oneOf(
    r.required(map, 'profile', path, 'settings.tls'),
    join(path, 'profile'),
    'the TLS profile',
    TLS_PROFILES_READ,
  );
  if (profile === undefined) return undefined;

  let hsts: TlsSettings['hsts'];
  const hstsNode = r.entry(map, 'hsts')?.value;
  const hstsMap = hstsNode && r.map(hstsNode, join(path, 'hsts'), 'settings.tls.hsts');
  if (hstsMap) {
    const at = join(path, 'hsts');
    r.keys(hstsMap, HSTS_KEYS, at, 'settings.tls.hsts');
    const sub = r.boolean(
      r.entry(hstsMap, 'includeSubDomains')?.value,
      join(at, 'includeSubDomains'),
      'includeSubDomains',
    );
    const preload = r.boolean(r.entry(hstsMap, 'preload')?.value, join(at, 'preload'), 'preload');
    if (sub === true || preload === true) {
      hsts = { ...(sub === true ? { includeSubDomains: true } : {}), ...(preload === true ? { preload: true } : {}) };
    }
  }
  const reason = r.string(r.entry(map, 'reason')?.value, join(path, 'reason'), 'the TLS reason');
  return {
    profile,
    ...(hsts !== undefined ? { hsts } : {}),
    ...(reason !== undefined && reason.trim() !== '' ? { reason } : {}),
  };
}

/** The written record, key order included (both writers use it); undefined when the policy is the default. */
export function tlsRecord(tls: TlsSettings | undefined): Record<string, unknown> | undefined {
  if (tls === undefined || isDefaultTls(tls)) return undefined;
  const out: Record<string, unknown> = { profile: tls.profile };
  if (tls.hsts?.includeSubDomains === true || tls.hsts?.preload === true) {
    out.hsts = {
      ...(tls.hsts.includeSubDomains === true ? { includeSubDomains: true } : {}),
      ...(tls.hsts.preload === true ? { preload: true } : {}),
    };
  }
  if (tls.reason !== undefined && tls.reason.trim() !== '') out.reason = tls.reason;
  return out;
}
