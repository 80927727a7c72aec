/**
 * A generated compose project for the `import` benchmark: SERVICES services across a main file
 * and a file of templates, using what real files use and what costs a reader most — anchors and
 * `<<` merges (shared logging/restart/healthcheck), `extends` within the file and from the
 * templates file, and interpolation with defaults from a `.env` — in the shape of a real nextAuth
 * deployment scaled out: nextauth/mgmt/portmap groups, databases, Redis, and custom services
 * that talk to them. Deterministic: the same size gives the same bytes.
 */

export interface ComposeBenchFiles {
  /** docker-compose.yml */
  readonly main: string;
  /** templates.yml, the target of `extends: { file: templates.yml }` */
  readonly templates: string;
  /** .env */
  readonly env: string;
}

const TEMPLATES = `version: "3.8"
services:
  hardened:
    read_only: true
    security_opt:
      - no-new-privileges:true
    cap_drop:
      - ALL
  nextauth-base:
    extends:
      service: hardened
    image: \${REGISTRY:-registry.example.com/}nextauth:\${NEXTAUTH_TAG:-2.14.1}
    environment:
      NEXTAUTH_LOG_LEVEL: \${LOG_LEVEL:-info}
    healthcheck:
      test: ["CMD", "/nextauth", "health"]
      interval: 30s
  app-base:
    extends:
      service: hardened
    environment:
      NODE_ENV: production
      TZ: \${TZ:-UTC}
    ulimits:
      nofile:
        soft: 65536
        hard: 65536
`;

/** The main file for `size` services (groups of ten: nextauth, mgmt, portmap, mysql, redis and five apps). */
export function composeBenchFiles(size: number): ComposeBenchFiles {
  const lines: string[] = [
    'version: "3.8"',
    '',
    'x-logging: &logging',
    '  driver: json-file',
    '  options:',
    '    max-size: "10m"',
    '    max-file: "3"',
    '',
    'x-defaults: &defaults',
    '  restart: unless-stopped',
    '  logging: *logging',
    '',
    'services:',
  ];
  const groups = Math.ceil(size / 10);
  let written = 0;
  const service = (name: string, body: string[]) => {
    if (written >= size) return;
    written++;
    lines.push(`  ${name}:`, '    <<: *defaults', ...body.map((l) => `    ${l}`));
  };
  for (let g = 0; g < groups; g++) {
    const db = `mysql-${g}`;
    const redis = `redis-${g}`;
    service(`nextauth-${g}`, [
      'extends:',
      '  file: templates.yml',
      '  service: nextauth-base',
      'environment:',
      `  NEXTAUTH_DB_URI: "mysql://nextauth:\${MYSQL_PASSWORD_${g}:?set it in .env}@${db}:3306/nextauth?loc=Local"`,
      `  NEXTAUTH_KV_URI: redis://${redis}:6379`,
      `  NEXTAUTH_DEFAULT_WS_URL: wss://auth-${g}.\${DOMAIN:-example.com}/`,
      `  NEXTAUTH_ROOT_API_KEY: \${ROOT_API_KEY_${g}}`,
      'deploy:',
      `  replicas: ${1 + (g % 3)}`,
      'networks:',
      `  - net-${g}`,
    ]);
    service(`mgmt-${g}`, [
      `image: \${REGISTRY:-registry.example.com/}nextauth-mgmt:\${NEXTAUTH_TAG:-2.14.1}`,
      'depends_on:',
      `  - nextauth-${g}`,
      'networks:',
      `  - net-${g}`,
    ]);
    service(`portmap-${g}`, [
      `image: \${REGISTRY:-registry.example.com/}nextauth-portmap:\${NEXTAUTH_TAG:-2.14.1}`,
      'ports:',
      `  - "\${BIND:-0.0.0.0}:${20000 + 2 * g}:443"`,
      `  - "${21000 + 2 * g}:80"`,
      'networks:',
      `  - net-${g}`,
    ]);
    service(db, [
      'image: mysql:${MYSQL_TAG:-8.4}',
      'environment:',
      '  MYSQL_DATABASE: nextauth',
      '  MYSQL_USER: nextauth',
      `  MYSQL_PASSWORD: \${MYSQL_PASSWORD_${g}}`,
      'volumes:',
      `  - ${db}-data:/var/lib/mysql`,
      'networks:',
      `  - net-${g}`,
    ]);
    service(redis, ['image: redis:${REDIS_TAG:-7.4-alpine}', 'networks:', `  - net-${g}`]);
    for (let a = 0; a < 5; a++) {
      const app = `app-${g}-${a}`;
      service(
        app,
        a === 0
          ? [
              'extends:',
              '  file: templates.yml',
              '  service: app-base',
              `image: ghcr.io/acme/app-${a}:\${APP_TAG:-1.0.${a}}`,
              'environment:',
              `  API_URL: http://nextauth-${g}:8888`,
              `  CACHE_URL: redis://${redis}:6379/${a}`,
              'ports:',
              `  - "127.0.0.1:${30000 + g * 10 + a}:8080"`,
              'networks:',
              `  - net-${g}`,
            ]
          : [
              'extends:',
              `  service: app-${g}-0`,
              `image: ghcr.io/acme/app-${a}:\${APP_TAG:-1.0.${a}}`,
              'environment:',
              `  WORKER_INDEX: "${a}"`,
              'ports: []',
            ],
      );
    }
  }
  lines.push('', 'networks:');
  for (let g = 0; g < groups; g++) lines.push(`  net-${g}: {}`);
  lines.push('', 'volumes:');
  for (let g = 0; g < groups; g++) lines.push(`  mysql-${g}-data: {}`);
  const env = ['DOMAIN=bench.example', 'NEXTAUTH_TAG=2.14.1'];
  for (let g = 0; g < groups; g++) {
    env.push(`MYSQL_PASSWORD_${g}=bench-mysql-password-${String(g).padStart(4, '0')}`);
    env.push(`ROOT_API_KEY_${g}=bench-root-api-key-${String(g).padStart(12, '0')}`);
  }
  return { main: `${lines.join('\n')}\n`, templates: TEMPLATES, env: `${env.join('\n')}\n` };
}
