/**
 * What only nginx writes: Docker's resolver per request, WebSocket upgrades, default servers for
 * unknown names, decoded and quoted location paths. Everything every flavour must do — `nginx -t`
 * on every project, files, header, byte-stability, the test override, hostile values — is in
 * the shared table (test/support/proxy-cases.ts, run by proxy-exporters.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { base, configOf, edgeProject } from '../../../support/proxy-cases';

const nginx = (project = base('manual')) => configOf(project, 'nginx');

describe('nginx export content', () => {
  it("resolves service names per request through Docker's DNS", () => {
    const conf = nginx(base('ha'));
    expect(conf).toContain('resolver 127.0.0.11 valid=10s ipv6=off;');
    expect(conf).toContain(
      'set $target_nextauth_8009 http://nextauth:8009;\n            proxy_pass $target_nextauth_8009;',
    );
    expect(conf).not.toMatch(/proxy_pass http/);
  });

  it('upgrades WebSockets with long timeouts on wss routes only', () => {
    const conf = nginx();
    const ws = conf.slice(conf.indexOf('server_name auth.example.com;'));
    expect(ws.slice(0, ws.indexOf('\n    }'))).toMatch(
      /Upgrade \$http_upgrade;[^]*Connection \$connection_upgrade;[^]*proxy_read_timeout 1h;/,
    );
    expect(conf.match(/proxy_read_timeout 1h;/g)).toHaveLength(1);
  });

  it('refuses unknown host names on every port', () => {
    const conf = nginx();
    expect(conf).toContain(
      'listen 443 ssl default_server backlog=4096;\n        server_name _;\n        ssl_reject_handshake on;\n        return 404;',
    );
    // The listen backlog (export/capacity.ts) is a setting of the port, written once on its default server.
    expect(conf).toContain('listen 80 default_server backlog=4096;\n        server_name _;\n        return 404;');
  });

  it('re-encrypts with SNI when the route asks for it', () => {
    const conf = nginx(edgeProject());
    expect(conf).toContain('set $target_nextauth_8009 https://nextauth:8009;');
    expect(conf).toContain('proxy_ssl_server_name on;');
  });

  it('matches decoded paths, quoted; keeps escapes of control characters; serves a path once; redirects to 8443', () => {
    const conf = nginx(edgeProject());
    expect(conf).toContain('location ^~ "/a b\\"c\\\\d;{" {');
    // %0a decodes to a line break: written as given, so it can never start a new line.
    expect(conf).toContain('location ^~ /x%0a {');
    expect(conf).toContain('# twice: /admin is already routed above; not served twice');
    // /%61dmin decodes to /admin, the path nginx matches: the admin route after it is left out too.
    expect(conf).toContain('# admin: /admin is already routed above; not served twice');
    expect(conf).toMatch(/server_name alt\.example\.com;\n[^]*?return 301 https:\/\/\$host:8443\$request_uri;/);
  });
});
