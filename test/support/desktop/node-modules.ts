/**
 * Compiles a few electron/node modules to plain ES modules in a temporary folder, so crash
 * tests can start hundreds of child processes on bare `node` (tens of milliseconds each)
 * instead of a TypeScript loader. Only relative imports between the listed files and Node
 * built-ins are allowed; type-only imports disappear in the transpile.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const PROJECT_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

export interface CompiledModules {
  readonly dir: string;
  /** Path of the compiled `electron/node/<name>.mjs`. */
  path(name: string): string;
  remove(): void;
}

export function compileNodeModules(names: readonly string[]): CompiledModules {
  const dir = mkdtempSync(join(tmpdir(), 'portolan-child-'));
  for (const name of names) {
    const source = readFileSync(join(PROJECT_ROOT, 'electron', 'node', `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: `${name}.ts`,
    });
    const code = outputText.replace(/from '\.\/([\w-]+)'/g, (_m, dep: string) => {
      if (!names.includes(dep)) throw new Error(`${name}.ts imports ./${dep}, which is not compiled`);
      return `from './${dep}.mjs'`;
    });
    if (/from '\.\.\//.test(code)) throw new Error(`${name}.ts has a runtime import outside electron/node`);
    writeFileSync(join(dir, `${basename(name)}.mjs`), code);
  }
  return {
    dir,
    path: (name) => join(dir, `${name}.mjs`),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
