/**
 * The compose import corpus (test/fixtures/import/corpus): each folder's fixture.json, and an
 * ImportInput that reads the folder's files the way the CLI reads the disk.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportInput } from '../../shared/import/project/index';

export const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'import', 'corpus');

export interface CorpusFixture {
  readonly name: string;
  readonly dir: string;
  readonly files: readonly string[];
  readonly envFile: string | null;
  readonly profiles: readonly string[];
  readonly proxyConfigs: readonly string[];
  /** true, or why docker-compose 1.29 cannot read the project. */
  readonly dockerCompose1: true | string;
  readonly covers: readonly string[];
}

export function corpusFixtures(): CorpusFixture[] {
  return readdirSync(CORPUS_DIR)
    .filter((d) => statSync(join(CORPUS_DIR, d)).isDirectory())
    .sort()
    .map((name) => {
      const dir = join(CORPUS_DIR, name);
      const meta = JSON.parse(readFileSync(join(dir, 'fixture.json'), 'utf8')) as Omit<CorpusFixture, 'name' | 'dir'>;
      return { name, dir, ...meta };
    });
}

/** Reads a file of the fixture by a path relative to its folder (as the compose files name them). */
export function fixtureReader(dir: string): (path: string) => string | undefined {
  return (path) => {
    const full = normalize(join(dir, path));
    if (!full.startsWith(dir) || !existsSync(full) || !statSync(full).isFile()) return undefined;
    return readFileSync(full, 'utf8');
  };
}

export function corpusInput(f: CorpusFixture, environment: Readonly<Record<string, string>> = {}): ImportInput {
  const readFile = fixtureReader(f.dir);
  return {
    compose: f.files.map((path) => ({ path, text: readFile(path)! })),
    envFiles: f.envFile === null ? [] : [f.envFile],
    proxyConfigs: f.proxyConfigs.map((path) => ({ path, text: readFile(path)! })),
    profiles: f.profiles,
    environment,
    readFile,
    fallbackName: f.name,
  };
}

/** Every assignment of the fixture's env files (.env and env_file files), for the never-copied-secrets check. */
export function fixtureEnvValues(f: CorpusFixture): { name: string; value: string }[] {
  const values: { name: string; value: string }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (e.endsWith('.env') || e === '.env')
        for (const line of readFileSync(p, 'utf8').split('\n')) {
          const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
          if (m !== null)
            values.push({ name: m[1]!, value: m[2]!.replace(/^(["'])(.*)\1(\s+#.*)?$/, '$2').replace(/\s+#.*$/, '') });
        }
    }
  };
  walk(f.dir);
  return values;
}
