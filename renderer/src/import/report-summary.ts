/**
 * What the import dialog shows of an import's outcome, as plain data: each service with the
 * kind it became, the notes counted and filtered by kind, problems as a compiler prints them,
 * and — for a file the compose files name that was not added — which file to add.
 */
import { getKind } from '../../../shared/catalog/index';
import type { KindCategory } from '../../../shared/catalog/types';
import type { ImportReport } from '../../../shared/import/project/types';
import { formatPos, type ImportNote, type ImportProblem } from '../../../shared/import/types';

export type NoteKind = ImportNote['kind'];
export const NOTE_KINDS: readonly NoteKind[] = ['kept', 'interpreted', 'not-understood'];

export const NOTE_KIND_LABELS: { readonly [K in NoteKind]: string } = {
  kept: 'Kept',
  interpreted: 'Interpreted',
  'not-understood': 'Not understood',
};

/** One service and what it became. */
export interface ServiceLine {
  readonly service: string;
  readonly component: string;
  readonly kindLabel: string;
  readonly category: KindCategory | null;
  readonly why: string;
  readonly at: string;
}

export interface ReportSummary {
  readonly services: readonly ServiceLine[];
  readonly counts: { readonly [K in NoteKind]: number };
  readonly inactive: readonly string[];
  readonly files: readonly string[];
  readonly warnings: readonly ImportProblem[];
}

/** The kind's name as the palette shows it (with the flavour: `Reverse proxy · nginx`). */
function kindLabel(kind: string, flavour: string | undefined): { label: string; category: KindCategory | null } {
  try {
    const spec = getKind(kind as Parameters<typeof getKind>[0]);
    const flavourLabel =
      flavour === undefined ? undefined : (spec.flavours?.find((f) => f.id === flavour)?.label ?? flavour);
    return {
      label: flavourLabel === undefined ? spec.label : `${spec.label} · ${flavourLabel}`,
      category: spec.category,
    };
  } catch {
    // A kind this build's catalog does not know (a newer core): shown by its id.
    return { label: flavour === undefined ? kind : `${kind} · ${flavour}`, category: null };
  }
}

export function summarizeReport(report: ImportReport): ReportSummary {
  const counts = { kept: 0, interpreted: 0, 'not-understood': 0 };
  for (const note of report.notes) counts[note.kind] += 1;
  return {
    services: report.services.map((s) => {
      const { label, category } = kindLabel(s.kind, s.flavour);
      return {
        service: s.service,
        component: s.component,
        kindLabel: label,
        category,
        why: s.why,
        at: formatPos(s.at),
      };
    }),
    counts,
    inactive: report.inactive,
    files: report.files,
    warnings: report.warnings,
  };
}

/** The notes of the chosen kinds (all when none is chosen), in report order. */
export function filterNotes(notes: readonly ImportNote[], kind: NoteKind | 'all'): readonly ImportNote[] {
  return kind === 'all' ? notes : notes.filter((n) => n.kind === kind);
}

/** `FILE:LINE:COL code message`, as the CLI and a compiler print it. */
export function problemLine(problem: ImportProblem): string {
  return `${formatPos(problem.at)} ${problem.code} ${problem.message}`;
}

const MISSING_FILE_CODES: ReadonlySet<ImportProblem['code']> = new Set([
  'file-not-found',
  'extends-unknown-file',
  'include-unknown-file',
]);

/**
 * The file a problem says is missing, when the user can fix it by adding that file (the
 * browser edition cannot read files beside the compose file): the last path-like word of the
 * message (`cannot read the file extends names: common.yml` → `common.yml`).
 */
export function missingFileOf(problem: ImportProblem): string | null {
  if (!MISSING_FILE_CODES.has(problem.code)) return null;
  const words = problem.message.match(/[^\s:'"`]+\.[A-Za-z0-9]+|\.env[^\s'"`]*/g);
  const last = words?.[words.length - 1];
  return last === undefined ? null : last.replace(/[),.;]+$/, '');
}

/** `3 services`, `1 service`. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
