import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import {
  CIPHER_SUITES,
  TLS_PROFILE_NAMES,
  TLS_PROFILES,
  cipherSuite,
  type TlsProfileName,
} from '../../../../shared/export/tls-profiles';
import type { Project, ProxyFlavour, TlsSettings } from '../../../../shared/model/types';
import { template } from '../../../support/fixtures';
import { validateDynamic } from '../../../support/proxy-cases';

/**
 * One TLS policy, four renderings: each flavour's exported file is read back in its own syntax and
 * the suites, protocols and HSTS it states are compared with the profile's tables and with the
 * other flavours' (after mapping names: OpenSSL for nginx and HAProxy, Go/IANA for Caddy and Traefik).
 */

const withTls = (p: Project, tls: TlsSettings | undefined): Project => ({
  ...p,
  settings: tls === undefined ? { registry: p.settings.registry, tag: p.settings.tag } : { ...p.settings, tls },
});

function files(project: Project, flavour: ProxyFlavour): Map<string, string> {
  const result = exportProject(project, { random: seededRandom(1), proxy: flavour });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return new Map(result.files.map((f) => [f.path, f.contents]));
}

const fileEnding = (all: Map<string, string>, suffix: string): string =>
  [...all].find(([path]) => path.endsWith(suffix))![1];

const ianaOf = (openssl: string): string => cipherSuite(openssl).iana;

interface Stated {
  /** TLS 1.2-and-older suites, as IANA names, in the file's order. */
  readonly ciphers: readonly string[];
  readonly minVersion: string;
  /** Every Strict-Transport-Security value the file sends. */
  readonly hsts: readonly string[];
}

function stated(project: Project, flavour: ProxyFlavour): Stated {
  const all = files(project, flavour);
  switch (flavour) {
    case 'nginx': {
      const text = fileEnding(all, 'nginx.conf');
      const list = /^\s*ssl_ciphers (\S+);$/m.exec(text)?.[1] ?? '';
      return {
        ciphers: list
          .split(':')
          .filter((n) => n !== '' && !n.startsWith('@'))
          .map(ianaOf),
        minVersion: /^\s*ssl_protocols ([^\s;]+)/m.exec(text)![1]!,
        hsts: [...text.matchAll(/add_header Strict-Transport-Security "([^"]+)" always;/g)].map((m) => m[1]!),
      };
    }
    case 'haproxy': {
      const text = fileEnding(all, 'haproxy.cfg');
      const list = /^\s*ssl-default-bind-ciphers (\S+)$/m.exec(text)?.[1] ?? '';
      return {
        ciphers: list
          .split(':')
          .filter((n) => n !== '' && !n.startsWith('@'))
          .map(ianaOf),
        minVersion: /ssl-min-ver (TLSv[0-9.]+) no-tls-tickets/.exec(text)![1]!.replace('TLSv1.0', 'TLSv1'),
        hsts: [...text.matchAll(/set-header Strict-Transport-Security "([^"]+)"/g)].map((m) => m[1]!),
      };
    }
    case 'caddy': {
      const text = fileEnding(all, 'Caddyfile');
      const lists = [...text.matchAll(/^\s*ciphers (.+)$/gm)].map((m) => m[1]!);
      expect(new Set(lists).size).toBeLessThanOrEqual(1);
      return {
        ciphers: (lists[0] ?? '').split(' ').filter((n) => n !== ''),
        minVersion: /^\s*protocols (tls[0-9.]+)/m.exec(text)![1]!.replace('tls', 'TLSv'),
        hsts: [...text.matchAll(/Strict-Transport-Security "([^"]+)"/g)].map((m) => m[1]!),
      };
    }
    case 'traefik': {
      const dynamic = parse(fileEnding(all, 'dynamic.yml')) as {
        tls: { options: { default: { minVersion: string; cipherSuites?: string[] } } };
        http: { middlewares: Record<string, { headers?: Record<string, unknown> }> };
      };
      const options = dynamic.tls.options.default;
      const headers = dynamic.http.middlewares['secure-headers']!.headers!;
      const hsts = [
        `max-age=${String(headers.stsSeconds)}`,
        ...(headers.stsIncludeSubdomains === true ? ['includeSubDomains'] : []),
        ...(headers.stsPreload === true ? ['preload'] : []),
      ].join('; ');
      return {
        ciphers: options.cipherSuites ?? [],
        minVersion: options.minVersion.replace('VersionTLS1', 'TLSv1.').replace('TLSv1.0', 'TLSv1'),
        hsts: [hsts],
      };
    }
  }
}

const FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];
const manual = template('manual');

describe('the TLS profile tables (Mozilla 5.7)', () => {
  it('intermediate offers TLS 1.2 and 1.3 with the six ECDHE AEAD suites, all forward secret', () => {
    const p = TLS_PROFILES.intermediate;
    expect(p.protocols).toEqual(['TLSv1.2', 'TLSv1.3']);
    expect(p.ciphers.map((s) => s.openssl)).toEqual([
      'ECDHE-ECDSA-AES128-GCM-SHA256',
      'ECDHE-RSA-AES128-GCM-SHA256',
      'ECDHE-ECDSA-AES256-GCM-SHA384',
      'ECDHE-RSA-AES256-GCM-SHA384',
      'ECDHE-ECDSA-CHACHA20-POLY1305',
      'ECDHE-RSA-CHACHA20-POLY1305',
    ]);
    expect(p.ciphers.every((s) => s.forwardSecret)).toBe(true);
    // Mozilla's own list adds three DHE suites (5.7 appended DHE-RSA-CHACHA20-POLY1305); the exports leave DHE out.
    expect(p.mozillaCiphers.filter((n) => n.startsWith('DHE-'))).toHaveLength(3);
    expect(p.hstsMaxAge).toBe(63072000);
    expect(p.serverPreference).toBe(false);
  });

  it('modern is TLS 1.3 alone; old adds TLS 1.0/1.1, server preference and suites without forward secrecy', () => {
    expect(TLS_PROFILES.modern.protocols).toEqual(['TLSv1.3']);
    expect(TLS_PROFILES.modern.ciphers).toEqual([]);
    expect(TLS_PROFILES.old.protocols).toEqual(['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
    expect(TLS_PROFILES.old.serverPreference).toBe(true);
    expect(TLS_PROFILES.old.ciphers.some((s) => !s.forwardSecret)).toBe(true);
    expect(TLS_PROFILES.old.ciphers.some((s) => s.iana.startsWith('TLS_DHE_'))).toBe(false);
  });

  it('names each suite consistently: IANA name built from the OpenSSL name, Go spelling = IANA', () => {
    // An independent reading of OpenSSL's naming: KX-AUTH-CIPHER-MAC, with RSA key exchange unnamed.
    const expectedIana = (openssl: string): string => {
      if (openssl === 'DES-CBC3-SHA') return 'TLS_RSA_WITH_3DES_EDE_CBC_SHA';
      const m = /^(?:(ECDHE|DHE)-(ECDSA|RSA)-)?(AES(128|256)|CHACHA20)-(GCM-)?(SHA\d*|POLY1305)$/.exec(openssl)!;
      const [, kx, auth, cipher, bits, gcm, mac] = m;
      const exchange = kx === undefined ? 'RSA' : `${kx}_${auth!}`;
      const bulk = cipher === 'CHACHA20' ? 'CHACHA20_POLY1305' : `AES_${bits!}_${gcm ? 'GCM' : 'CBC'}`;
      const hash = mac === 'POLY1305' ? 'SHA256' : mac!;
      return `TLS_${exchange}_WITH_${bulk}_${hash}`;
    };
    for (const s of CIPHER_SUITES) {
      expect(s.iana, s.openssl).toBe(expectedIana(s.openssl));
      if (s.go !== undefined) expect(s.go).toBe(s.iana);
      // Caddy only takes suites Go implements.
      if (s.caddy) expect(s.go, s.openssl).toBeDefined();
    }
    expect(() => cipherSuite('NOT-A-SUITE')).toThrow(/unknown cipher suite/);
  });
});

describe('four flavours, one profile', () => {
  for (const name of ['modern', 'intermediate'] as const satisfies readonly TlsProfileName[]) {
    it(`${name}: every flavour states the profile's suites, oldest protocol and HSTS`, () => {
      const project = withTls(manual, { profile: name });
      const expected = TLS_PROFILES[name].ciphers.map((s) => s.iana);
      for (const flavour of FLAVOURS) {
        const s = stated(project, flavour);
        expect(s.ciphers, flavour).toEqual(expected);
        expect(s.minVersion, flavour).toBe(TLS_PROFILES[name].protocols[0]);
        expect(s.hsts.length, flavour).toBeGreaterThan(0);
        expect(new Set(s.hsts), flavour).toEqual(new Set(['max-age=63072000']));
      }
    });
  }

  it('old: nginx and HAProxy state the whole list; Caddy and Traefik the part Go implements', () => {
    const project = withTls(manual, { profile: 'old', reason: 'a fleet of old kiosks' });
    const all = TLS_PROFILES.old.ciphers;
    expect(stated(project, 'nginx').ciphers).toEqual(all.map((s) => s.iana));
    expect(stated(project, 'haproxy').ciphers).toEqual(all.map((s) => s.iana));
    expect(stated(project, 'traefik').ciphers).toEqual(all.filter((s) => s.go).map((s) => s.go));
    expect(stated(project, 'caddy').ciphers).toEqual(all.filter((s) => s.caddy).map((s) => s.iana));
    expect(stated(project, 'traefik').minVersion).toBe('TLSv1');
    // Caddy cannot go below TLS 1.2, and says so.
    expect(stated(project, 'caddy').minVersion).toBe('TLSv1.2');
    expect(fileEnding(files(project, 'caddy'), 'Caddyfile')).toMatch(/Caddy offers TLS 1\.2 at the oldest/);
    // OpenSSL 3 refuses TLS 1.0/1.1 at its default security level.
    expect(fileEnding(files(project, 'nginx'), 'nginx.conf')).toMatch(/ssl_ciphers \S+:@SECLEVEL=0;/);
  });

  it('sends includeSubDomains and preload only when opted in, on every flavour', () => {
    const both = withTls(manual, { profile: 'intermediate', hsts: { includeSubDomains: true, preload: true } });
    const sub = withTls(manual, { profile: 'intermediate', hsts: { includeSubDomains: true } });
    for (const flavour of FLAVOURS) {
      expect(new Set(stated(both, flavour).hsts), flavour).toEqual(
        new Set(['max-age=63072000; includeSubDomains; preload']),
      );
      expect(new Set(stated(sub, flavour).hsts), flavour).toEqual(new Set(['max-age=63072000; includeSubDomains']));
    }
  });

  it('sends HSTS on every TLS host of nginx, HAProxy and Caddy', () => {
    const hosts = new Set(manual.routes.map((r) => r.host));
    expect(stated(manual, 'nginx').hsts).toHaveLength(hosts.size);
    expect(stated(manual, 'caddy').hsts).toHaveLength(hosts.size);
    // HAProxy sets it per TLS frontend: the manual template has one.
    expect(stated(manual, 'haproxy').hsts).toHaveLength(1);
  });

  it('removes upstream banners at the entry point in every flavour', () => {
    expect(fileEnding(files(manual, 'nginx'), 'nginx.conf')).toMatch(
      /server_tokens off;[\s\S]*proxy_hide_header X-Powered-By;/,
    );
    const haproxy = fileEnding(files(manual, 'haproxy'), 'haproxy.cfg');
    const frontends = haproxy.split(/^frontend /m).slice(1);
    for (const f of frontends)
      expect(f).toMatch(/http-response del-header Server\n\s+http-response del-header X-Powered-By/);
    const caddy = fileEnding(files(manual, 'caddy'), 'Caddyfile');
    expect(caddy.match(/^\t\t-Server$/gm)?.length).toBe(new Set(manual.routes.map((r) => r.host)).size);
    const traefik = parse(fileEnding(files(manual, 'traefik'), 'dynamic.yml')) as {
      http: { routers: Record<string, { middlewares?: string[]; tls?: object }> };
    };
    for (const [name, r] of Object.entries(traefik.http.routers)) {
      if (r.tls !== undefined) expect(r.middlewares, name).toEqual(['secure-headers']);
    }
  });

  it("Traefik's tls.options and headers middlewares validate against the file-provider schema", () => {
    for (const profile of TLS_PROFILE_NAMES) {
      for (const hsts of [undefined, { includeSubDomains: true as const, preload: true as const }]) {
        const dynamic = parse(
          fileEnding(files(withTls(manual, { profile, ...(hsts ? { hsts } : {}) }), 'traefik'), 'dynamic.yml'),
        ) as unknown;
        expect(validateDynamic(dynamic), JSON.stringify(validateDynamic.errors)).toBe(true);
      }
    }
  });
});
