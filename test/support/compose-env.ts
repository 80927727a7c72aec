/**
 * `.env` and `${…}` interpolation as docker-compose (v1, the one the operator runs) applies them,
 * so that tests read an exported stack the way compose will: every string value of the compose
 * file has `$$` turned into `$`, `$NAME` / `${NAME}` replaced from `.env`, and the
 * `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}`, `${NAME?error}` forms applied. A
 * variable that `.env` does not define becomes the empty string, as in compose (which warns);
 * tests get the list of such names to fail on.
 */

export interface Dotenv {
  readonly vars: ReadonlyMap<string, string>;
  /** Names defined more than once (the last one wins, silently). */
  readonly duplicates: readonly string[];
  /** Lines compose cannot read as `NAME=value`. */
  readonly invalid: readonly string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `.env` as compose v1 reads it (python-dotenv): `NAME=value`, optional `export `, `#` comments;
 * single quotes keep the value literally, double quotes understand `\n`, `\"` and `\\`, and
 * unquoted or double-quoted values may refer to earlier names with `${NAME}`.
 */
export function parseDotenv(text: string): Dotenv {
  const vars = new Map<string, string>();
  const duplicates: string[] = [];
  const invalid: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([^=\s]+)\s*=\s*(.*)$/.exec(line);
    if (!m || !NAME.test(m[1]!)) {
      invalid.push(raw);
      continue;
    }
    const [, name, rest] = m as unknown as [string, string, string];
    let value: string;
    if (rest.startsWith("'")) {
      const end = rest.indexOf("'", 1);
      if (end < 0) {
        invalid.push(raw);
        continue;
      }
      value = rest.slice(1, end);
    } else if (rest.startsWith('"')) {
      let out = '';
      let i = 1;
      for (; i < rest.length && rest[i] !== '"'; i++) {
        if (rest[i] === '\\' && i + 1 < rest.length) {
          const next = rest[++i]!;
          out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        } else out += rest[i];
      }
      if (i >= rest.length) {
        invalid.push(raw);
        continue;
      }
      value = expandDotenv(out, vars);
    } else {
      value = expandDotenv(rest.replace(/\s+#.*$/, '').trim(), vars);
    }
    if (vars.has(name)) duplicates.push(name);
    vars.set(name, value);
  }
  return { vars, duplicates, invalid };
}

/** python-dotenv's own expansion inside `.env`: `${NAME}` and `${NAME:-default}` from earlier lines. */
function expandDotenv(value: string, vars: ReadonlyMap<string, string>): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_, name: string, fallback?: string) => {
    const v = vars.get(name);
    return v !== undefined && v !== '' ? v : (fallback ?? '');
  });
}

export class InterpolationError extends Error {}

// compose v1's pattern (compose/config/interpolation.py): `$$`, `$NAME`, `${NAME}`, `${NAME<sep>…}`;
// any other `$` is an error ("Invalid interpolation format").
const PLACEHOLDER = /\$(?:(\$)|([_A-Za-z][_A-Za-z0-9]*)|\{([_A-Za-z][_A-Za-z0-9]*)(?:(:?[-?])([^}]*))?\}|)/g;

/**
 * One string as compose interpolates it. `missing` collects the names that were not defined
 * (compose substitutes an empty string and prints a warning).
 */
export function interpolate(value: string, vars: ReadonlyMap<string, string>, missing?: Set<string>): string {
  return value.replace(
    PLACEHOLDER,
    (match, dollar?: string, bare?: string, braced?: string, sep?: string, arg?: string) => {
      if (dollar !== undefined) return '$';
      const name = bare ?? braced;
      if (name === undefined) {
        throw new InterpolationError(`invalid interpolation format in ${JSON.stringify(value)} at "${match}"`);
      }
      const v = vars.get(name);
      switch (sep) {
        case ':-':
          return v !== undefined && v !== '' ? v : (arg ?? '');
        case '-':
          return v ?? arg ?? '';
        case ':?':
          if (v !== undefined && v !== '') return v;
          throw new InterpolationError(`required variable ${name} is missing or empty: ${arg ?? ''}`);
        case '?':
          if (v !== undefined) return v;
          throw new InterpolationError(`required variable ${name} is missing: ${arg ?? ''}`);
        default:
          if (v === undefined) missing?.add(name);
          return v ?? '';
      }
    },
  );
}

/** Every string value of a parsed compose document, interpolated (keys are left alone, as compose does). */
export function interpolateTree(node: unknown, vars: ReadonlyMap<string, string>, missing?: Set<string>): unknown {
  if (typeof node === 'string') return interpolate(node, vars, missing);
  if (Array.isArray(node)) return node.map((x) => interpolateTree(x, vars, missing));
  if (node !== null && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = interpolateTree(v, vars, missing);
    return out;
  }
  return node;
}
