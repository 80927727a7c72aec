/**
 * Runs test/scripts/reexport.sh, the operator's view of re-export: the CLI as built, a `.env`
 * edited by hand, `grep -Fx` and `cmp` on the bytes, and a real full disk (a tiny tmpfs in a
 * user+mount namespace) mid-export.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { needTool, realToolsRequired } from '../../support/tools';

const SCRIPT = resolve('test/scripts/reexport.sh');

function script(part: 'keep' | 'disk-full') {
  const r = spawnSync('bash', [SCRIPT, part], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/**
 * Whether this machine lets the script mount a tmpfs: `unshare -rm true` (a user and a mount
 * namespace). Missing: a skip with the reason, or a failure under REQUIRE_REAL_TOOLS=1.
 */
function namespacesAllowed(): { skip: boolean } {
  const tool = needTool('unshare', 'the full-disk re-export (util-linux)');
  if (tool.skip) return tool;
  const probe = spawnSync('unshare', ['-rm', 'true'], { encoding: 'utf8', timeout: 10_000 });
  if (probe.status === 0) return { skip: false };
  const why = `"unshare -rm true" fails here (${(probe.stderr || `exit ${probe.status}`).trim()}): no user+mount namespace for the tmpfs`;
  if (realToolsRequired()) throw new Error(`${why}. REQUIRE_REAL_TOOLS=1 is set, so this is a failure, not a skip.`);
  console.warn(`[skip] ${why}; skipping the full-disk re-export. Set REQUIRE_REAL_TOOLS=1 to make this a failure.`);
  return { skip: true };
}

const bash = needTool('bash', 'test/scripts/reexport.sh');

beforeAll(() => {
  // The script builds nothing: it runs the CLI bundle as `npm run build:cli` left it.
  if (existsSync(resolve('out/cli/portolan.js'))) return;
  const built = spawnSync('npm', ['run', 'build:cli'], { encoding: 'utf8', timeout: 120_000 });
  if (built.status !== 0) throw new Error(`npm run build:cli failed:\n${built.stderr}`);
});

describe.skipIf(bash.skip)('test/scripts/reexport.sh', () => {
  it('re-export keeps every secret and filled-in value of the operator .env, byte for byte', () => {
    const r = script('keep');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('ok: every secret and filled-in value survived byte for byte (7 variables)');
    expect(r.out).toContain('ok: a second re-export leaves .env byte-identical');
  });

  describe.skipIf(namespacesAllowed().skip)('on a real full disk', () => {
    it('a re-export that fills the disk exits 2 naming the cause and leaves the previous export identical', () => {
      const r = script('disk-full');
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      expect(r.out).toMatch(
        /^ok: re-export on a full disk exits 2: portolan: export-disk-full: no space left on device while writing \S+; the previous export is unchanged$/m,
      );
      expect(r.out).toContain(
        'ok: the previous export is byte-identical (every file, its mode, no temporary file left)',
      );
      expect(r.out).not.toContain('skip:');
    });
  });
});
