import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { exportProject, UNSAFE_VALUE_RULES, type ExportFile } from '../../shared/export/index';
import { loadProject, MAX_PROJECT_BYTES } from '../../shared/format/index';
import type { ProxyFlavour } from '../../shared/model/types';
import { summarize } from '../../shared/rules/index';
import { readTextFile, TargetExistsError, writeFileAtomic } from '../node/files';
import { cryptoRandom } from '../node/random';
import { formatProblemLine } from './check-format';
import { EXIT, type ExitCode, type Io } from './io';
import { formatProblemResults, formatText, hasErrors, locateDiagnostics, summaryLine } from './validate';

export const PROXY_FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];

export { isSafeCertDir } from '../../shared/export/index';

export interface ExportCommandOptions {
  readonly out: string;
  readonly proxy?: ProxyFlavour;
  readonly certDir?: string;
  readonly force: boolean;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The exported files that already exist in the output folder (anything at the path counts, even a symlink). */
async function existingTargets(out: string, files: readonly ExportFile[]): Promise<string[]> {
  const found: string[] = [];
  for (const f of files) {
    const exists = await fs.lstat(join(out, f.path)).then(
      () => true,
      () => false,
    );
    if (exists) found.push(f.path);
  }
  return found;
}

/**
 * `portolan export FILE --out DIR`: checks, exports and writes every file. Exit 0 written;
 * 1 the project has problems (format errors, unsafe values, checker errors without --force);
 * 2 the file cannot be read, a target exists without --force, or writing failed.
 */
export async function exportCommand(file: string, options: ExportCommandOptions, io: Io): Promise<ExitCode> {
  const read = await readTextFile(file, MAX_PROJECT_BYTES);
  if (!read.ok) {
    io.err(`${file}:1:1 ${read.code} ${read.message}\n`);
    return EXIT.unusable;
  }
  const loaded = loadProject(read.text);
  if (!loaded.ok) {
    io.out(formatText(file, formatProblemResults(loaded.problems)));
    io.err(`portolan: ${file} is not a valid project file; nothing exported\n`);
    return EXIT.problems;
  }
  // Warnings of the file (e.g. unknown keys) do not change the deployment, but must not go unseen.
  for (const p of loaded.problems) io.err(`${formatProblemLine(file, p)}\n`);

  const result = exportProject(loaded.project, {
    random: cryptoRandom,
    ...(options.proxy ? { proxy: options.proxy } : {}),
    ...(options.certDir ? { certDir: options.certDir } : {}),
  });
  const located = locateDiagnostics(result.diagnostics, loaded.locations);
  if (!result.ok) {
    io.out(formatText(file, located));
    io.err(
      `portolan: refusing to export: values that could break out of their place in a config file (rules ${[...UNSAFE_VALUE_RULES].join(', ')}); --force does not override this\n`,
    );
    return EXIT.problems;
  }
  if (hasErrors(located)) {
    if (!options.force) {
      io.out(formatText(file, located));
      io.err('portolan: refusing to export a project with errors; fix them, or use --force to export anyway\n');
      return EXIT.problems;
    }
    io.err(
      formatText(
        file,
        located.filter((r) => r.severity === 'error' && !r.suppressed),
      ),
    );
    io.err('portolan: exporting despite these errors (--force); DEPLOYMENT.md lists them\n');
  }

  // Nothing is written until every target is known to be free: a refused export leaves no half-written folder.
  if (!options.force) {
    const existing = await existingTargets(options.out, result.files);
    if (existing.length > 0) {
      io.err(
        `portolan: refusing to overwrite ${plural(existing.length, 'existing file')} in ${options.out} (use --force to replace them):\n${existing.map((p) => `  ${p}\n`).join('')}`,
      );
      return EXIT.unusable;
    }
  }
  try {
    const folders = new Set(result.files.map((f) => dirname(join(options.out, f.path))));
    for (const folder of [...folders].sort()) await fs.mkdir(folder, { recursive: true });
    for (const f of result.files) {
      await writeFileAtomic(join(options.out, f.path), f.contents, { mode: f.mode, overwrite: options.force });
      io.out(`${f.path}\n`);
    }
  } catch (error) {
    // A target that appeared after the check above (another process) is refused like any other.
    io.err(
      error instanceof TargetExistsError
        ? `portolan: ${error.message}\n`
        : `portolan: cannot write to ${options.out}: ${(error as Error).message}\n`,
    );
    return EXIT.unusable;
  }
  const flavours = [...new Set(result.plan.proxies.map((p) => p.flavour))];
  const proxy = flavours.length > 0 ? `${flavours.join(', ')} proxy` : 'no reverse proxy';
  io.out(
    `exported ${plural(result.files.length, 'file')} to ${options.out} (${proxy}; ${summaryLine(summarize(result.diagnostics))}; see DEPLOYMENT.md)\n`,
  );
  return EXIT.ok;
}
