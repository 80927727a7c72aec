/**
 * Large configurations are read whole: a server with thousands of locations, a Traefik file with
 * a thousand routers, thousands of labelled services. How fast is the benchmark's to measure
 * (`npm run bench -- import`), not a test's: tests never assert times.
 */
import { describe, expect, it } from 'vitest';
import { importNginx } from '../../../../../shared/import/proxy/nginx-routes';
import { importTraefikFile } from '../../../../../shared/import/proxy/traefik-file';
import { importTraefikLabels } from '../../../../../shared/import/proxy/traefik-labels';

function nginxServer(n: number): string {
  const locations = Array.from(
    { length: n },
    (_, i) => `  location /p${i}/ { proxy_pass http://u:${1 + (i % 60000)}; proxy_set_header Host $host; }`,
  );
  return `http {\nserver {\n  listen 443 ssl; server_name big.example.com; ssl_certificate c;\n  set $t 1; proxy_set_header X-A 1;\n${locations.join('\n')}\n}\n}\n`;
}

function labelled(n: number) {
  const at = { file: 'compose.yml', line: 1, column: 1 };
  return Array.from({ length: n }, (_, i) => ({
    service: `svc${i}`,
    labels: [
      { key: `traefik.http.routers.r${i}.rule`, value: `Host(\`h${i}.example.com\`)`, at },
      { key: `traefik.http.routers.r${i}.entrypoints`, value: 'web', at },
      { key: `traefik.http.services.s${i}.loadbalancer.server.port`, value: '8080', at },
    ],
  }));
}

describe('proxy import at scale', () => {
  it('nginx: a server with thousands of locations is read', () => {
    const value = importNginx(nginxServer(3_000), 'nginx.conf');
    expect(value.ok && value.value.routes.length).toBe(3_000);
  });

  it('Traefik labels: thousands of labelled services are read', () => {
    const value = importTraefikLabels(labelled(3_000));
    expect(value.ok && value.value.routes.length).toBe(3_000);
  });

  it('Traefik: a dynamic file with 1,000 routers and services', () => {
    // Most of the time here is the YAML parser's, within the project loader's bounds.
    const lines = ['http:', '  routers:'];
    for (let i = 0; i < 1_000; i++) {
      lines.push(`    r${i}:`, `      rule: Host(\`h${i}.example.com\`) && PathPrefix(\`/p\`)`);
      lines.push(`      service: s${i}`, '      entryPoints:', '        - web');
    }
    lines.push('  services:');
    for (let i = 0; i < 1_000; i++) {
      lines.push(`    s${i}:`, '      loadBalancer:', '        servers:', `          - url: http://app${i}:80`);
    }
    const value = importTraefikFile(lines.join('\n'), 'dynamic.yml');
    expect(value.ok && value.value.routes.length).toBe(1_000);
  });
});
