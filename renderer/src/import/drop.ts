/**
 * What a file dropped on the window (or picked in the import dialog) is, by its name: a compose
 * file, an `.env` file, a reverse-proxy configuration, or another file a compose file may
 * refer to. Names are all the page has before reading a file, and they are what the user sees:
 * a guess here is always shown in the dialog, where the user can move or remove it.
 */
import { isPictureName } from '../picture/picture-names';
import { baseNameOf } from './file-match';

export type ImportRole = 'compose' | 'env' | 'proxy' | 'other';

/** `compose.yaml`, `docker-compose.yml`, `docker-compose.override.yml`, `compose.prod.yaml`, `app.compose.yml`. */
const COMPOSE_NAME = /^(?:(?:docker-)?compose(?:\.[^/\\]+)?|[^/\\]+\.compose)\.ya?ml$/i;
/** `.env`, `.env.production`, `prod.env`. */
const ENV_NAME = /^(?:\.env(?:\..+)?|.+\.env)$/i;
/** nginx (`*.conf`), HAProxy (`haproxy.cfg`), Caddy (`Caddyfile`, `*.caddyfile`), Traefik (`traefik*.yml`, `dynamic*.yml`). */
const PROXY_NAME =
  /^(?:.+\.conf|.*haproxy.*\.cfg|caddyfile(?:\..+)?|.+\.caddyfile|(?:traefik|dynamic)[^/\\]*\.(?:ya?ml|toml))$/i;
/** A Portolan project file: opened, not imported. */
const PROJECT_NAME = /\.portolan\.ya?ml$/i;

/** The role a file of this name plays in an import. */
export function importRoleOf(name: string): ImportRole {
  const base = baseNameOf(name);
  if (PROJECT_NAME.test(base)) return 'other';
  if (COMPOSE_NAME.test(base)) return 'compose';
  if (ENV_NAME.test(base)) return 'env';
  if (PROXY_NAME.test(base)) return 'proxy';
  return 'other';
}

export function isComposeName(name: string): boolean {
  return importRoleOf(name) === 'compose';
}

/**
 * The order `docker compose` reads its default files in: the base file, then the override,
 * then the rest by name — so a dropped `docker-compose.yml` + `docker-compose.override.yml`
 * merge as compose merges them without `-f`.
 */
function composeRank(name: string): number {
  const base = baseNameOf(name).toLowerCase();
  if (/^(?:docker-)?compose\.ya?ml$/.test(base)) return 0;
  if (/^(?:docker-)?compose\.override\.ya?ml$/.test(base)) return 1;
  return 2;
}

export function orderComposeFiles<T extends { readonly name: string }>(files: readonly T[]): T[] {
  return [...files].sort((a, b) => composeRank(a.name) - composeRank(b.name) || a.name.localeCompare(b.name));
}

/** What a drop on the window means. */
export type DropAction<T> =
  /** The files to import (projects and pictures among them left out); the dialog sorts them into its sections. */
  | { readonly kind: 'import'; readonly files: readonly T[] }
  /** A project file or picture: opened as before (the first file). */
  | { readonly kind: 'open'; readonly file: T }
  | { readonly kind: 'none' };

/**
 * A drop with a compose file among its files imports all of them (its `.env`, proxy configs,
 * the files it extends); anything else opens the first file, as a project file or a picture.
 * A project file or picture dropped together with compose files is not part of the import.
 */
export function classifyDrop<T extends { readonly name: string }>(files: readonly T[]): DropAction<T> {
  if (files.length === 0) return { kind: 'none' };
  if (files.some((f) => isComposeName(f.name))) {
    return {
      kind: 'import',
      files: files.filter((f) => !PROJECT_NAME.test(baseNameOf(f.name)) && !isPictureName(f.name)),
    };
  }
  return { kind: 'open', file: files[0]! };
}
