import { loadProject, MAX_PROJECT_BYTES, type FormatProblem } from '../../shared/format/index';
import { readTextFile } from '../node/files';
import { EXIT, type ExitCode, type Io } from './io';

/** `FILE:LINE:COL code message`, the shape editors and CI logs turn into links. */
export function formatProblemLine(file: string, p: FormatProblem): string {
  const severity = p.severity === 'warning' ? 'warning: ' : '';
  return `${file}:${p.line}:${p.column} ${p.code} ${severity}${p.message}`;
}

export async function checkFormat(file: string, io: Io): Promise<ExitCode> {
  const read = await readTextFile(file, MAX_PROJECT_BYTES);
  if (!read.ok) {
    io.err(`${file}:1:1 ${read.code} ${read.message}\n`);
    return EXIT.unusable;
  }
  const result = loadProject(read.text);
  for (const p of result.problems) io.out(`${formatProblemLine(file, p)}\n`);
  if (result.problems.length > 0) {
    const errors = result.problems.filter((p) => p.severity === 'error').length;
    const warnings = result.problems.length - errors;
    io.err(`${file}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}\n`);
    return EXIT.problems;
  }
  if (result.ok) {
    const { components, links, routes } = result.project;
    io.err(
      `${file}: valid (${plural(components.length, 'component')}, ${plural(links.length, 'link')}, ${plural(routes.length, 'route')})\n`,
    );
  }
  return EXIT.ok;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
