import type { ComponentKind, EnvValue, Flavour, Publish } from '../model/types';

/**
 * What a component starts with when the architect drops it on the canvas: the variables its
 * kind needs (secrets generated at export, the license as an operator input) and, for a
 * reverse proxy, the published ports. Values that depend on the rest of the drawing (the
 * WebSocket URL, the database URI) are left for the checker's quick fixes.
 */
export interface ComponentDefaults {
  readonly environment: Readonly<Record<string, EnvValue>>;
  readonly publish: readonly Publish[];
}

const SECRET: EnvValue = { type: 'secret', length: 32 };

const DATABASE_ENV: Readonly<Record<string, Readonly<Record<string, EnvValue>>>> = {
  mysql: {
    MYSQL_DATABASE: { type: 'literal', value: 'nextauth' },
    MYSQL_USER: { type: 'literal', value: 'nextauth' },
    MYSQL_PASSWORD: SECRET,
    MYSQL_ROOT_PASSWORD: SECRET,
  },
  mariadb: {
    MARIADB_DATABASE: { type: 'literal', value: 'nextauth' },
    MARIADB_USER: { type: 'literal', value: 'nextauth' },
    MARIADB_PASSWORD: SECRET,
    MARIADB_ROOT_PASSWORD: SECRET,
  },
  postgres: {
    POSTGRES_DB: { type: 'literal', value: 'nextauth' },
    POSTGRES_USER: { type: 'literal', value: 'nextauth' },
    POSTGRES_PASSWORD: SECRET,
  },
};

export function componentDefaults(kind: ComponentKind, flavour?: Flavour): ComponentDefaults {
  switch (kind) {
    case 'nextauth':
      return {
        environment: {
          NEXTAUTH_LICENSE: { type: 'input', prompt: 'License string issued by nextAuth' },
          NEXTAUTH_ROOT_API_KEY: SECRET,
        },
        publish: [],
      };
    case 'reverse-proxy':
    case 'nextauth-portmap':
      return {
        environment: {},
        publish: [
          { port: 'http', hostPort: 80 },
          { port: 'https', hostPort: 443 },
        ],
      };
    case 'database':
      return { environment: DATABASE_ENV[flavour ?? 'mysql'] ?? {}, publish: [] };
    default:
      return { environment: {}, publish: [] };
  }
}
