/**
 * Real external tools (chromium, nginx, haproxy, docker-compose, …) are used as they are, never
 * mocked. When a tool is missing a test skips with a clear message — unless the run sets
 * REQUIRE_REAL_TOOLS=1 (CI), where a missing tool is a failure.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';

/** True when REQUIRE_REAL_TOOLS=1: missing tools fail instead of skipping. */
export function realToolsRequired(): boolean {
  return process.env.REQUIRE_REAL_TOOLS === '1';
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether `cmd` can be run: an absolute/relative path must be an executable file; a bare name
 * is looked up on PATH (what `which` does, without depending on `which` being installed).
 */
export function toolAvailable(cmd: string): boolean {
  if (cmd.length === 0) return false;
  if (isAbsolute(cmd) || cmd.includes('/')) return isExecutableFile(cmd);
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => d.length > 0);
  return dirs.some((dir) => isExecutableFile(join(dir, cmd)));
}

export interface ToolNeed {
  /** True when the tool is missing and the tests that need it should be skipped. */
  readonly skip: boolean;
  /** Why they are skipped (empty when the tool is there). */
  readonly reason: string;
}

/**
 * For `describe.skipIf(needTool('nginx').skip)(…)`. Missing tool: throws when
 * REQUIRE_REAL_TOOLS=1 (so the test file fails with this message), otherwise prints a skip
 * notice and returns `{ skip: true }`.
 */
export function needTool(cmd: string, purpose?: string): ToolNeed {
  if (toolAvailable(cmd)) return { skip: false, reason: '' };
  const what = purpose ? ` (needed for ${purpose})` : '';
  if (realToolsRequired()) {
    throw new Error(
      `Required tool "${cmd}" was not found${what}. REQUIRE_REAL_TOOLS=1 is set, so this is a ` +
        `failure, not a skip: install ${cmd} or unset REQUIRE_REAL_TOOLS.`,
    );
  }
  const reason = `"${cmd}" not found${what}; skipping. Set REQUIRE_REAL_TOOLS=1 to make this a failure.`;
  console.warn(`[skip] ${reason}`);
  return { skip: true, reason };
}
