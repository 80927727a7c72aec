import { loadProject } from '../../shared/format/index';
import { printable } from '../../shared/model/printable';
import { readProjectSource } from '../node/read-project';
import { formatProblemLine } from './check-format';
import { EXIT, type ExitCode, type Io } from './io';
import { formatProblemResults, formatText, readFailureLine } from './validate';

/** A project file that loaded: the project, its locations and its warnings. */
type Loaded = Extract<ReturnType<typeof loadProject>, { ok: true }>;

/**
 * Reads FILE (a project file, or a picture Portolan exported: the project it carries) and loads
 * it, as `export` and `render` do: an unreadable file is reported on stderr (exit 2), a file that
 * does not load prints its problems like `check-format` (exit 1, "nothing VERB"), and the
 * warnings of a file that loads go to stderr — they do not change the result, but must not go
 * unseen.
 */
export async function loadCommandSource(
  file: string,
  io: Io,
  verb: string,
): Promise<{ readonly text: string; readonly loaded: Loaded } | ExitCode> {
  const read = await readProjectSource(file);
  if (!read.ok) {
    io.err(readFailureLine(file, read));
    return EXIT.unusable;
  }
  const loaded = loadProject(read.text);
  if (!loaded.ok) {
    io.out(formatText(file, formatProblemResults(loaded.problems)));
    io.err(`portolan: ${printable(file)} is not a valid project file; nothing ${verb}\n`);
    return EXIT.problems;
  }
  for (const p of loaded.problems) io.err(`${formatProblemLine(file, p)}\n`);
  return { text: read.text, loaded };
}
