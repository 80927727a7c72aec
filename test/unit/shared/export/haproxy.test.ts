/**
 * What only HAProxy writes: Docker's resolvers with a slot per replica, its timeouts, the
 * not_found backend, certificates picked by SNI with 421 for another Host, host-named redirects,
 * and where it reads a key. Everything every flavour must do — `haproxy -c -dW` on every project,
 * files, header, byte-stability, the test override, hostile values — is in the shared table
 * (test/support/proxy-cases.ts, run by proxy-exporters.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { exportHaproxy } from '../../../../shared/export/haproxy';
import { base, configOf, edgeProject, handBuiltPlan, random } from '../../../support/proxy-cases';

const cfgOf = (project = base('manual')) => configOf(project, 'haproxy');

describe('haproxy export content', () => {
  it('resolves every replica through Docker DNS with a slot each', () => {
    const cfg = cfgOf(base('ha'));
    expect(cfg).toContain('resolvers docker\n    # ');
    expect(cfg).toContain('nameserver dns 127.0.0.11:53');
    expect(cfg).toContain('hold valid 10s');
    expect(cfg).toContain('accepted_payload_size 8192');
    expect(cfg).toContain('server-template nextauth 3 nextauth:8009 check resolvers docker init-addr last,libc,none');
    expect(cfg).toContain('server-template mgmt 1 mgmt:80 check resolvers docker init-addr last,libc,none');
  });

  it('sets every timeout, with a long tunnel timeout for WebSockets', () => {
    const cfg = cfgOf();
    for (const t of [
      'connect',
      'client',
      'server',
      'http-request',
      'http-keep-alive',
      'queue',
      'client-fin',
      'server-fin',
    ]) {
      expect(cfg).toMatch(new RegExp(`^    timeout ${t} \\d+s$`, 'm'));
    }
    expect(cfg).toContain('timeout tunnel 1h');
    expect(cfg).not.toMatch(/^\s*daemon/m);
    expect(cfg).toContain('log stdout format raw local0');
  });

  it('sends no unknown host or path anywhere', () => {
    const cfg = cfgOf();
    expect(cfg.match(/default_backend \S+/g)).toEqual(['default_backend not_found', 'default_backend not_found']);
    expect(cfg).toContain('backend not_found\n    # Everything no route maps ends here');
    expect(cfg).toContain('http-request return status 404');
    expect(cfg.slice(cfg.indexOf('\nbackend not_found\n'))).not.toContain('server');
    // Every routing rule names its host; there is no rule without one.
    for (const line of cfg.split('\n').filter((l) => l.includes('use_backend')))
      expect(line).toMatch(/ if host_[a-z.]+ \{ path_beg \//);
  });

  it('picks the certificate by SNI and answers 421 when the Host header names another host', () => {
    const cfg = cfgOf();
    const bind = cfg.split('\n').find((l) => l.includes('bind :443'))!;
    expect(bind.match(/ crt \/etc\/portolan\/certs\/[a-z.]+\.crt/g)).toHaveLength(5);
    expect(cfg).toContain('ssl-load-extra-del-ext');
    expect(cfg).toContain('http-request return status 421');
    expect(cfg).toContain('ssl_fc_sni');
  });

  it('redirects each TLS host to HTTPS with 301, naming the host itself', () => {
    const cfg = cfgOf();
    expect(cfg).toContain(
      'http-request redirect prefix https://auth.example.com code 301 if { var(txn.host) -m str auth.example.com }',
    );
    expect(cfg.match(/redirect prefix/g)).toHaveLength(5);
  });

  it('matches prefixes and escaped paths as sent, serves a path once, keeps plain HTTP beside the redirects', () => {
    const cfg = cfgOf(edgeProject());
    expect(cfg).toContain('use_backend be_mgmt_80 if host_auth.example.com { path_beg /admin }');
    expect(cfg).toContain('use_backend be_nextauth_8889 if host_alt.example.com { path_beg /a%20b%22c%5Cd%3B%7B }');
    expect(cfg).toContain('# twice: auth.example.com/admin is already routed above; not served twice');
    // The plain site shares port 80 with the redirect, which leaves it out of the redirects.
    expect(cfg).toContain('use_backend be_mgmt_82 if host_plain.example.com { path_beg / }');
    expect(cfg).not.toContain('https://plain.example.com');
    expect(cfg).toContain('http-request redirect prefix https://alt.example.com:8443 code 301');
    expect(cfg).toMatch(
      /backend be_nextauth_8009_tls\n[^]*?server-template nextauth 1 nextauth:8009 ssl verify none check/,
    );
  });

  it('takes a combined PEM, or a key beside the certificate, and refuses a key HAProxy would not find', () => {
    const plan = handBuiltPlan('haproxy');
    const proxy = plan.proxies[0]!;
    const run = (certificate: (host: string) => { cert: string; key: string }) =>
      exportHaproxy(proxy, plan, { random: random(), override: { certificate } });
    expect(() => run((h) => ({ cert: `/x/${h}.pem`, key: `/x/${h}.pem` }))).not.toThrow();
    expect(() => run((h) => ({ cert: `/x/${h}.pem`, key: `/x/${h}.key` }))).not.toThrow();
    expect(() => run((h) => ({ cert: `/x/${h}.pem`, key: `/y/${h}.key` }))).toThrow(/reads the key/);
  });
});
