/** Helpers for the compose-structure tests: an in-memory file system and a fixed variable set. */
import { loadCompose, type LoadComposeOptions } from '../../../../../shared/import/compose/load';
import type { ComposeModel } from '../../../../../shared/import/compose/model';
import { toPlain } from '../../../../../shared/import/compose/tree';
import type { ImportOutcome } from '../../../../../shared/import/types';

/** `readFile` over a record of path → text, remembering every path asked for. */
export function memoryFs(files: Record<string, string>): {
  readFile: (path: string) => string | undefined;
  asked: string[];
} {
  const asked: string[] = [];
  return {
    asked,
    readFile: (path) => {
      asked.push(path);
      return Object.prototype.hasOwnProperty.call(files, path) ? files[path] : undefined;
    },
  };
}

export const lookupOf =
  (env: Record<string, string>) =>
  (name: string): string | undefined =>
    Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined;

/**
 * Loads the given files (in order, as `-f a -f b`) from `files`, with `env` as the variables.
 * Every other file in `files` can be reached through `extends`/`include`.
 */
export function load(
  order: readonly string[],
  files: Record<string, string>,
  options: Partial<LoadComposeOptions> & { env?: Record<string, string> } = {},
): ImportOutcome<ComposeModel> {
  const { readFile } = memoryFs(files);
  return loadCompose(
    order.map((path) => ({ path, text: files[path] ?? '' })),
    { lookup: lookupOf(options.env ?? {}), readFile, ...(options.profiles ? { profiles: options.profiles } : {}) },
  );
}

/** The active services as plain data, by name. */
export function plainServices(model: ComposeModel): Record<string, unknown> {
  return Object.fromEntries(model.services.map((s) => [s.name, toPlain(s.node)]));
}

/** The loaded model, failing the test with the problems when it did not load. */
export function loaded(outcome: ImportOutcome<ComposeModel>): ComposeModel {
  if (!outcome.ok) throw new Error(`did not load: ${JSON.stringify(outcome.problems)}`);
  return outcome.value;
}

/** The first problem as `code FILE:LINE:COL`, failing when it loaded. */
export function problemOf(outcome: ImportOutcome<unknown>): string {
  if (outcome.ok) throw new Error('loaded, but a problem was expected');
  const p = outcome.problems[0];
  if (p === undefined) throw new Error('no problem reported');
  return `${p.code} ${p.at.file}:${p.at.line}:${p.at.column}`;
}
