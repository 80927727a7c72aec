import { portNumber } from '../catalog/index';
import type { Component } from '../model/types';

/**
 * How each upstream image is told which port to listen on, and how it is health-checked on
 * that port. A port override in the drawing must reach the container — otherwise the URIs,
 * upstreams and firewall tables would name a port nothing listens on. Only images whose docs
 * say how are configured here; nextAuth's own images document no port setting, so an override
 * on them states what the image listens on (see the catalog's notes) and changes no command.
 */

export interface Healthcheck {
  readonly test: readonly string[];
  readonly interval: string;
  readonly timeout: string;
  readonly retries: number;
}

const EVERY = { interval: '10s', timeout: '5s', retries: 5 } as const;

/** The catalog's port number for a kind's port, before any override (what the image listens on by default). */
function defaultPort(c: Component, port: string): number | undefined {
  return portNumber({ kind: c.kind, flavour: c.flavour, portOverrides: {} }, port);
}

/** The listening port when the drawing moves it off the image's default; undefined otherwise. */
function movedPort(c: Component, port: string): number | undefined {
  const actual = portNumber(c, port);
  return actual !== undefined && actual !== defaultPort(c, port) ? actual : undefined;
}

/**
 * Container command arguments that move a listening port, per image docs:
 * - mysql / mariadb: the entrypoint passes arguments starting with `-` to mysqld (`--port=N`);
 * - postgres: likewise to postgres (`-p N`);
 * - redis: `redis-server --port N`.
 * Redis Sentinel's port is written into its sentinel.conf instead (see sentinel.ts).
 */
export function listenCommand(c: Component): readonly string[] | undefined {
  if (c.kind === 'database') {
    const port = movedPort(c, 'db');
    if (port === undefined) return undefined;
    return c.flavour === 'postgres' ? ['-p', String(port)] : [`--port=${port}`];
  }
  if (c.kind === 'redis') {
    const port = movedPort(c, 'redis');
    return port === undefined ? undefined : ['redis-server', '--port', String(port)];
  }
  return undefined;
}

/** Health checks the upstream images document, on the port the container really listens on. */
export function healthcheckFor(c: Component): Healthcheck | undefined {
  if (c.kind === 'database') {
    const port = portNumber(c, 'db') ?? 3306;
    const moved = movedPort(c, 'db') !== undefined;
    if (c.flavour === 'postgres') {
      const p = moved ? ` -p ${port}` : '';
      return { test: ['CMD-SHELL', `pg_isready -U "$\${POSTGRES_USER:-postgres}"${p}`], ...EVERY };
    }
    if (c.flavour === 'mariadb') {
      // healthcheck.sh reads the port of the default configuration; a moved port is pinged directly
      // (mariadb-admin ping succeeds as soon as the server answers, without credentials).
      return moved
        ? { test: ['CMD', 'mariadb-admin', 'ping', '-h', '127.0.0.1', '-P', String(port)], ...EVERY }
        : { test: ['CMD', 'healthcheck.sh', '--connect', '--innodb_initialized'], ...EVERY };
    }
    return {
      test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1', ...(moved ? ['-P', String(port)] : [])],
      ...EVERY,
    };
  }
  if (c.kind === 'redis') {
    const moved = movedPort(c, 'redis');
    return { test: ['CMD', 'redis-cli', ...(moved !== undefined ? ['-p', String(moved)] : []), 'ping'], ...EVERY };
  }
  return undefined;
}
