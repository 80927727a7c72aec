/**
 * dclint (npm `dclint`, pinned in package.json, configured by the repository's `.dclintrc.yaml`)
 * on the compose file of every template with every proxy flavour: zero errors, and no warning but
 * the one the configuration keeps on purpose (require-project-name-field: docker-compose v1
 * refuses a top-level `name:`). One dclint run lints all twelve files, offline: a module loaded
 * first (`--import`) makes any name lookup or socket connect throw, so a linter that fetched a
 * schema would fail here.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProject, seededRandom } from '../../../shared/export/index';
import type { ProxyFlavour } from '../../../shared/model/types';
import { TEMPLATE_IDS } from '../../../shared/templates/index';
import { template } from '../../support/fixtures';

const ROOT = resolve(__dirname, '../../..');
const DCLINT = join(ROOT, 'node_modules/dclint/bin/dclint.cjs');
const CONFIG = join(ROOT, '.dclintrc.yaml');
const NO_NETWORK = join(ROOT, 'test/support/no-network.mjs');
const FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];
const CASES = TEMPLATE_IDS.flatMap((id) => FLAVOURS.map((flavour) => `${id}-${flavour}`));
/** Warnings the configuration keeps on, with the reason in `.dclintrc.yaml`. */
const EXPECTED_WARNINGS = new Set(['require-project-name-field']);

interface DclintMessage {
  readonly rule: string;
  readonly type: 'error' | 'warning';
  readonly category: string;
  readonly message: string;
  readonly line: number;
}
interface DclintReport {
  readonly filePath: string;
  readonly messages: readonly DclintMessage[];
}

function dclint(
  files: readonly string[],
  cwd: string,
): { status: number | null; reports: DclintReport[]; stderr: string } {
  const r = spawnSync(
    process.execPath,
    ['--import', NO_NETWORK, DCLINT, ...files, '-c', CONFIG, '-f', 'json', '--color', 'false'],
    {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd },
      timeout: 60_000,
    },
  );
  try {
    return { status: r.status, reports: JSON.parse(r.stdout) as DclintReport[], stderr: r.stderr };
  } catch {
    throw new Error(`dclint printed no JSON report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

let dir: string;
let reports: ReadonlyMap<string, DclintReport>;
let elapsed = 0;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'portolan-dclint-'));
  const files: string[] = [];
  for (const id of TEMPLATE_IDS)
    for (const flavour of FLAVOURS) {
      const result = exportProject(template(id), { random: seededRandom(1), proxy: flavour });
      if (!result.ok) throw new Error(`export of ${id} with ${flavour} refused`);
      const compose = result.files.find((f) => f.path === 'docker-compose.yml')!;
      mkdirSync(join(dir, `${id}-${flavour}`));
      const file = `${id}-${flavour}/docker-compose.yml`;
      writeFileSync(join(dir, file), compose.contents);
      files.push(file);
    }
  const started = Date.now();
  const run = dclint(files, dir);
  elapsed = Date.now() - started;
  reports = new Map(run.reports.map((r) => [r.filePath.replace(/\/docker-compose\.yml$/, ''), r]));
}, 90_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dclint on the exported compose files', () => {
  it('lints all twelve files in one offline run that takes a few seconds at most', () => {
    expect([...reports.keys()].sort()).toEqual([...CASES].sort());
    expect(elapsed).toBeLessThan(20_000);
  });

  it.each(CASES)('%s: zero errors, and only the warnings the configuration keeps', (name) => {
    const messages = reports.get(name)!.messages;
    const shown = messages.map((m) => `${m.line} ${m.type} ${m.rule}: ${m.message}`).join('\n');
    expect(
      messages.filter((m) => m.type === 'error'),
      shown,
    ).toEqual([]);
    expect(
      messages.filter((m) => !EXPECTED_WARNINGS.has(m.rule)),
      shown,
    ).toEqual([]);
  });

  it('is silenced nowhere but for the duplicate-port check on a ports: key binding both address families', () => {
    for (const name of CASES) {
      const lines = readFileSync(join(dir, name, 'docker-compose.yml'), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (!line.includes('dclint')) return;
        expect(line, name).toMatch(/^ {4}# dclint disable-line no-duplicate-exported-ports$/);
        expect(lines[i + 1], name).toBe('    ports:');
        expect(lines[i + 2], name).toMatch(/^ {6}- "0\.0\.0\.0:(\d+):\d+"$/);
        expect(lines[i + 3], name).toMatch(/^ {6}- "\[::\]:(\d+):\d+"$/);
      });
      expect(
        lines.some((l) => l.startsWith('# dclint disable-file')),
        name,
      ).toBe(false);
    }
  });

  it('still finds what it exists to find: an unbound port, an untagged image, a duplicate port', () => {
    const bad =
      'services:\n  a:\n    image: "nginx"\n    ports:\n      - "80:80"\n  b:\n    image: "redis:7.4-alpine"\n    ports:\n      - "127.0.0.1:80:80"\n';
    mkdirSync(join(dir, 'bad'), { recursive: true });
    writeFileSync(join(dir, 'bad/docker-compose.yml'), bad);
    const run = dclint(['bad/docker-compose.yml'], dir);
    expect(run.status).not.toBe(0);
    const rules = new Set(run.reports[0]!.messages.filter((m) => m.type === 'error').map((m) => m.rule));
    expect([...rules].sort()).toEqual([
      'no-duplicate-exported-ports',
      'no-unbound-port-interfaces',
      'service-image-require-explicit-tag',
    ]);
  });

  it('turns off style rules only, and says why for each (.dclintrc.yaml)', () => {
    const text = readFileSync(CONFIG, 'utf8');
    const off = [...text.matchAll(/^ {2}([a-z-]+): 0$/gm)].map((m) => m[1]!);
    expect(off.length).toBeGreaterThan(0);
    const lines = text.split('\n');
    for (const rule of off) {
      const at = lines.findIndex((l) => l === `  ${rule}: 0`);
      expect(lines[at - 1], `${rule} has its reason on the line above`).toMatch(/^ {2}# /);
      expect(STYLE_RULES.has(rule), `${rule} is a style rule`).toBe(true);
    }
  });

  it('runs offline: the module loaded first refuses a connection', () => {
    const r = spawnSync(
      process.execPath,
      ['--import', NO_NETWORK, '-e', "require('node:net').connect(443, 'example.com')"],
      { encoding: 'utf8', timeout: 10_000 },
    );
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('network access refused');
  });
});

/** dclint 3.1's rules of category "style" (from its rule classes); security and best-practice rules stay on. */
const STYLE_RULES: ReadonlySet<string> = new Set([
  'no-quotes-in-volumes',
  'service-dependencies-alphabetical-order',
  'service-keys-order',
  'service-ports-alphabetical-order',
  'services-alphabetical-order',
  'top-level-properties-order',
]);
