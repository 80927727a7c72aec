/**
 * What only Caddy writes: ACME, automatic HTTPS and the admin API off, a certificate named per
 * site, Docker's DNS through `dynamic a`, catch-all 404 sites with strict SNI, redirect sites, and
 * its path patterns. Everything every flavour must do — `caddy validate` (and the adapted JSON) on
 * every project, files, header, byte-stability, the test override, hostile values — is in the
 * shared table (test/support/proxy-cases.ts, run by proxy-exporters.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { base, configOf, edgeProject } from '../../../support/proxy-cases';

const confOf = (project = base('manual')) => configOf(project, 'caddy');

describe('caddy export content', () => {
  it('turns off ACME and the admin API, and names each certificate', () => {
    const conf = confOf();
    expect(conf).toMatch(/^\{\n(\t[^\n]*\n)*\tauto_https off\n/m);
    expect(conf).toContain('\tadmin off\n');
    expect(conf).toContain('\thttp_port 80\n\thttps_port 443\n');
    expect(conf).toContain(
      'https://auth.example.com:443 {\n\ttls /etc/portolan/certs/auth.example.com.crt /etc/portolan/certs/auth.example.com.key {\n',
    );
  });

  it("finds every replica through Docker's DNS", () => {
    const conf = confOf(base('ha'));
    expect(conf).toContain('dynamic a {\n\t\t\t\tname nextauth\n\t\t\t\tport 8009\n\t\t\t\trefresh 10s\n\t\t\t}');
    expect(conf).not.toMatch(/reverse_proxy [a-z]/);
  });

  it('sends no unknown host or path anywhere', () => {
    const conf = confOf();
    expect(conf).toContain('http://:80 {\n\trespond 404\n}');
    expect(conf).toContain('https://:443 {\n\trespond 404\n}');
    expect(conf).toContain('strict_sni_host on');
  });

  it('redirects each TLS host to HTTPS with 301 from its own site block', () => {
    const conf = confOf();
    expect(conf).toContain(
      'http://accounts.auth.example.com:80, http://auth.example.com:80, http://dashboard.auth.example.com:80, http://idp.auth.example.com:80, http://mobile.auth.example.com:80 {\n\tredir https://{host}{uri} 301\n}',
    );
  });

  it('handles prefixes longest first and escaped paths as sent, serves a path once, answers 404 for a site without locations', () => {
    const conf = confOf(edgeProject());
    expect(conf).toMatch(/handle \/admin\* \{[^]*?handle \/\* \{/);
    expect(conf).toContain('handle /a%20b%22c%5Cd%3B%7B* {');
    expect(conf).toContain('# twice: auth.example.com/admin is already routed above; not served twice');
    expect(conf).toContain('http://plain.example.com:80 {');
    expect(conf).toContain('redir https://{host}:8443{uri} 301');
    expect(conf).toMatch(
      /https:\/\/ext\.example\.com:443 \{\n\ttls [^\n]+ \{\n(?:\t\t[^\n]*\n)+\t\}\n\theader \{\n(?:\t\t[^\n]*\n)+\t\}\n\t# Any other path: 404[^\n]*\n\thandle \{\n\t\trespond 404/,
    );
  });
});
