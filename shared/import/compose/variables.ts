/**
 * The variables compose interpolates a compose file with: the process environment first, then
 * the `--env-file` files (by default the project folder's `.env`). The shell wins, as in docker
 * compose v2: compose-go `cli.WithDotEnv` reads the files with the process environment as their
 * lookup and then `Environment.Merge`s them in, which only adds names the environment lacks.
 */
import type { ImportOutcome, ImportProblem, SourcePos } from '../types';
import { readDotenv, type EnvValue, type EnvValues } from './dotenv-read';
import type { Lookup } from './interpolate';

/** The process environment as Node's `process.env` holds it (the caller passes it in: `shared/` has no Node). */
export type ProcessEnv = Readonly<Record<string, string | undefined>>;

/** A name in the process environment (own keys only: `constructor` or `__proto__` are not variables). */
export function processLookup(env: ProcessEnv): Lookup {
  return (name) => {
    if (!Object.hasOwn(env, name)) return undefined;
    const value = env[name];
    return typeof value === 'string' ? value : undefined;
  };
}

/** compose's lookup: the process environment over the values read from the env files. */
export function composeLookup(env: ProcessEnv, envFiles: EnvValues): Lookup {
  const shell = processLookup(env);
  return (name) => shell(name) ?? envFiles.get(name)?.value;
}

/** Where a path given on the command line is reported (there is no line in a file to point at). */
const commandLine = (path: string): SourcePos => ({ file: path, line: 1, column: 1 });

/**
 * Reads the `--env-file` files in order, as compose-go `dotenv.GetEnvFromFile` does: each file
 * is read with the process environment and the values of the files before it as its lookup,
 * and a later file's value replaces an earlier one. A file that cannot be read is an error
 * (`couldn't find env file`), as it is for compose.
 */
export function readEnvFiles(
  paths: readonly string[],
  readFile: (path: string) => string | undefined,
  env: ProcessEnv,
): ImportOutcome<EnvValues> {
  const shell = processLookup(env);
  let values: EnvValues = new Map<string, EnvValue>();
  const warnings: ImportProblem[] = [];
  for (const path of paths) {
    const text = readFile(path);
    if (text === undefined)
      return {
        ok: false,
        problems: [
          {
            code: 'file-not-found',
            severity: 'error',
            message: `couldn't find env file: ${path}`,
            at: commandLine(path),
          },
          ...warnings,
        ],
      };
    const read = readDotenv(text, path, { lookup: shell, initial: values });
    if (!read.ok) return { ok: false, problems: [...read.problems, ...warnings] };
    warnings.push(...read.warnings);
    values = read.value;
  }
  return { ok: true, value: values, warnings };
}
