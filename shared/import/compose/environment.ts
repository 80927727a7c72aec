/**
 * A service's environment as docker compose v2 builds it from `environment:` and `env_file:`
 * (compose-go `types.Project.WithServicesEnvironmentResolved`, `types.MappingWithEquals`,
 * `transform/envfile.go`; read at commit e70e961c3a3a):
 * - `environment:` is a list (`KEY=VAL`, `KEY=`, bare `KEY`) or a map (a null value is a bare
 *   `KEY`); a bare `KEY` takes the project's variable of that name (the shell, then `--env-file`),
 *   and stays unset when there is none — the container then does not get it;
 * - map values that YAML typed as numbers or booleans become text the way Go's `fmt.Sprint`
 *   writes them (`true`, `8080`, `1.5`, `1e+06`);
 * - `env_file:` is a path, a list of paths, or a list of `{path, required, format}` (`required`
 *   defaults to true; a missing optional file is skipped); the files are read in order with
 *   `dotenv-read.ts`, a later file overriding an earlier one, interpolating with the project's
 *   variables first and then the service's `environment:`;
 * - `environment:` overrides `env_file:`, a bare unresolved `KEY` included (`OverrideBy`).
 */
import type { ImportOutcome, ImportProblem, SourcePos } from '../types';
import { readDotenv, type EnvValues } from './dotenv-read';
import type { Lookup } from './interpolate';
import { resolveFrom } from './paths';
import { entryOf, type CMap, type CNode, type CScalar } from './tree';

export interface EnvEntry {
  readonly name: string;
  /** Undefined: a bare `KEY` that no variable resolves — compose leaves it unset in the container. */
  readonly value: string | undefined;
  /** Where the winning definition is written (the list item, the map key, or the line of the env file). */
  readonly at: SourcePos;
  readonly from: 'environment' | 'env_file';
}

export interface EnvironmentOptions {
  /** The project's variables (`composeLookup`: the shell over `--env-file`). */
  readonly lookup: Lookup;
  /** An env file's text, or undefined when it cannot be read. */
  readonly readFile: (path: string) => string | undefined;
  /**
   * Where the env file written as `path` at `at` is: by default next to the compose file that
   * names it. (compose resolves it against the project folder, which is that folder for the
   * first file; a caller merging files from other folders passes its own resolution.)
   */
  readonly resolvePath?: (path: string, at: SourcePos) => string;
}

class EnvError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

function fail(code: ImportProblem['code'], at: SourcePos, message: string): never {
  throw new EnvError({ code, severity: 'error', message, at });
}

/** Go's `strconv.FormatFloat(x, 'g', -1, 64)`, which `fmt.Sprint` uses for a float. */
export function goFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '+Inf' : '-Inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const [mantissa, exponent] = x.toExponential().split('e') as [string, string];
  const exp = Number(exponent);
  // Shortest form: %e when the exponent is below -4 or at least 6 (strconv's eprec for shortest).
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(x);
}

/** A YAML scalar as the text compose gives the container (compose-go `mappingValue`). */
function scalarText(node: CScalar): string | undefined {
  const { value } = node;
  if (value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const written = node.source ?? String(value);
  const isFloat = !/^[-+]?0[xXoO]/.test(written) && /[.eE]|inf|nan/i.test(written);
  return isFloat ? goFloat(value) : String(value);
}

interface Declared {
  readonly value: string | undefined;
  readonly at: SourcePos;
}

/** `environment:` as written: name → value (undefined for a bare `KEY`), in order, the last of a name winning. */
function declaredEnvironment(node: CNode | undefined): Map<string, Declared> {
  const out = new Map<string, Declared>();
  if (node === undefined) return out;
  if (node.kind === 'scalar' && node.value === null) return out;
  if (node.kind === 'map') {
    for (const e of node.entries) {
      if (e.value.kind !== 'scalar')
        fail('wrong-type', e.value.at, `environment.${e.key} must be a string, number, boolean or null`);
      out.set(e.key, { value: scalarText(e.value), at: e.keyAt });
    }
    return out;
  }
  if (node.kind !== 'seq') return fail('wrong-type', node.at, 'environment must be a list of KEY=VALUE or a map');
  for (const item of node.items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string')
      fail('wrong-type', item.at, 'an environment list item must be a string KEY=VALUE');
    const text = item.value;
    const equals = text.indexOf('=');
    const name = equals < 0 ? text : text.slice(0, equals);
    if (name === '') fail('invalid-value', item.at, `environment item ${JSON.stringify(text)} has no variable name`);
    // compose-go MappingWithEquals: "environment variable X is declared with a trailing space".
    if (/\s$/.test(name))
      fail('invalid-value', item.at, `environment variable ${JSON.stringify(name)} is declared with a trailing space`);
    out.delete(name);
    out.set(name, { value: equals < 0 ? undefined : text.slice(equals + 1), at: item.at });
  }
  return out;
}

interface EnvFileRef {
  readonly path: string;
  readonly required: boolean;
  readonly at: SourcePos;
}

function requiredFlag(node: CNode): boolean {
  if (node.kind === 'scalar') {
    if (typeof node.value === 'boolean') return node.value;
    if (typeof node.value === 'string' && /^(true|false)$/i.test(node.value)) return /^true$/i.test(node.value);
  }
  return fail('invalid-value', node.at, 'env_file required must be true or false');
}

/** `env_file:` in its three shapes (compose-go `transformEnvFile`), in order. */
function envFileRefs(node: CNode | undefined): EnvFileRef[] {
  if (node === undefined || (node.kind === 'scalar' && node.value === null)) return [];
  if (node.kind === 'scalar') {
    if (typeof node.value !== 'string') fail('wrong-type', node.at, 'env_file must be a path or a list of paths');
    return [{ path: node.value, required: true, at: node.at }];
  }
  if (node.kind !== 'seq') return fail('wrong-type', node.at, 'env_file must be a path or a list of paths');
  return node.items.map((item): EnvFileRef => {
    if (item.kind === 'scalar' && typeof item.value === 'string')
      return { path: item.value, required: true, at: item.at };
    if (item.kind !== 'map')
      return fail('wrong-type', item.at, 'an env_file item must be a path or a map with path, required, format');
    for (const e of item.entries)
      if (!['path', 'required', 'format'].includes(e.key))
        fail('invalid-value', e.keyAt, `env_file has no option ${JSON.stringify(e.key)} (path, required, format)`);
    const path = entryOf(item, 'path');
    if (path === undefined) return fail('invalid-value', item.at, 'an env_file item needs a path');
    if (path.value.kind !== 'scalar' || typeof path.value.value !== 'string')
      return fail('wrong-type', path.value.at, 'env_file path must be a string');
    const format = entryOf(item, 'format');
    if (format !== undefined) {
      const f = format.value.kind === 'scalar' ? format.value.value : undefined;
      // compose-go dotenv.ParseWithFormat knows only the default format.
      if (f !== null && f !== '' && f !== '.env')
        fail('invalid-value', format.value.at, `unsupported env_file format ${JSON.stringify(f)}`);
    }
    const required = entryOf(item, 'required');
    return {
      path: path.value.value,
      required: required === undefined ? true : requiredFlag(required.value),
      at: path.value.at,
    };
  });
}

/**
 * The environment of `service` (a service's map in the loaded compose tree) in compose's order:
 * the variables only an env file sets, in the order first set, then those of `environment:` in
 * theirs; each with its winning value. Errors are coded with the position of the offending
 * item, env file line, or `env_file` entry.
 */
export function serviceEnvironment(service: CMap, options: EnvironmentOptions): ImportOutcome<readonly EnvEntry[]> {
  const warnings: ImportProblem[] = [];
  try {
    const declared = declaredEnvironment(entryOf(service, 'environment')?.value);
    const environment = new Map<string, Declared>();
    for (const [name, d] of declared) environment.set(name, { value: d.value ?? options.lookup(name), at: d.at });
    const resolve = options.resolvePath ?? ((path, at) => resolveFrom(at.file, path));
    // Env files interpolate with the project's variables, then the service's environment.
    const lookup: Lookup = (name) => options.lookup(name) ?? environment.get(name)?.value;
    let fromFiles: EnvValues = new Map();
    for (const ref of envFileRefs(entryOf(service, 'env_file')?.value)) {
      const path = resolve(ref.path, ref.at);
      const text = options.readFile(path);
      if (text === undefined) {
        if (ref.required) fail('file-not-found', ref.at, `env file ${path} not found`);
        warnings.push({
          code: 'file-not-found',
          severity: 'warning',
          message: `env file ${path} not found; skipped, as it is not required`,
          at: ref.at,
        });
        continue;
      }
      const read = readDotenv(text, path, { lookup, initial: fromFiles });
      if (!read.ok) return { ok: false, problems: [...read.problems, ...warnings] };
      warnings.push(...read.warnings);
      fromFiles = read.value;
    }
    const entries: EnvEntry[] = [];
    for (const [name, v] of fromFiles)
      if (!environment.has(name)) entries.push({ name, value: v.value, at: v.at, from: 'env_file' });
    for (const [name, d] of environment) entries.push({ name, value: d.value, at: d.at, from: 'environment' });
    return { ok: true, value: entries, warnings };
  } catch (error) {
    if (error instanceof EnvError) return { ok: false, problems: [error.problem, ...warnings] };
    throw error;
  }
}
