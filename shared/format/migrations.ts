import type { Document } from 'yaml';
import { DERIVED_CONNECTIONS } from './migrate-v1';

/**
 * A step that upgrades a project file from format `from` to `from + 1`. Migrations edit the
 * parsed YAML document in place (`doc.setIn`, `doc.deleteIn`, …) rather than plain data, so
 * the nodes they do not touch keep their source positions and later problems still point
 * at the right line and column of the user's file.
 */
export interface Migration {
  readonly from: number;
  readonly description: string;
  readonly migrate: (doc: Document) => void;
}

/**
 * The shipped chain, one step per past format that needs rewriting: a new format that changes
 * what a key means adds `{ from: N, description, migrate }` here and bumps FORMAT_VERSION in
 * model/types.ts. Each past format keeps fixtures under test/fixtures/formats/vN, and each step is
 * tested on them and on random files of its format.
 */
export const MIGRATIONS: readonly Migration[] = [DERIVED_CONNECTIONS];

/**
 * The oldest format read as it is, without migrating. Format 3 only adds optional fields (the
 * custom container kind, `image`/`ports` on it, `passThrough` on components and the project), so
 * a format 2 file is a format 3 file that uses none of them: it is read directly — on the plain
 * reader, with its higher token bound — and saving it unchanged writes the same format 2 bytes
 * (save.ts: formatNeeded). Files older than this run the chain up to it.
 */
export const OLDEST_DIRECT_FORMAT = 2;

/** Whether a file of this format is read without migrating. */
export const isDirectFormat = (version: number, newest: number): boolean =>
  version >= OLDEST_DIRECT_FORMAT && version <= newest;

export type MigrationOutcome = { ok: true; applied: readonly Migration[] } | { ok: false; missingFrom: number };

/** Applies the chain of migrations that leads from `version` to `target`, in order. */
export function runMigrations(
  doc: Document,
  version: number,
  target: number,
  migrations: readonly Migration[] = MIGRATIONS,
): MigrationOutcome {
  const applied: Migration[] = [];
  for (let v = version; v < target; v++) {
    const step = migrations.find((m) => m.from === v);
    if (step === undefined) return { ok: false, missingFrom: v };
    step.migrate(doc);
    applied.push(step);
  }
  doc.set('format', target);
  return { ok: true, applied };
}
