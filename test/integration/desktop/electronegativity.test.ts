/**
 * Electronegativity (Doyensec's Electron security scanner) on the built desktop app. The
 * scanner exits 0 whatever it finds, so this test reads its SARIF and fails on any finding
 * not accepted, with a reason, in electronegativity-allowlist.json — and on allowlist
 * entries that no longer match, so the list cannot silently grow stale.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const BUNDLES = ['main', 'preload', 'renderer'];
/** Compares the version with a release list downloaded from GitHub: no network in tests. */
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];
/**
 * The most findings the allowlist may accept, in total. A ratchet: when a change removes a
 * finding, its entry goes (the stale-entry check insists) and this number comes down with it;
 * it never goes up without someone editing this line on purpose.
 */
const ACCEPTED_FINDINGS_CEILING = 4;

interface AllowEntry {
  readonly check: string;
  readonly file: string;
  readonly count: number;
  readonly reason: string;
}

interface Finding {
  readonly check: string;
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

let scanDir: string;
let findings: Finding[];

beforeAll(() => {
  for (const bundle of BUNDLES) {
    if (!existsSync(join(ROOT, 'out', bundle))) throw new Error(`out/${bundle} is missing: run npm run build first`);
  }
  // The built bundles plus package.json (the scanner reads the Electron version from it).
  scanDir = mkdtempSync(join(tmpdir(), 'portolan-electronegativity-'));
  for (const bundle of BUNDLES) cpSync(join(ROOT, 'out', bundle), join(scanDir, 'app', bundle), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(scanDir, 'app', 'package.json'));
  const sarif = join(scanDir, 'result.sarif');
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, 'test', 'support', 'desktop', 'electronegativity.mjs'),
      join(scanDir, 'app'),
      sarif,
      EXCLUDED.join(','),
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000 },
  );
  if (run.status !== 0) throw new Error(`electronegativity failed (${run.status}): ${run.stderr}${run.stdout}`);
  const report = JSON.parse(readFileSync(sarif, 'utf8')) as {
    runs: {
      results: {
        ruleId: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string }; region?: { startLine?: number } } }[];
      }[];
    }[];
  };
  findings = report.runs.flatMap((r) =>
    r.results.map((result) => ({
      check: result.ruleId,
      file: result.locations[0]?.physicalLocation.artifactLocation.uri.replace(/\\/g, '/') ?? '?',
      line: result.locations[0]?.physicalLocation.region?.startLine ?? 0,
      message: result.message.text,
    })),
  );
}, 180_000);

afterAll(() => {
  if (scanDir) rmSync(scanDir, { recursive: true, force: true });
});

const allowlist = (
  JSON.parse(readFileSync(join(ROOT, 'electronegativity-allowlist.json'), 'utf8')) as { entries: AllowEntry[] }
).entries;

describe('Electronegativity', () => {
  it('gives every allowlist entry a reason and an exact count', () => {
    for (const entry of allowlist) {
      expect(entry.reason.trim().length, `${entry.check} on ${entry.file}`).toBeGreaterThan(30);
      expect(Number.isInteger(entry.count) && entry.count > 0).toBe(true);
    }
  });

  it('accepts no more findings than its ceiling', () => {
    const total = allowlist.reduce((sum, entry) => sum + entry.count, 0);
    expect(total).toBeLessThanOrEqual(ACCEPTED_FINDINGS_CEILING);
  });

  it('names only files that exist in its reasons', () => {
    const named = allowlist.flatMap((entry) =>
      [
        ...entry.reason.matchAll(/\b(?:electron|test|shared|renderer)\/[\w./-]*\w\.(?:ts|tsx|mjs|json|yml|html)\b/g),
      ].map((m) => m[0]),
    );
    expect(named.length).toBeGreaterThan(0);
    for (const path of named) expect(existsSync(join(ROOT, path)), path).toBe(true);
  });

  it('scanned the main, preload and renderer bundles', () => {
    // The known findings in main and the renderer prove those files were parsed.
    expect(findings.some((f) => f.file.startsWith('main/'))).toBe(true);
    expect(findings.some((f) => f.file.startsWith('renderer/'))).toBe(true);
  });

  it('finds nothing beyond the allowlist, and every entry still matches', () => {
    const key = (check: string, file: string) => `${check} ${file}`;
    const counts = new Map<string, Finding[]>();
    for (const f of findings) counts.set(key(f.check, f.file), [...(counts.get(key(f.check, f.file)) ?? []), f]);
    const problems: string[] = [];
    for (const [k, found] of counts) {
      const entry = allowlist.find((e) => key(e.check, e.file) === k);
      if (entry === undefined || found.length > entry.count) {
        for (const f of found.slice(entry?.count ?? 0))
          problems.push(`new finding: ${f.check} ${f.file}:${f.line} — ${f.message}`);
      }
    }
    for (const entry of allowlist) {
      const found = counts.get(key(entry.check, entry.file))?.length ?? 0;
      if (found < entry.count)
        problems.push(`stale allowlist entry: ${entry.check} on ${entry.file} expects ${entry.count}, found ${found}`);
    }
    expect(problems).toEqual([]);
  });
});
