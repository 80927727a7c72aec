import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CIPHER_SUITES, TLS_PROFILE_NAMES, TLS13_SUITES } from '../../../shared/export/tls-profiles';
import type { Project, TlsSettings } from '../../../shared/model/types';
import { template } from '../../support/fixtures';
import { ADAPTERS } from '../../support/proxy-cases';
import { cleanUp, makeCertificates, runCommand, type Certificates } from '../../support/routing';
import { needTool } from '../../support/tools';

/**
 * The TLS tables against the real tools: every OpenSSL suite name of the profiles is the suite
 * OpenSSL itself names by that IANA name (`openssl ciphers -stdname`), and every profile, with
 * the HSTS opt-ins, is accepted by nginx -t, haproxy -c and caddy validate (the proxy-exporters
 * suite checks the default profile on many projects; this one checks the other profiles).
 */

afterAll(cleanUp);

const withTls = (p: Project, tls: TlsSettings): Project => ({ ...p, settings: { ...p.settings, tls } });

describe.skipIf(needTool('openssl', 'the cipher-suite names').skip)('cipher-suite names against OpenSSL', () => {
  it('maps each OpenSSL name to the IANA name OpenSSL gives it', async () => {
    const { code, output } = await runCommand('openssl', ['ciphers', '-stdname', 'ALL:COMPLEMENTOFALL:@SECLEVEL=0']);
    expect(code).toBe(0);
    // `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 - ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 Kx=ECDH …`
    const known = new Map(
      output
        .split('\n')
        .map((line) => line.trim().split(/\s+/))
        .filter((f) => f.length > 3 && f[1] === '-')
        .map((f) => [f[2]!, f[0]!]),
    );
    const absent: string[] = [];
    for (const s of CIPHER_SUITES) {
      const iana = known.get(s.openssl);
      if (iana === undefined) absent.push(s.openssl);
      else expect(iana, s.openssl).toBe(s.iana);
    }
    // Debian's OpenSSL 3 builds leave 3DES out; every other suite of the profiles is there.
    expect(absent.filter((n) => n !== 'DES-CBC3-SHA')).toEqual([]);
    for (const suite of TLS13_SUITES) expect([...known.values()]).toContain(suite);
  });
});

for (const adapter of ADAPTERS.filter((a) => a.tools.length > 0)) {
  const missing = [...adapter.tools, 'openssl'].some((tool) => needTool(tool, `${adapter.check} on TLS profiles`).skip);
  describe.skipIf(missing)(`${adapter.flavour}: every TLS profile passes ${adapter.check}`, () => {
    let certs: Certificates;
    const manual = template('manual');
    beforeAll(async () => {
      certs = await makeCertificates([...new Set(manual.routes.map((r) => r.host))]);
    });
    for (const profile of TLS_PROFILE_NAMES) {
      it(`${profile}, with includeSubDomains and preload`, () =>
        adapter.validate(
          withTls(manual, {
            profile,
            hsts: { includeSubDomains: true, preload: true },
            ...(profile === 'old' ? { reason: 'old kiosks' } : {}),
          }),
          certs,
        ));
    }
  });
}
