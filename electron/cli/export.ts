import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describeDotenvMerge } from '../../shared/export/dotenv-merge';
import { UNSAFE_VALUE_RULES, type ExportFile } from '../../shared/export/index';
import { SECRET_FILE } from '../../shared/export/kubernetes/secrets';
import { VALUES_DIR } from '../../shared/export/swarm/secrets';
import { DEFAULT_TARGET, EXPORT_TARGETS, exportTarget, type ExportTargetId } from '../../shared/export/targets';
import { printable } from '../../shared/model/printable';
import type { ProxyFlavour } from '../../shared/model/types';
import { summarize } from '../../shared/rules/index';
import { writeExportFiles, type ExportFs } from '../node/export-writer';
import { cryptoRandom } from '../node/random';
import { EXIT, type ExitCode, type Io } from './io';
import { loadCommandSource } from './load-source';
import { formatText, hasErrors, locateDiagnostics, summaryLine } from './validate';

export const PROXY_FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];

/** What `export` writes: the ids of the target registry (shared/export/targets.ts), the default first. */
export type ExportTarget = ExportTargetId;
export const EXPORT_TARGET_IDS: readonly ExportTargetId[] = EXPORT_TARGETS.map((t) => t.id);

export { isSafeCertDir } from '../../shared/export/index';

export interface ExportCommandOptions {
  readonly out: string;
  /** Default `compose`. */
  readonly target?: ExportTarget;
  readonly proxy?: ProxyFlavour;
  readonly certDir?: string;
  /** Export although the checker reports errors (DEPLOYMENT.md lists them). */
  readonly allowErrors?: boolean;
  /** Replace existing files; an existing `.env` is merged (its values are kept), never replaced. */
  readonly overwrite?: boolean;
  /** Deprecated: both of the above, with a warning. */
  readonly force?: boolean;
  /** The file-system layer (tests inject failures). */
  readonly fs?: ExportFs;
}

export const FORCE_DEPRECATION =
  'portolan: --force is deprecated: it means --allow-errors --overwrite; use the one you need\n';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Where a target that ignores `--cert-dir` finds certificates instead, for the warning. */
const CERTIFICATES_FROM: Partial<Record<ExportTargetId, string>> = {
  kubernetes: 'Secrets',
  swarm: 'Swarm secrets in /run/secrets',
};

/**
 * What a re-export with --overwrite keeps of the operator's secret files, per target (compose's
 * `.env` is merged by the writer itself): the files left out of the write, and the line saying so.
 */
type KeepSecrets = (
  out: string,
  files: readonly ExportFile[],
) => Promise<{ keep: Set<string>; line: string } | undefined>;

const KEEP_SECRETS: Partial<Record<ExportTargetId, KeepSecrets>> = {
  async kubernetes(out, files) {
    const added = await keptSecrets(out, files);
    if (added === undefined) return undefined;
    return {
      keep: new Set([SECRET_FILE]),
      line: `${SECRET_FILE} kept: its values are the operator's${added.length > 0 ? `; add the keys this export adds: ${added.map(printable).join(', ')}` : ''}\n`,
    };
  },
  async swarm(out, files) {
    const kept = await keptValueFiles(out, files);
    if (kept.length === 0) return undefined;
    const added = files.filter((f) => f.path.startsWith(`${VALUES_DIR}/`) && !kept.includes(f.path));
    return {
      keep: new Set(kept),
      line: `${VALUES_DIR}/ kept: ${plural(kept.length, 'value')} the operator's${added.length > 0 ? `; new: ${added.map((f) => printable(f.path.slice(VALUES_DIR.length + 1))).join(', ')}` : ''}\n`,
    };
  },
};

/**
 * `portolan export FILE --out DIR`: checks, exports and writes every file, all or nothing — the
 * target's files (the registry in shared/export/targets.ts: compose, kubernetes, swarm), where
 * `--overwrite` keeps the operator's secret files (Kubernetes' secrets/secret.yaml, Swarm's
 * secrets/values/) as it merges compose's .env.
 * Exit 0 written; 1 the project has problems (format errors, unsafe values, checker errors
 * without --allow-errors); 2 the file cannot be read, a target exists without --overwrite, the
 * existing `.env` cannot be read safely, or writing failed (a coded error naming the cause; the
 * previous export is left as it was).
 */
export async function exportCommand(file: string, options: ExportCommandOptions, io: Io): Promise<ExitCode> {
  if (options.force) io.err(FORCE_DEPRECATION);
  const allowErrors = options.allowErrors === true || options.force === true;
  const overwrite = options.overwrite === true || options.force === true;
  const target = exportTarget(options.target ?? DEFAULT_TARGET);
  if (target === undefined) {
    io.err(
      `portolan: unknown --target ${printable(String(options.target))} (one of ${EXPORT_TARGET_IDS.join(', ')})\n`,
    );
    return EXIT.unusable;
  }
  // FILE may be a picture Portolan exported: the project it carries is exported.
  const source = await loadCommandSource(file, io, 'exported');
  if (typeof source === 'number') return source;
  const { loaded } = source;

  if (options.certDir && !target.uses.has('certDir'))
    io.err(
      `portolan: --cert-dir is for the compose target; ${target.label} reads certificates from ${CERTIFICATES_FROM[target.id] ?? 'elsewhere'} (see ${target.guide})\n`,
    );
  const result = target.run(loaded.project, {
    random: cryptoRandom,
    ...(options.proxy && target.uses.has('proxy') ? { proxy: options.proxy } : {}),
    ...(options.certDir && target.uses.has('certDir') ? { certDir: options.certDir } : {}),
  });
  const located = locateDiagnostics(result.diagnostics, loaded.locations);
  if (!result.ok) {
    io.out(formatText(file, located));
    io.err(
      `portolan: refusing to export: values that could break out of their place in a config file (rules ${[...UNSAFE_VALUE_RULES].join(', ')}); --allow-errors does not override this\n`,
    );
    return EXIT.problems;
  }
  if (hasErrors(located)) {
    if (!allowErrors) {
      io.out(formatText(file, located));
      io.err('portolan: refusing to export a project with errors; fix them, or use --allow-errors to export anyway\n');
      return EXIT.problems;
    }
    io.err(
      formatText(
        file,
        located.filter((r) => r.severity === 'error' && !r.suppressed),
      ),
    );
    // Only the compose export writes a DEPLOYMENT.md that lists the errors.
    const listed = result.files.some((f) => f.path === 'DEPLOYMENT.md');
    io.err(
      listed
        ? 'portolan: exporting despite these errors (--allow-errors); DEPLOYMENT.md lists them\n'
        : 'portolan: exporting despite these errors (--allow-errors)\n',
    );
  }

  // A re-export keeps the operator's secret files, as it keeps .env's values (the writer merges only .env).
  const kept = overwrite ? await KEEP_SECRETS[target.id]?.(options.out, result.files) : undefined;
  const files = kept ? result.files.filter((f) => !kept.keep.has(f.path)) : result.files;
  // All or nothing: staged beside the targets, swapped in only when every file is on disk.
  const written = await writeExportFiles(options.out, files, {
    overwrite,
    ...(options.fs ? { fs: options.fs } : {}),
  });
  if (!written.ok) {
    const { error } = written;
    if (error.code === 'export-exists') {
      const paths = error.paths ?? [];
      io.err(
        `portolan: refusing to overwrite ${plural(paths.length, 'existing file')} in ${printable(options.out)} (use --overwrite to replace them; an existing .env is merged, its values kept):\n${paths.map((p) => `  ${printable(p)}\n`).join('')}`,
      );
    } else if (error.location) {
      const { file: envFile, line, column } = error.location;
      // Like every located problem: FILE:LINE:COL code message.
      const detail = error.message.replace(`${error.code}: ${envFile}:${line}:${column}: `, '');
      io.err(`${printable(envFile)}:${line}:${column} ${error.code} ${printable(detail)}\n`);
    } else io.err(`portolan: ${printable(error.message)}\n`);
    return EXIT.unusable;
  }
  // Paths, variable names and messages can carry what the operator's folder or .env holds: shown escaped.
  for (const path of written.written) io.out(`${printable(path)}\n`);
  if (written.env) io.out(`.env merged: ${printable(describeDotenvMerge(written.env))}\n`);
  if (kept) io.out(kept.line);
  for (const warning of written.warnings) io.err(`portolan: ${printable(warning)}\n`);
  io.out(
    `exported ${plural(files.length, 'file')} to ${printable(options.out)} (${printable(result.summary)}; ${summaryLine(summarize(result.diagnostics))}; see ${target.guide})\n`,
  );
  return EXIT.ok;
}

/**
 * With --overwrite, an existing `secrets/secret.yaml` (a regular file: a link is left to the
 * writer, which refuses it) stays as the operator filled it. Returns the keys the new export has
 * that the kept file lacks, or undefined when there is no such file and the new one is written.
 */
async function keptSecrets(out: string, files: readonly ExportFile[]): Promise<string[] | undefined> {
  const fresh = files.find((f) => f.path === SECRET_FILE);
  if (fresh === undefined) return undefined;
  const path = join(out, SECRET_FILE);
  try {
    if (!(await lstat(path)).isFile()) return undefined;
    const keys = (text: string): string[] => {
      const data = (parse(text) as { stringData?: Record<string, unknown> } | null)?.stringData;
      return data !== null && typeof data === 'object' ? Object.keys(data) : [];
    };
    let have: Set<string>;
    try {
      have = new Set(keys(await readFile(path, 'utf8')));
    } catch {
      have = new Set(); // unreadable as YAML: kept all the same, every key listed
    }
    return keys(fresh.contents).filter((k) => !have.has(k));
  } catch {
    return undefined;
  }
}

/**
 * With --overwrite, the existing `secrets/values/NAME` files (regular files: a link is left to the
 * writer, which refuses it) stay as the operator filled them; the paths of those kept.
 */
async function keptValueFiles(out: string, files: readonly ExportFile[]): Promise<string[]> {
  const kept: string[] = [];
  for (const f of files) {
    if (!f.path.startsWith(`${VALUES_DIR}/`)) continue;
    try {
      if ((await lstat(join(out, f.path))).isFile()) kept.push(f.path);
    } catch {
      // not there yet: the new file is written
    }
  }
  return kept;
}
