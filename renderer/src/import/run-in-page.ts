/**
 * The import in the page (the browser edition, and the tests): every picked file is read as
 * text, and the import core's `readFile` answers from those files only (file-match.ts) — a file
 * a compose file names that the user did not add fails with the core's file-not-found problem,
 * naming it. The page has no process environment: only the files count.
 */
import { MAX_COMPOSE_BYTES } from '../../../shared/import/compose/document';
import { dirnamePath } from '../../../shared/import/compose/paths';
import { importProject } from '../../../shared/import/project/index';
import type { ImportProblem } from '../../../shared/import/types';
import type { ImportPick, ImportRequest, ImportRunOutcome } from '../bridge';
import { pickedFileReader, type PickedText } from './file-match';

/** The project's name when the compose files name none (the page does not know their folder). */
export const FALLBACK_PROJECT_NAME = 'Imported deployment';

const problemAt = (file: string, code: ImportProblem['code'], message: string): ImportProblem => ({
  code,
  severity: 'error',
  message,
  at: { file, line: 1, column: 1 },
});

/** A picked file's text, or why it cannot be imported (too large — checked before reading —, not UTF-8, gone). */
export async function readPick(pick: ImportPick): Promise<PickedText | ImportProblem> {
  const file = pick.file;
  if (file === undefined)
    return problemAt(pick.name, 'file-not-found', `${pick.name} cannot be read here: add it again`);
  if (file.size > MAX_COMPOSE_BYTES)
    return problemAt(pick.name, 'file-too-large', `${pick.name} is larger than ${MAX_COMPOSE_BYTES} bytes`);
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    return { path: pick.name, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return problemAt(pick.name, 'file-not-found', `${pick.name} cannot be read as UTF-8 text`);
  }
}

const isProblem = (value: PickedText | ImportProblem): value is ImportProblem => 'code' in value;

export async function importInPage(request: ImportRequest): Promise<ImportRunOutcome> {
  const read = async (picks: readonly ImportPick[]) => Promise.all(picks.map(readPick));
  const [compose, env, proxy, others] = await Promise.all([
    read(request.compose),
    read(request.envFiles),
    read(request.proxyConfigs),
    read(request.others),
  ]);
  const all = [...compose, ...env, ...proxy, ...others];
  const problems = all.filter(isProblem);
  if (problems.length > 0) return { ok: false, problems };
  const texts = all as PickedText[];
  const composeTexts = compose as PickedText[];
  const first = composeTexts[0];
  return importProject({
    compose: composeTexts,
    proxyConfigs: proxy as PickedText[],
    envFiles: (env as PickedText[]).map((e) => e.path),
    profiles: [...request.profiles],
    environment: {},
    readFile: pickedFileReader(texts, first === undefined ? '' : dirnamePath(first.path)),
    fallbackName: FALLBACK_PROJECT_NAME,
  });
}
