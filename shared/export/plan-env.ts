import { isDeployed } from '../catalog/index';
import { literalSecret, secretText } from '../catalog/literal-secrets';
import { connectionsOf, lookupOf, type Connection } from '../connections/index';
import { ENV_NAME_PATTERN } from '../model/constraints';
import { isEscapedAt, unescapeReferences } from '../model/literal-text';
import type { Component, EnvValue, Project } from '../model/types';
import { dotenvValue } from './dotenv';
import { generateSecret } from './random';
import type { ExportOptions } from './types';

/**
 * The environment half of the deployment plan: the lines of `.env` (settings, generated
 * secrets, operator inputs, secrets moved out of the project) and, for each deployed
 * component, the variables the compose file gives it, literal or referring to `.env`.
 */

export interface PlanVariable {
  readonly name: string;
  /** For compose: a literal (with `${…}` references kept) or a reference to `.env`. */
  readonly composeValue: string;
}

/** A line of `.env`. */
export interface EnvEntry {
  readonly name: string;
  readonly value: string;
  readonly comment?: string;
  /**
   * A secret the architect typed into the project (NA046), moved here so the compose file only
   * references it: its value is the project's, not generated and not the operator's.
   */
  readonly fromProject?: true;
}

export interface EnvGroup {
  readonly title: string;
  readonly entries: readonly EnvEntry[];
}

/** nextAuth images are pulled from a registry the operator can change in `.env`. */
export const REGISTRY_VAR = 'PORTOLAN_NEXTAUTH_REGISTRY';
export const TAG_VAR = 'PORTOLAN_NEXTAUTH_TAG';

/**
 * The `.env` note on the nextAuth tag. `latest` (rule NA052) is written as the project has it —
 * the operator pins it here — and the note says so. (An empty tag never gets here: NA027 refuses
 * it; an operator who empties the value makes docker-compose stop, see plan.ts.)
 */
function tagComment(tag: string): string {
  if (tag === 'latest')
    return 'Tag of the nextAuth images. "latest" is not a version: set the one nextAuth supplied, so every host runs the same server.';
  return 'Tag of the nextAuth images (the version this deployment runs).';
}

/** The COMPOSE_PROJECT_NAME: lower-case letters, digits, `-` and `_`, starting with a letter or digit. */
export function composeProjectName(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[^a-z0-9]+|-+$/g, '');
  return slug || 'nextauth';
}

// `${NAME}` with NAME an environment variable name (the pattern's own anchors dropped).
const REFERENCE = new RegExp(`\\$\\{(${ENV_NAME_PATTERN.source.slice(1, -1)})\\}`, 'g');
// Any `${…}`: an escaped one (`$${…}`, literal-text.ts) is text whatever it holds.
const ANY_REFERENCE = /\$\{[^}]*\}/g;

/** Names a literal refers to with `${NAME}` (not the escaped `$${NAME}`, which is text). */
export function referencesIn(value: string): string[] {
  return [...value.matchAll(REFERENCE)].filter((m) => !isEscapedAt(value, m.index!)).map((m) => m[1]!);
}

/**
 * A literal for compose: `${NAME}` references to variables of `.env` stay (compose fills them
 * in), an escaped `$${…}` stays compose's escape, and every other `$` is doubled so compose keeps
 * it as text.
 */
export function composeLiteral(value: string, envNames: ReadonlySet<string>): string {
  let out = '';
  let last = 0;
  for (const m of value.matchAll(ANY_REFERENCE)) {
    const escaped = isEscapedAt(value, m.index!);
    out += value.slice(last, escaped ? m.index! - 1 : m.index).replaceAll('$', '$$$$');
    const name = m[0].slice(2, -1);
    // Escaped (its `$` consumed above), or naming no variable of `.env`: text, every `$` doubled.
    out += !escaped && ENV_NAME_PATTERN.test(name) && envNames.has(name) ? m[0] : m[0].replaceAll('$', '$$$$');
    last = m.index! + m[0].length;
  }
  return out + value.slice(last).replaceAll('$', '$$$$');
}

/** Where a moved secret went: the `.env` name, and for a URI's password the span it replaces. */
interface MovedReference {
  readonly env: string;
  readonly start?: number;
  readonly end?: number;
}

/** Whether `.env` can hold the value (it cannot hold a single quote or a line break; dotenv.ts decides). */
function dotenvWritable(value: string): boolean {
  try {
    dotenvValue(value);
    return true;
  } catch {
    return false;
  }
}

/** A component id as part of a variable name: upper case, `_` for anything else. */
const nameSlug = (id: string): string => id.toUpperCase().replace(/[^A-Z0-9_]/g, '_');

/**
 * The `.env` lines and compose references for every literal secret (`literalSecret`, the test
 * NA046 and the export dialog's masking use) of the deployed components. A whole value moves
 * under its own variable name, a URI's password under `NAME_PASSWORD` (the rest of the URI stays
 * readable in compose). `.env` is one namespace: a name already taken — by a generated secret,
 * an input, or another component's different value — gets the component id added
 * (`MYSQL_PASSWORD_DB2_SECRET`); the same value under the same name is written once. Every
 * derived name ends like a secret (`isSecretName`), so the export dialog masks it by name too.
 */
export function moveLiteralSecrets(
  deployed: readonly Component[],
  taken: ReadonlySet<string>,
): {
  readonly entries: ReadonlyMap<string, EnvEntry[]>;
  readonly references: ReadonlyMap<string, ReadonlyMap<string, MovedReference>>;
} {
  const entries = new Map<string, EnvEntry[]>();
  const references = new Map<string, Map<string, MovedReference>>();
  const values = new Map<string, string>(); // .env name → moved value
  const free = (name: string, value: string) => !taken.has(name) && (values.get(name) ?? value) === value;
  for (const c of deployed) {
    for (const name of Object.keys(c.environment).sort()) {
      const v = c.environment[name] as EnvValue;
      if (v.type !== 'literal' || v.value === '') continue;
      const secret = literalSecret(c, name, v.value);
      if (secret === undefined) continue;
      // `.env` does not interpolate: it holds the text the literal stands for.
      const value = unescapeReferences(secretText(v.value, secret));
      const uri = secret.kind === 'uri-password';
      const preferred = uri ? `${name}_PASSWORD` : name;
      let env = preferred;
      if (!free(env, value)) {
        const suffix = uri ? '_PASSWORD' : '_SECRET';
        const base = `${name}_${nameSlug(c.id)}`;
        env = `${base}${suffix}`;
        for (let i = 2; !free(env, value); i++) env = `${base}_${i}${suffix}`;
      }
      if (!values.has(env)) {
        values.set(env, value);
        const writable = dotenvWritable(value);
        const list = entries.get(c.id) ?? [];
        list.push({
          name: env,
          value: writable ? value : '',
          comment: writable
            ? `Secret for ${c.name}, typed into the project (${uri ? `the password inside ${name}` : name}); kept out of docker-compose.yml.`
            : `Fill in: ${uri ? `the password inside ${name}` : name} of ${c.name}. The value typed into the project holds a quote, which .env cannot hold.`,
          fromProject: true,
        });
        entries.set(c.id, list);
      }
      const refs = references.get(c.id) ?? new Map<string, MovedReference>();
      refs.set(name, uri ? { env, start: secret.start, end: secret.end } : { env });
      references.set(c.id, refs);
    }
  }
  return { entries, references };
}

/** What buildPlan takes from the environment planning. */
export interface EnvPlan {
  /** `.env`: settings first, then every secret and input, grouped by component. */
  readonly env: EnvGroup[];
  /** Compose variables of each deployed component, by component id, sorted by name. */
  readonly variablesOf: ReadonlyMap<string, PlanVariable[]>;
  /** nextauth's connections derived from the drawing (or overridden). */
  readonly connections: Connection[];
}

/** The `.env` groups and every deployed component's compose variables. */
export function planEnvironment(project: Project, deployed: readonly Component[], options: ExportOptions): EnvPlan {
  // .env: settings first, then every secret and input, grouped by component.
  const env: EnvGroup[] = [
    {
      title: 'Deployment',
      entries: [
        {
          name: 'COMPOSE_PROJECT_NAME',
          value: composeProjectName(project.meta.name),
          comment: 'Names the containers, networks and volumes.',
        },
        {
          name: REGISTRY_VAR,
          value: project.settings.registry === '' ? '' : `${project.settings.registry.replace(/\/+$/, '')}/`,
          comment: 'Registry prefix of the nextAuth images (empty: Docker Hub or a local image).',
        },
        { name: TAG_VAR, value: project.settings.tag, comment: tagComment(project.settings.tag) },
      ],
    },
  ];
  const envNames = new Set<string>(['COMPOSE_PROJECT_NAME', REGISTRY_VAR, TAG_VAR]);
  const variablesOf = new Map<string, PlanVariable[]>();
  const secretEntries = (c: Component, names: readonly string[]): EnvEntry[] => {
    const entries: EnvEntry[] = [];
    for (const name of names) {
      const v = c.environment[name] as EnvValue;
      if (v.type === 'secret') {
        entries.push({
          name,
          value: generateSecret(options.random, v.length),
          comment: `Secret for ${c.name}, generated at export (${v.length} characters).`,
        });
        envNames.add(name);
      } else if (v.type === 'input') {
        entries.push({ name, value: '', comment: `Fill in: ${v.prompt}` });
        envNames.add(name);
      }
    }
    return entries;
  };
  const deployedEntries = deployed.map((c) => secretEntries(c, Object.keys(c.environment).sort()));

  // Connections derived from the drawing (a link nextauth → database / Redis / Sentinel is the
  // connection). The account of a server the customer runs comes from that component's own
  // variables; its password is an operator input, so it joins `.env` here.
  const lookup = lookupOf(project);
  const connections: Connection[] = [];
  const outsideAccounts = new Set<Component>();
  const outsideGroups: EnvGroup[] = [];
  for (const c of deployed) {
    if (c.kind !== 'nextauth') continue;
    const { database, kv } = connectionsOf(lookup, c);
    for (const conn of [database, kv]) {
      if (conn === undefined) continue;
      connections.push(conn);
      if (conn.account && !isDeployed(conn.target)) outsideAccounts.add(conn.target);
    }
  }
  for (const target of outsideAccounts) {
    const names = connections
      .filter((conn) => conn.target === target && conn.account)
      .map((conn) => conn.account!.passwordVar);
    const entries = secretEntries(target, [...new Set(names)].sort());
    if (entries.length > 0)
      outsideGroups.push({ title: `${target.name} (${target.id}, run by the customer)`, entries });
  }

  // Secrets typed into the project in clear text (NA046) never reach docker-compose.yml (0644):
  // each moves into `.env` (0600) and compose references it. Named last, once every generated
  // and input name is known, so a moved value never takes the line of another.
  const moved = moveLiteralSecrets(deployed, envNames);
  deployed.forEach((c, i) => {
    const entries = [...deployedEntries[i]!, ...(moved.entries.get(c.id) ?? [])].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    if (entries.length > 0) env.push({ title: `${c.name} (${c.id})`, entries });
  });
  env.push(...outsideGroups);

  for (const c of deployed) {
    const variables = new Map<string, string>();
    const movedHere = moved.references.get(c.id);
    for (const name of Object.keys(c.environment)) {
      const v = c.environment[name] as EnvValue;
      const reference = movedHere?.get(name);
      variables.set(
        name,
        v.type !== 'literal'
          ? `\${${name}}`
          : reference === undefined
            ? composeLiteral(v.value, envNames)
            : reference.start === undefined
              ? `\${${reference.env}}`
              : `${composeLiteral(v.value.slice(0, reference.start), envNames)}\${${reference.env}}${composeLiteral(v.value.slice(reference.end), envNames)}`,
      );
    }
    // A derived connection fills its variable unless the architect typed an override (checked by NA034).
    for (const conn of connections) {
      if (conn.source !== c || conn.uri === undefined || variables.has(conn.variable)) continue;
      variables.set(conn.variable, composeLiteral(conn.uri, envNames));
    }
    variablesOf.set(
      c.id,
      [...variables.keys()].sort().map((name) => ({ name, composeValue: variables.get(name)! })),
    );
  }

  return { env, variablesOf, connections };
}
