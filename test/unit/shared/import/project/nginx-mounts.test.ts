/**
 * An nginx configuration in the official image's layout, imported with its compose file: the
 * main file includes `/etc/nginx/conf.d/*.conf` and `/etc/nginx/snippets/…` by container paths,
 * which the import reads through the proxy service's bind mounts; the conf.d files given beside
 * it are read where the glob includes them (with the main file's upstreams), not again alone.
 */
import { describe, expect, it } from 'vitest';
import { importProject, type ImportInput } from '../../../../../shared/import/project/index';

const COMPOSE = `services:
  proxy:
    image: nginx:1.27
    ports: ["80:80", "443:443"]
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
      - type: bind
        source: ./nginx/sites
        target: /etc/nginx/conf.d
      - snippets:/etc/nginx/snippets
  nextauth:
    image: nextauth:2.14.1
    environment:
      NEXTAUTH_DEFAULT_WS_URL: wss://auth.example.com/
  mgmt:
    image: nextauth-mgmt:2.14.1
volumes:
  snippets: {}
`;

const MAIN = `events {}
http {
    upstream ws { server nextauth:8009; }
    include /etc/nginx/snippets/common.conf;
    include /etc/nginx/conf.d/*.conf;
}
`;

const AUTH = `server {
    listen 443 ssl;
    server_name auth.example.com;
    ssl_certificate /certs/auth.crt;
    ssl_certificate_key /certs/auth.key;
    location / {
        proxy_pass http://ws;
        proxy_http_version 1.1;
        proxy_set_header Upgrade $http_upgrade;
        proxy_set_header Connection "upgrade";
    }
}
`;

const ADMIN = `server {
    listen 443 ssl;
    server_name admin.example.com;
    ssl_certificate /certs/admin.crt;
    ssl_certificate_key /certs/admin.key;
    location / { proxy_pass http://mgmt:80; }
}
`;

function input(folder: string, proxyConfigs: string[], extra: Record<string, string> = {}): ImportInput {
  const at = (p: string) => (folder === '' ? p : `${folder}/${p}`);
  const files: Record<string, string> = {
    [at('docker-compose.yml')]: COMPOSE,
    [at('nginx/nginx.conf')]: MAIN,
    [at('nginx/sites/auth.conf')]: AUTH,
    [at('nginx/sites/admin.conf')]: ADMIN,
    ...extra,
  };
  const readFile = (p: string) => files[p];
  return {
    compose: [{ path: at('docker-compose.yml'), text: COMPOSE }],
    envFiles: [],
    proxyConfigs: proxyConfigs.map((p) => ({ path: at(p), text: files[at(p)]! })),
    profiles: [],
    environment: {},
    readFile,
    fallbackName: 'mounts',
  };
}

const routes = (i: ImportInput) => {
  const result = importProject(i);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return {
    urls: result.value.project.routes.map((r) => `${r.scheme}://${r.host}${r.path} ${r.target}:${r.port}`),
    notes: result.value.report.notes,
    warnings: result.value.report.warnings,
  };
};

describe('nginx includes read through the proxy service’s mounts', () => {
  const sites = ['nginx/sites/admin.conf', 'nginx/sites/auth.conf'];
  const expected = ['https://admin.example.com/ mgmt:dashboard', 'wss://auth.example.com/ nextauth:ws'];

  it('reads the conf.d files the glob names, with the upstreams of the main file, whatever the order given', () => {
    for (const order of [
      ['nginx/nginx.conf', ...sites],
      [...sites, 'nginx/nginx.conf'],
      [sites[1]!, 'nginx/nginx.conf', sites[0]!],
    ]) {
      const got = routes(input('', order));
      expect(got.urls, order.join(' ')).toEqual(expected);
      for (const site of sites)
        expect(got.notes).toContainEqual({
          kind: 'interpreted',
          text: `${site} is included by nginx/nginx.conf: its routes are read there`,
          at: { file: site, line: 1, column: 1 },
        });
    }
  });

  it('resolves the mounts from the compose file’s folder', () => {
    const got = routes(input('deploy', ['nginx/nginx.conf', ...sites]));
    expect(got.urls).toEqual(expected);
  });

  it('does not read a named volume as a folder of the host, and says the glob was not read when no site is given', () => {
    const got = routes(input('', ['nginx/nginx.conf'], { 'snippets/common.conf': 'server_tokens off;' }));
    expect(got.urls).toEqual([]);
    expect(got.warnings).toContainEqual(
      expect.objectContaining({ code: 'include-unknown-file', at: { file: 'nginx/nginx.conf', line: 4, column: 13 } }),
    );
    expect(got.notes).toContainEqual(
      expect.objectContaining({ kind: 'not-understood', at: { file: 'nginx/nginx.conf', line: 5, column: 5 } }),
    );
  });

  it('reads a site on its own when nothing given includes it', () => {
    const got = routes(input('', ['nginx/sites/admin.conf']));
    expect(got.urls).toEqual(['https://admin.example.com/ mgmt:dashboard']);
  });
});
