/**
 * What the import reads from compose beyond a service's own keys, so a file Portolan exported
 * reads back without its x-portolan block: operator inputs (operator-inputs.ts), a reverse
 * proxy's publishes on other ports than 80 and 443 (proxy-publish.ts), a Sentinel's master from
 * nextauth's URI (sentinel-master.ts), the port an implied link reaches (links.ts), and which
 * proxy serves which configuration (routes.ts).
 */
import { describe, expect, it } from 'vitest';
import { importProject, type ImportResult } from '../../../../../shared/import/project/index';
import type { Component } from '../../../../../shared/model/types';

interface Case {
  readonly compose: string;
  readonly files?: Record<string, string>;
  readonly proxyConfigs?: readonly string[];
  readonly environment?: Record<string, string>;
}

function run({ compose, files = {}, proxyConfigs = [], environment = {} }: Case): ImportResult {
  const all: Record<string, string> = { 'docker-compose.yml': compose, ...files };
  const result = importProject({
    compose: [{ path: 'docker-compose.yml', text: compose }],
    envFiles: Object.hasOwn(all, '.env') ? ['.env'] : [],
    proxyConfigs: proxyConfigs.map((path) => ({ path, text: all[path]! })),
    profiles: [],
    environment,
    readFile: (p) => {
      const path = p.replace(/^\.\//, '');
      return Object.hasOwn(all, path) ? all[path] : undefined;
    },
    fallbackName: 'demo',
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.value;
}

const component = (r: ImportResult, id: string): Component => r.project.components.find((c) => c.id === id)!;

describe('operator inputs', () => {
  const compose = `services:
  nextauth:
    image: nextauth/nextauth:2.14
    environment:
      NEXTAUTH_WS_TLS_CERT: \${NEXTAUTH_WS_TLS_CERT}
      GREETING: hello\${EMPTY}
      QUIET: ""
`;
  const env = '# Fill in: Certificate of the WebSocket port (PEM)\nNEXTAUTH_WS_TLS_CERT=\nEMPTY=\n';

  it('a whole reference to a variable the env file leaves empty is an input, with its prompt', () => {
    const r = run({ compose, files: { '.env': env } });
    const environment = component(r, 'nextauth').environment;
    expect(environment.NEXTAUTH_WS_TLS_CERT).toEqual({
      type: 'input',
      prompt: 'Certificate of the WebSocket port (PEM)',
    });
    // Part of a value, or an empty value written as such, is what the file says.
    expect(environment.GREETING).toEqual({ type: 'literal', value: 'hello' });
    expect(environment.QUIET).toEqual({ type: 'literal', value: '' });
    expect(r.report.notes.some((n) => n.text.includes('an input the operator fills in') && n.at.line === 2)).toBe(true);
  });

  it('without a prompt above it, the variable and its file say what to fill in; the list form reads the same', () => {
    const r = run({
      compose: compose
        .replace(
          '    environment:\n      NEXTAUTH_WS_TLS_CERT: ${NEXTAUTH_WS_TLS_CERT}\n',
          '    environment:\n      - NEXTAUTH_WS_TLS_CERT=$NEXTAUTH_WS_TLS_CERT\n',
        )
        .replace('      GREETING: hello${EMPTY}\n      QUIET: ""\n', ''),
      files: { '.env': 'NEXTAUTH_WS_TLS_CERT=\n' },
    });
    expect(component(r, 'nextauth').environment.NEXTAUTH_WS_TLS_CERT).toEqual({
      type: 'input',
      prompt: 'NEXTAUTH_WS_TLS_CERT (left empty in .env)',
    });
  });

  it('a variable the process environment sets is not asked of the operator', () => {
    const r = run({ compose, files: { '.env': env }, environment: { NEXTAUTH_WS_TLS_CERT: '' } });
    expect(component(r, 'nextauth').environment.NEXTAUTH_WS_TLS_CERT).toEqual({ type: 'literal', value: '' });
  });
});

describe("a reverse proxy's publishes on other ports", () => {
  const compose = (ports: string) => `services:
  proxy:
    image: nginx:1.27
    ports:
${ports}
    volumes:
      - ./nginx/nginx.conf:/etc/nginx/nginx.conf:ro
  app:
    image: nextauth/nextauth-mgmt:2.14
`;
  const conf = (listen: number) => `events {}
http {
  server {
    listen ${listen} ssl;
    server_name login.example.com;
    ssl_certificate /c.crt;
    ssl_certificate_key /c.key;
    location / { proxy_pass http://app:80; }
  }
}
`;

  it('a port whose routes are https:// is the https port, the other one the http port', () => {
    const r = run({
      compose: compose('      - "9000:9000"\n      - "9080:9080"'),
      files: { 'nginx/nginx.conf': conf(9000) },
      proxyConfigs: ['nginx/nginx.conf'],
    });
    const proxy = component(r, 'proxy');
    expect(proxy.publish).toEqual([
      { port: 'https', hostPort: 9000 },
      { port: 'http', hostPort: 9080 },
    ]);
    expect(proxy.passThrough?.ports).toBeUndefined();
  });

  it('with no route to tell, a number ending in 443 is the TLS port', () => {
    const r = run({ compose: compose('      - "8080:8080"\n      - "8443:8443"') });
    expect(component(r, 'proxy').publish).toEqual([
      { port: 'http', hostPort: 8080 },
      { port: 'https', hostPort: 8443 },
    ]);
  });

  it("a host address is the publish's own; another container port is kept as written", () => {
    const r = run({ compose: compose('      - "127.0.0.1:8443:8443"\n      - "8080:80"\n      - "9000:9001"') });
    const proxy = component(r, 'proxy');
    expect(proxy.publish).toEqual([
      { port: 'http', hostPort: 8080 },
      { port: 'https', hostPort: 8443, hostIp: '127.0.0.1' },
    ]);
    expect(proxy.passThrough?.ports).toEqual(['9000:9001']);
  });

  it("0.0.0.0:80:80 and [::1]:443:443 stay the proxy's http and https publishes, on those addresses", () => {
    const r = run({ compose: compose('      - "0.0.0.0:80:80"\n      - "[::1]:443:443"') });
    expect(component(r, 'proxy').publish).toEqual([
      { port: 'http', hostPort: 80, hostIp: '0.0.0.0' },
      { port: 'https', hostPort: 443, hostIp: '::1' },
    ]);
    expect(component(r, 'proxy').passThrough?.ports).toBeUndefined();
  });
});

describe('links and routes', () => {
  it('a Sentinel URI names the master the Sentinel monitors, and nextauth reaches Redis only through it', () => {
    const r = run({
      compose: `services:
  nextauth:
    image: nextauth/nextauth:2.14
    environment:
      NEXTAUTH_KV_URI: redis-sentinel://sentinel:26379/auth.cache
    depends_on: [sentinel]
  sentinel:
    image: redis:7
    command: redis-sentinel /etc/sentinel.conf
    depends_on: [redis]
  redis:
    image: redis:7
`,
    });
    expect(component(r, 'sentinel').properties).toEqual({ master: 'auth.cache' });
    expect(component(r, 'nextauth').environment.NEXTAUTH_KV_URI).toBeUndefined();
    const links = r.project.links.map((l) => `${l.from}>${l.to}:${l.port}`).sort();
    expect(links).toContain('nextauth>sentinel:sentinel');
    expect(links).toContain('sentinel>redis:redis');
    expect(links).not.toContain('nextauth>redis:redis');
  });

  it('each of two proxies of one flavour serves the configuration it mounts', () => {
    const conf = (host: string) =>
      `events {}\nhttp { server { listen 443 ssl; server_name ${host}; ssl_certificate /c; ssl_certificate_key /k; location / { proxy_pass http://app:80; } } }\n`;
    const r = run({
      compose: `services:
  first:
    image: nginx:1.27
    volumes: ["./nginx-first/nginx.conf:/etc/nginx/nginx.conf:ro"]
  second:
    image: nginx:1.27
    volumes: ["./nginx-second/nginx.conf:/etc/nginx/nginx.conf:ro"]
  app:
    image: nextauth/nextauth-mgmt:2.14
`,
      files: { 'nginx-first/nginx.conf': conf('one.example.com'), 'nginx-second/nginx.conf': conf('two.example.com') },
      proxyConfigs: ['nginx-second/nginx.conf', 'nginx-first/nginx.conf'],
    });
    expect(r.project.routes.map((x) => `${x.via} ${x.host}`).sort()).toEqual([
      'first one.example.com',
      'second two.example.com',
    ]);
  });
});

describe('a Redis run several times', () => {
  const compose = (replicas: string) =>
    `services:\n  redis:\n    image: redis:7.4\n  redis-replica:\n    image: bitnami/redis:7.4\n${replicas}    environment:\n      REDIS_REPLICATION_MODE: slave\n`;

  it('is a custom container that keeps its replicas (the catalog Redis is one instance)', () => {
    for (const replicas of ['    scale: 2\n', '    deploy:\n      replicas: 3\n']) {
      const r = run({ compose: compose(replicas) });
      expect(component(r, 'redis').kind).toBe('redis');
      const replica = component(r, 'redis-replica');
      expect(replica).toMatchObject({ kind: 'container', image: 'bitnami/redis:7.4' });
      expect(replica.replicas).toBe(replicas.includes('3') ? 3 : 2);
    }
  });

  it('run once, it stays a Redis', () => {
    expect(component(run({ compose: compose('') }), 'redis-replica').kind).toBe('redis');
  });
});
