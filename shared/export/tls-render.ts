import type { ProjectSettings } from '../model/types';
import { DEFAULT_TLS_PROFILE, MOZILLA_GUIDELINE, TLS_PROFILES, type TlsProfile, type TlsVersion } from './tls-profiles';

/**
 * The project's TLS policy (settings.tls) as each proxy flavour writes it: one profile from
 * tls-profiles.ts, four syntaxes. The exporters only place these lines; what they say lives here,
 * so the four flavours cannot drift apart (test/unit/shared/export/tls-profile.test.ts reads the
 * four outputs back and compares them).
 */

export interface TlsPolicy {
  readonly profile: TlsProfile;
  /** The Strict-Transport-Security value every TLS host sends. */
  readonly hsts: string;
}

export function tlsPolicy(settings: ProjectSettings): TlsPolicy {
  const tls = settings.tls;
  const profile = TLS_PROFILES[tls?.profile ?? DEFAULT_TLS_PROFILE];
  const hsts = [
    `max-age=${profile.hstsMaxAge}`,
    ...(tls?.hsts?.includeSubDomains === true ? ['includeSubDomains'] : []),
    ...(tls?.hsts?.preload === true ? ['preload'] : []),
  ].join('; ');
  return { profile, hsts };
}

/** One comment line naming the profile and the guideline it comes from. */
export const profileComment = (p: TlsProfile): string =>
  `TLS: Mozilla's "${p.name}" profile (server-side TLS guidelines ${MOZILLA_GUIDELINE.version}, ${MOZILLA_GUIDELINE.date}), set in the project's settings.`;

/** Protocols below TLS 1.2 need OpenSSL 3's security level 0, else OpenSSL refuses them whatever the list says. */
const needsLegacyLevel = (p: TlsProfile): boolean => p.protocols.includes('TLSv1') || p.protocols.includes('TLSv1.1');

/** The TLS 1.2-and-older list in OpenSSL syntax (nginx ssl_ciphers, HAProxy ssl-default-bind-ciphers). */
export function opensslCipherList(p: TlsProfile): string {
  const list = p.ciphers.map((s) => s.openssl).join(':');
  return needsLegacyLevel(p) ? `${list}:@SECLEVEL=0` : list;
}

const hasTls12 = (p: TlsProfile): boolean => p.protocols.some((v) => v !== 'TLSv1.3');

/** The http-level lines of nginx.conf. */
export function nginxTls(policy: TlsPolicy): string[] {
  const p = policy.profile;
  return [
    `# ${profileComment(p)}`,
    `ssl_protocols ${p.protocols.join(' ')};`,
    ...(hasTls12(p) ? [`ssl_ciphers ${opensslCipherList(p)};`] : []),
    `ssl_conf_command Ciphersuites ${p.tls13.join(':')};`,
    `ssl_ecdh_curve ${p.curves.map((c) => c.openssl).join(':')};`,
    `ssl_prefer_server_ciphers ${p.serverPreference ? 'on' : 'off'};`,
    'ssl_session_cache shared:SSL:10m;',
    `ssl_session_timeout ${p.sessionTimeout};`,
    '# No session tickets: their key would never rotate while nginx runs.',
    'ssl_session_tickets off;',
    "# OCSP stapling: the CA's OCSP responder is looked up through the `resolver` above: Docker's DNS,",
    "# which forwards names outside the compose network to the container's DNS servers (the host's, or",
    '# those set with `dns:` on this service). nginx staples once it has fetched a response, and only warns',
    '# for a certificate without an OCSP URL.',
    'ssl_stapling on;',
    'ssl_stapling_verify on;',
  ];
}

/** The HSTS line of one nginx TLS server. `always`: error responses carry it too. */
export const nginxHsts = (policy: TlsPolicy): string => `add_header Strict-Transport-Security "${policy.hsts}" always;`;

const HAPROXY_VERSIONS: Readonly<Record<TlsVersion, string>> = {
  TLSv1: 'TLSv1.0',
  'TLSv1.1': 'TLSv1.1',
  'TLSv1.2': 'TLSv1.2',
  'TLSv1.3': 'TLSv1.3',
};

/** The `global` lines of haproxy.cfg. */
export function haproxyTls(policy: TlsPolicy): string[] {
  const p = policy.profile;
  const options = [
    // HAProxy prefers its own order unless told otherwise; the profile says who picks.
    ...(p.serverPreference ? [] : ['prefer-client-ciphers']),
    `ssl-min-ver ${HAPROXY_VERSIONS[p.protocols[0]!]}`,
    'no-tls-tickets',
  ];
  return [
    `# ${profileComment(p)}`,
    ...(hasTls12(p) ? [`ssl-default-bind-ciphers ${opensslCipherList(p)}`] : []),
    `ssl-default-bind-ciphersuites ${p.tls13.join(':')}`,
    `ssl-default-bind-options ${options.join(' ')}`,
    '# OCSP stapling: HAProxy staples the response in NAME.ocsp beside each NAME.crt when that file is',
    '# there; the operator fetches and refreshes it (HAProxy 2.6 does not fetch one itself).',
  ];
}

/** The curves of one HAProxy bind line (HAProxy 2.6 has no global default for them). */
export const haproxyCurves = (policy: TlsPolicy): string =>
  `curves ${policy.profile.curves.map((c) => c.openssl).join(':')}`;

const CADDY_VERSIONS: Readonly<Record<TlsVersion, string>> = {
  TLSv1: 'tls1.2',
  'TLSv1.1': 'tls1.2',
  'TLSv1.2': 'tls1.2',
  'TLSv1.3': 'tls1.3',
};

/**
 * The body of one Caddy `tls` block. Caddy offers TLS 1.2 at the oldest and only the suites Go
 * counts as secure, so `old` is rendered as close as Caddy goes (said in a comment). Go's TLS 1.3
 * suites are fixed, and are the profile's. Caddy staples OCSP by itself.
 */
export function caddyTls(policy: TlsPolicy): string[] {
  const p = policy.profile;
  const min = CADDY_VERSIONS[p.protocols[0]!];
  const ciphers = p.ciphers.filter((s) => s.caddy).map((s) => s.iana);
  return [
    ...(needsLegacyLevel(p)
      ? [`# Caddy offers TLS 1.2 at the oldest: the "${p.name}" profile's older protocols are left out.`]
      : []),
    min === 'tls1.3' ? 'protocols tls1.3' : `protocols ${min} tls1.3`,
    ...(hasTls12(p) ? [`ciphers ${ciphers.join(' ')}`] : []),
    `curves ${p.curves.map((c) => c.caddy).join(' ')}`,
  ];
}

const GO_VERSIONS: Readonly<Record<TlsVersion, string>> = {
  TLSv1: 'VersionTLS10',
  'TLSv1.1': 'VersionTLS11',
  'TLSv1.2': 'VersionTLS12',
  'TLSv1.3': 'VersionTLS13',
};

/** Traefik's `tls.options.default`: every TLS router without options of its own uses it. */
export function traefikTlsOptions(policy: TlsPolicy): Record<string, unknown> {
  const p = policy.profile;
  return {
    minVersion: GO_VERSIONS[p.protocols[0]!],
    ...(hasTls12(p) ? { cipherSuites: p.ciphers.filter((s) => s.go !== undefined).map((s) => s.go!) } : {}),
    curvePreferences: p.curves.map((c) => c.traefik),
  };
}

/** Response headers every flavour removes at the entry point: upstream banners. */
export const BANNER_HEADERS = ['Server', 'X-Powered-By'] as const;

/** Traefik's headers middleware for TLS routers: HSTS per the policy, no upstream banner. */
export function traefikSecureHeaders(policy: TlsPolicy, settings: ProjectSettings): Record<string, unknown> {
  return {
    headers: {
      stsSeconds: policy.profile.hstsMaxAge,
      ...(settings.tls?.hsts?.includeSubDomains === true ? { stsIncludeSubdomains: true } : {}),
      ...(settings.tls?.hsts?.preload === true ? { stsPreload: true } : {}),
      // An empty value removes the header.
      customResponseHeaders: Object.fromEntries(BANNER_HEADERS.map((h) => [h, ''])),
    },
  };
}

/** Traefik's headers middleware for plain-HTTP routers: no upstream banner (HSTS means nothing there). */
export const traefikPlainHeaders = (): Record<string, unknown> => ({
  headers: { customResponseHeaders: Object.fromEntries(BANNER_HEADERS.map((h) => [h, ''])) },
});
