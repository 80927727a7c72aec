import type { Document } from 'yaml';

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
 * The numbered place for future formats: when format 2 is introduced, add
 * `{ from: 1, description: '…', migrate }` here and bump FORMAT_VERSION in model/types.ts.
 * Each past format keeps a fixture under test/fixtures/formats/.
 */
export const MIGRATIONS: readonly Migration[] = [];

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
