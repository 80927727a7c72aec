/**
 * How the compose-structure passes stop: deep inside a recursive merge or an `extends` chain
 * the first error ends the import (as `docker compose` stops at its first error), so it is
 * thrown as an ImportFailure and turned back into an ImportOutcome at the module's edge
 * (`loadCompose`, `readComposeDocument`). Nothing else is caught: a bug still surfaces as a bug.
 */
import type { ImportCode, ImportOutcome, ImportProblem, SourcePos } from '../types';

export class ImportFailure extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

/** Throws the coded error at `at`. */
export function fail(code: ImportCode, message: string, at: SourcePos): never {
  throw new ImportFailure({ code, severity: 'error', message, at });
}

/**
 * Runs `body`, turning an ImportFailure into a failed outcome. `warnings` (filled while `body`
 * runs) travel with both: after the error when it failed.
 */
export function outcomeOf<T>(body: () => T, warnings: readonly ImportProblem[] = []): ImportOutcome<T> {
  try {
    return { ok: true, value: body(), warnings };
  } catch (error) {
    if (error instanceof ImportFailure) return { ok: false, problems: [error.problem, ...warnings] };
    throw error;
  }
}
