/**
 * `portolan import COMPOSE… [--env-file F]… [--proxy-config F…]… [--profile NAME]… -o OUT`:
 * existing compose files (merged like `docker compose -f a -f b`), their `.env` and the reverse
 * proxy's configuration become one laid-out, checked project file. The import report (each key
 * kept, each interpretation, each part of a proxy config not understood) goes to stdout as
 * `FILE:LINE:COL kind text` lines or as JSON; problems that stop the import are printed like a
 * compiler's and nothing is written (exit 1); unreadable input or usage errors exit 2.
 */
import { basename, dirname, resolve } from 'node:path';
import { importProject, type ImportReport } from '../../shared/import/project/index';
import { formatPos, type ImportNote, type ImportProblem } from '../../shared/import/types';
import { printable, printableJson } from '../../shared/model/printable';
import { checkProject, summarize } from '../../shared/rules/index';
import { TargetExistsError, writeFileAtomic } from '../node/files';
import { readImportFile, readReferencedFile } from '../node/import-files';
import { EXIT, type ExitCode, type Io } from './io';

export const IMPORT_FORMATS = ['text', 'json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportOptions {
  readonly envFile: readonly string[];
  readonly proxyConfig: readonly string[];
  readonly profile: readonly string[];
  readonly out: string;
  readonly force: boolean;
  readonly format: ImportFormat;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
const problemLine = (p: ImportProblem): string =>
  `${printable(formatPos(p.at))} ${p.code} ${p.severity === 'warning' ? 'warning: ' : ''}${printable(p.message)}\n`;
const noteLine = (n: ImportNote): string => `${printable(formatPos(n.at))} ${n.kind} ${printable(n.text)}\n`;

/** The project's name when the files name none: the folder of the first compose file. */
function folderName(file: string): string {
  const name = basename(dirname(resolve(file)));
  return name === '' || name === '/' ? 'Imported deployment' : name;
}

function reportJson(out: string, report: ImportReport, summary: ReturnType<typeof summarize>): string {
  return `${printableJson({
    project: out,
    files: report.files,
    services: report.services,
    inactive: report.inactive,
    notes: report.notes,
    warnings: report.warnings,
    check: summary,
  })}\n`;
}

export async function importCommand(compose: readonly string[], options: ImportOptions, io: Io): Promise<ExitCode> {
  const given: { path: string; text: string }[] = [];
  for (const path of [...compose, ...options.proxyConfig]) {
    const read = await readImportFile(path);
    if (!read.ok) {
      io.err(`portolan: ${printable(read.message)}\n`);
      return EXIT.unusable;
    }
    given.push({ path, text: read.text });
  }
  const result = importProject({
    compose: given.slice(0, compose.length),
    proxyConfigs: given.slice(compose.length),
    envFiles: options.envFile,
    profiles: options.profile,
    environment: process.env,
    readFile: readReferencedFile,
    fallbackName: folderName(compose[0]!),
  });
  if (!result.ok) {
    const lines = result.problems.map(problemLine).join('');
    if (options.format === 'json') io.out(`${printableJson({ problems: result.problems })}\n`);
    else io.out(lines);
    const errors = result.problems.filter((p) => p.severity === 'error').length;
    io.err(`portolan: ${plural(errors, 'error')} in the files to import; nothing written\n`);
    return EXIT.problems;
  }
  const { project, report, text } = result.value;
  try {
    await writeFileAtomic(options.out, text, { overwrite: options.force });
  } catch (error) {
    io.err(
      error instanceof TargetExistsError
        ? `portolan: ${printable(error.message)} (use --force to replace it)\n`
        : `portolan: cannot write ${printable(options.out)}: ${printable((error as Error).message)}\n`,
    );
    return EXIT.unusable;
  }
  const summary = summarize(checkProject(project));
  if (options.format === 'json') io.out(reportJson(options.out, report, summary));
  else io.out([...report.warnings.map(problemLine), ...report.notes.map(noteLine)].join(''));
  const count = (kind: ImportNote['kind']) => report.notes.filter((n) => n.kind === kind).length;
  io.err(
    `imported ${plural(report.services.length, 'service')} into ${printable(options.out)}` +
      ` (${count('kept')} kept, ${count('interpreted')} interpreted, ${count('not-understood')} not understood` +
      `${report.inactive.length > 0 ? `, ${report.inactive.length} inactive by profile` : ''}); ` +
      `check: ${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}\n`,
  );
  return EXIT.ok;
}
