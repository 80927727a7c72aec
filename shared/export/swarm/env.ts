import { NEXTAUTH_IMAGE_KINDS } from '../../catalog/index';
import { composeParts, envKinds } from '../kubernetes/env';
import type { DeploymentPlan, PlanService } from '../plan';
import { objectName } from './names';

/**
 * A service's environment in the stack, with no secret value in it. The plan writes each variable
 * for compose: `$$` for a literal `$`, `${NAME}` for a line of `.env`. Here:
 * - `.env`'s settings (project name, nextAuth registry and tag) are written in;
 * - a variable with no secret in it is written as it is (`$` still `$$`: `docker stack deploy`
 *   interpolates like compose);
 * - a variable that holds secrets, where the image reads it from a file (`NAME_FILE`), becomes
 *   `NAME_FILE: /run/secrets/…` on a Swarm secret: the `.env` secret itself when the value is just
 *   that secret, else a secret of the whole value (a database URI around its password) that
 *   secrets/create.sh puts together from the operator's files;
 * - any other variable that holds secrets keeps its `${NAME}` references, which `docker stack
 *   deploy` fills in from deploy.sh's environment: the value then sits in the service definition
 *   (`docker service inspect`), and README.md says so for each one.
 * Which images read `NAME_FILE`: nextAuth's own — every option holding a secret has a `_FILE`
 * form (nextAuth's deployment and configuration pages, S6/S7 in the reference) — and the official
 * database images, for the variables their entrypoints document.
 */

/** `docker-library` entrypoints' `file_env` variables, by database flavour. */
const DATABASE_FILE_VARS: Readonly<Record<string, ReadonlySet<string>>> = {
  mysql: new Set(['MYSQL_ROOT_PASSWORD', 'MYSQL_ROOT_HOST', 'MYSQL_DATABASE', 'MYSQL_USER', 'MYSQL_PASSWORD']),
  mariadb: new Set([
    'MARIADB_ROOT_PASSWORD',
    'MARIADB_ROOT_PASSWORD_HASH',
    'MARIADB_ROOT_HOST',
    'MARIADB_DATABASE',
    'MARIADB_USER',
    'MARIADB_PASSWORD',
    'MARIADB_PASSWORD_HASH',
    'MYSQL_ROOT_PASSWORD',
    'MYSQL_ROOT_HOST',
    'MYSQL_DATABASE',
    'MYSQL_USER',
    'MYSQL_PASSWORD',
  ]),
  postgres: new Set(['POSTGRES_PASSWORD', 'POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_INITDB_ARGS']),
};

/** Whether the service's image reads `name` from the file `name_FILE` names. */
export function readsFileForm(service: PlanService, name: string): boolean {
  const c = service.component;
  // An image of the architect's own (an override, an import) documents nothing Portolan knows.
  if (c.image !== undefined && c.image !== '') return false;
  if (NEXTAUTH_IMAGE_KINDS.has(c.kind)) return true;
  if (c.kind === 'database') return DATABASE_FILE_VARS[c.flavour ?? 'mysql']?.has(name) ?? false;
  return false;
}

/** A part of a composed secret: literal text, or the value of a `.env` secret. */
export type SecretPart = { readonly text: string } | { readonly ref: string };

/** A Swarm secret of the stack, and how secrets/create.sh makes it. */
export interface StackSecret {
  /** Key in the stack file's top-level `secrets:`. */
  readonly key: string;
  /** The swarm object's name (`external: true`). */
  readonly name: string;
  /** From the `.env` secret `ref`, or put together from parts, or from a file (relative to secrets/). */
  readonly source: { readonly ref: string } | { readonly parts: readonly SecretPart[] } | { readonly file: string };
}

/** A secret mounted in a service's container at /run/secrets/TARGET. */
export interface SecretMount {
  readonly key: string;
  readonly target: string;
}

export interface ServiceEnv {
  readonly environment: Readonly<Record<string, string>>;
  readonly mounts: readonly SecretMount[];
  /** `.env` secrets interpolated at deploy time, by variable. */
  readonly interpolated: ReadonlyMap<string, readonly string[]>;
}

/** `$` as compose writes it in a value (`$$`). */
const literal = (text: string): string => text.replaceAll('$', '$$$$');

/** The key of a `.env` secret in the stack: its own name (an environment variable name). */
export const envSecretKey = (ref: string): string => ref;

/** The stack's secrets and each service's environment, from the plan. */
export function stackEnvironment(
  plan: DeploymentPlan,
  stack: string,
): { readonly secrets: Map<string, StackSecret>; readonly services: Map<string, ServiceEnv> } {
  const { settings, secrets: envSecrets } = envKinds(plan);
  const secrets = new Map<string, StackSecret>();
  const services = new Map<string, ServiceEnv>();
  for (const s of plan.services) {
    const environment: Record<string, string> = {};
    const mounts = new Map<string, SecretMount>();
    const interpolated = new Map<string, string[]>();
    for (const v of s.environment) {
      // Settings are written in; a reference to a name `.env` does not hold cannot occur (the plan keeps only those).
      const parts = composeParts(v.composeValue).map((p): SecretPart => {
        if ('ref' in p && !envSecrets.has(p.ref)) return { text: settings.get(p.ref) ?? '' };
        return p;
      });
      const refs = parts.filter((p): p is { ref: string } => 'ref' in p).map((p) => p.ref);
      if (refs.length === 0) {
        environment[v.name] = literal(parts.map((p) => ('text' in p ? p.text : '')).join(''));
        continue;
      }
      if (!readsFileForm(s, v.name)) {
        environment[v.name] = parts.map((p) => ('ref' in p ? `\${${p.ref}}` : literal(p.text))).join('');
        interpolated.set(v.name, [...new Set(refs)]);
        continue;
      }
      let key: string;
      if (parts.length === 1) {
        key = envSecretKey(refs[0]!);
        if (!secrets.has(key)) secrets.set(key, { key, name: objectName(stack, key), source: { ref: refs[0]! } });
      } else {
        // A whole value of one service: its key names both, `.` keeps it apart from every `.env` name.
        key = `${s.name}.${v.name}`;
        secrets.set(key, { key, name: objectName(stack, s.name, v.name), source: { parts } });
      }
      mounts.set(key, { key, target: key });
      environment[`${v.name}_FILE`] = `/run/secrets/${key}`;
    }
    services.set(s.name, { environment, mounts: [...mounts.values()], interpolated });
  }
  return { secrets, services };
}
