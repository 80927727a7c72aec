/**
 * Mozilla's server-side TLS profiles, the one home of the TLS facts every proxy exporter renders
 * (nginx, HAProxy, Caddy, Traefik) and the live tests check with testssl.sh.
 *
 * Source: Mozilla Server Side TLS guidelines version 5.7 of 2023-05-15
 * (https://ssl-config.mozilla.org/guidelines/5.7.json, https://wiki.mozilla.org/Security/Server_Side_TLS).
 *
 * One deliberate narrowing: no TLS 1.2 suite with DHE key exchange is offered. Go's crypto/tls —
 * which Caddy and Traefik use — implements no DHE at all (Mozilla's own `go` and `caddy` lists
 * leave them out), and DHE on nginx or HAProxy needs a DH parameter file shipped with every
 * export. ECDHE serves every client the profiles name, so all four flavours offer the same suites.
 */

import type { TlsProfileName } from '../model/types';

export type { TlsProfileName };
export const TLS_PROFILE_NAMES: readonly TlsProfileName[] = ['modern', 'intermediate', 'old'];
/** What a project without a TLS setting gets. */
export const DEFAULT_TLS_PROFILE: TlsProfileName = 'intermediate';

export const MOZILLA_GUIDELINE = {
  version: '5.7',
  date: '2023-05-15',
  url: 'https://ssl-config.mozilla.org/guidelines/5.7.json',
} as const;

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/** A TLS 1.0–1.2 cipher suite under the names each configuration language uses. */
export interface CipherSuite {
  /** OpenSSL's name (nginx, HAProxy, testssl.sh's output). */
  readonly openssl: string;
  /** The IANA / RFC name. */
  readonly iana: string;
  /** Go's crypto/tls name (Caddy, Traefik); absent where Go does not implement the suite. */
  readonly go?: string;
  /** Whether Caddy accepts it: Caddy takes only the suites Go counts as secure (no CBC-SHA256, no 3DES). */
  readonly caddy: boolean;
  /** Key exchange with forward secrecy (ECDHE or DHE). */
  readonly forwardSecret: boolean;
}

const suite = (openssl: string, iana: string, go: 'same' | 'none', caddy: boolean): CipherSuite => ({
  openssl,
  iana,
  ...(go === 'same' ? { go: iana } : {}),
  caddy,
  forwardSecret: /^TLS_(EC)?DHE_/.test(iana),
});

/**
 * Every TLS 1.2-and-older suite of the three profiles. Go spells each suite it implements by its
 * IANA name (crypto/tls CipherSuiteName), which Caddy and Traefik both accept.
 */
export const CIPHER_SUITES: readonly CipherSuite[] = [
  suite('ECDHE-ECDSA-AES128-GCM-SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'same', true),
  suite('ECDHE-RSA-AES128-GCM-SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'same', true),
  suite('ECDHE-ECDSA-AES256-GCM-SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'same', true),
  suite('ECDHE-RSA-AES256-GCM-SHA384', 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'same', true),
  suite('ECDHE-ECDSA-CHACHA20-POLY1305', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'same', true),
  suite('ECDHE-RSA-CHACHA20-POLY1305', 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'same', true),
  suite('DHE-RSA-AES128-GCM-SHA256', 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', 'none', false),
  suite('DHE-RSA-AES256-GCM-SHA384', 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'none', false),
  suite('DHE-RSA-CHACHA20-POLY1305', 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'none', false),
  suite('ECDHE-ECDSA-AES128-SHA256', 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256', 'same', false),
  suite('ECDHE-RSA-AES128-SHA256', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256', 'same', false),
  suite('ECDHE-ECDSA-AES128-SHA', 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 'same', true),
  suite('ECDHE-RSA-AES128-SHA', 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'same', true),
  suite('ECDHE-ECDSA-AES256-SHA384', 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', 'none', false),
  suite('ECDHE-RSA-AES256-SHA384', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', 'none', false),
  suite('ECDHE-ECDSA-AES256-SHA', 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', 'same', true),
  suite('ECDHE-RSA-AES256-SHA', 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 'same', true),
  suite('DHE-RSA-AES128-SHA256', 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256', 'none', false),
  suite('DHE-RSA-AES256-SHA256', 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256', 'none', false),
  suite('AES128-GCM-SHA256', 'TLS_RSA_WITH_AES_128_GCM_SHA256', 'same', true),
  suite('AES256-GCM-SHA384', 'TLS_RSA_WITH_AES_256_GCM_SHA384', 'same', true),
  suite('AES128-SHA256', 'TLS_RSA_WITH_AES_128_CBC_SHA256', 'same', false),
  suite('AES256-SHA256', 'TLS_RSA_WITH_AES_256_CBC_SHA256', 'none', false),
  suite('AES128-SHA', 'TLS_RSA_WITH_AES_128_CBC_SHA', 'same', true),
  suite('AES256-SHA', 'TLS_RSA_WITH_AES_256_CBC_SHA', 'same', true),
  suite('DES-CBC3-SHA', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'same', false),
];

const byOpenssl = new Map(CIPHER_SUITES.map((s) => [s.openssl, s]));

/** The suite of an OpenSSL name; throws for a name the table does not hold (a typo in a profile). */
export function cipherSuite(openssl: string): CipherSuite {
  const s = byOpenssl.get(openssl);
  if (s === undefined) throw new Error(`unknown cipher suite ${openssl}`);
  return s;
}

/** A TLS 1.3 suite: OpenSSL and Go both use the IANA name. Go's TLS 1.3 suites are fixed (not configurable). */
export const TLS13_SUITES = [
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
] as const;

/** A key-exchange group under the names each configuration language uses. */
export interface Curve {
  readonly openssl: string;
  /** Caddy's `curves` name. */
  readonly caddy: string;
  /** Traefik's `curvePreferences` name (Go's tls.CurveID constant). */
  readonly traefik: string;
}

export const CURVES: readonly Curve[] = [
  { openssl: 'X25519', caddy: 'x25519', traefik: 'X25519' },
  { openssl: 'prime256v1', caddy: 'secp256r1', traefik: 'CurveP256' },
  { openssl: 'secp384r1', caddy: 'secp384r1', traefik: 'CurveP384' },
];

export interface TlsProfile {
  readonly name: TlsProfileName;
  /** Protocol versions offered, oldest first. */
  readonly protocols: readonly TlsVersion[];
  /** Mozilla's TLS 1.2-and-older list for OpenSSL, in its order (DHE included), for reference. */
  readonly mozillaCiphers: readonly string[];
  /** What the exports offer: Mozilla's list without DHE (see the module comment), in Mozilla's order. */
  readonly ciphers: readonly CipherSuite[];
  readonly tls13: readonly string[];
  readonly curves: readonly Curve[];
  /** The server picks the suite (old) or the client does (modern, intermediate). */
  readonly serverPreference: boolean;
  /** HSTS max-age in seconds (two years). */
  readonly hstsMaxAge: number;
  /** TLS session cache lifetime, nginx syntax; tickets stay off (their keys would never rotate). */
  readonly sessionTimeout: '1d';
  readonly oldestClients: readonly string[];
}

const ECDHE_GCM_CHACHA = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
];
const DHE_AEAD = ['DHE-RSA-AES128-GCM-SHA256', 'DHE-RSA-AES256-GCM-SHA384', 'DHE-RSA-CHACHA20-POLY1305'];
const OLD_REST = [
  'ECDHE-ECDSA-AES128-SHA256',
  'ECDHE-RSA-AES128-SHA256',
  'ECDHE-ECDSA-AES128-SHA',
  'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA384',
  'ECDHE-RSA-AES256-SHA384',
  'ECDHE-ECDSA-AES256-SHA',
  'ECDHE-RSA-AES256-SHA',
  'DHE-RSA-AES128-SHA256',
  'DHE-RSA-AES256-SHA256',
  'AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
  'AES128-SHA256',
  'AES256-SHA256',
  'AES128-SHA',
  'AES256-SHA',
  'DES-CBC3-SHA',
];

const withoutDhe = (names: readonly string[]): CipherSuite[] =>
  names.map(cipherSuite).filter((s) => !s.iana.startsWith('TLS_DHE_'));

const profile = (
  name: TlsProfileName,
  protocols: readonly TlsVersion[],
  mozillaCiphers: readonly string[],
  serverPreference: boolean,
  oldestClients: readonly string[],
): TlsProfile => ({
  name,
  protocols,
  mozillaCiphers,
  ciphers: withoutDhe(mozillaCiphers),
  tls13: TLS13_SUITES,
  curves: CURVES,
  serverPreference,
  hstsMaxAge: 63072000,
  sessionTimeout: '1d',
  oldestClients,
});

export const TLS_PROFILES: Readonly<Record<TlsProfileName, TlsProfile>> = {
  modern: profile('modern', ['TLSv1.3'], [], false, ['Firefox 63', 'Android 10.0', 'Chrome 70', 'Safari 12.1']),
  intermediate: profile('intermediate', ['TLSv1.2', 'TLSv1.3'], [...ECDHE_GCM_CHACHA, ...DHE_AEAD], false, [
    'Firefox 27',
    'Android 4.4.2',
    'Chrome 31',
    'IE 11 on Windows 7',
    'Safari 9',
  ]),
  old: profile(
    'old',
    ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
    [...ECDHE_GCM_CHACHA, ...DHE_AEAD, ...OLD_REST],
    true,
    ['Firefox 1', 'Android 2.3', 'Chrome 1', 'IE 8 on Windows XP', 'Java 6'],
  ),
};

/** Whether a profile is weaker than Mozilla's intermediate (the rule NA052 asks for a reason). */
export const belowIntermediate = (name: TlsProfileName): boolean => name === 'old';
