import { loadProject, type FormatProblem } from '../../shared/format/index';
import { printable } from '../../shared/model/printable';
import { readProjectSource } from '../node/read-project';
import { EXIT, type ExitCode, type Io } from './io';
import { readFailureLine } from './validate';

/**
 * `FILE:LINE:COL code message`, the shape editors and CI logs turn into links. The file and the
 * message (it may quote a key or value of the file) are `printable`: one problem, one line.
 */
export function formatProblemLine(file: string, p: FormatProblem): string {
  const severity = p.severity === 'warning' ? 'warning: ' : '';
  return `${printable(file)}:${p.line}:${p.column} ${printable(p.code)} ${severity}${printable(p.message)}`;
}

/** What `check-format` prints for a file's text: one line per problem on stdout, a summary on stderr. */
export function checkFormatReport(file: string, text: string): { out: string; err: string; code: ExitCode } {
  const result = loadProject(text);
  const out = result.problems.map((p) => `${formatProblemLine(file, p)}\n`).join('');
  if (result.problems.length > 0) {
    const errors = result.problems.filter((p) => p.severity === 'error').length;
    const warnings = result.problems.length - errors;
    return {
      out,
      err: `${printable(file)}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`,
      code: EXIT.problems,
    };
  }
  if (!result.ok) return { out, err: '', code: EXIT.ok };
  const { components, links, routes } = result.project;
  return {
    out,
    err: `${printable(file)}: valid (${plural(components.length, 'component')}, ${plural(links.length, 'link')}, ${plural(routes.length, 'route')})\n`,
    code: EXIT.ok,
  };
}

export async function checkFormat(file: string, io: Io): Promise<ExitCode> {
  // FILE may be a picture Portolan exported: the project it carries is checked.
  const read = await readProjectSource(file);
  if (!read.ok) {
    io.err(readFailureLine(file, read));
    return EXIT.unusable;
  }
  const report = checkFormatReport(file, read.text);
  if (report.out !== '') io.out(report.out);
  if (report.err !== '') io.err(report.err);
  return report.code;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
