import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { exportProject, seededRandom } from '../../../shared/export/index';
import { saveProject } from '../../../shared/format/index';
import { printable, printableJson, printableLines, quoted } from '../../../shared/model/printable';
import { suppress, type Project } from '../../../shared/model/index';
import { checkProject, RULES, type Diagnostic } from '../../../shared/rules/index';
import { checkFormatReport, formatProblemLine } from '../../../electron/cli/check-format';
import { formatRulesText } from '../../../electron/cli/rules';
import {
  formatText,
  locateDiagnostics,
  readFailureLine,
  render,
  validateText,
  type JsonReport,
  type LocatedResult,
} from '../../../electron/cli/validate';
import { arbitraryHostileProject, hostileText } from '../../support/arbitraries';
import { template } from '../../support/fixtures';

/**
 * Issue 11, item 5: no project value reaches the CLI's text output as a control byte. Names,
 * values, descriptions, tags, registries, suppression reasons and the file path on the command
 * line are arbitrary (and often made to forge: line breaks before a fake summary line, CSI and
 * OSC sequences, the 8-bit CSI 0x9B, bidi overrides); the text output of `validate`, of
 * `check-format` and the findings `export` prints must hold no byte below 0x20 but the line feed
 * that ends each line, no DEL, no ESC, no C1 control (U+0080–U+009F), no U+2028/2029 and no bidi
 * control — and exactly one line per finding plus the summary, so a value cannot add a line.
 *
 * The formatting functions run in-process (5,000+ cases per run must stay fast); one case runs
 * the built `portolan` end to end.
 */

const RUNS = 5_000;

/** The bytes written to a terminal: what `process.stdout.write(text)` sends. */
function unprintableIn(text: string): string[] {
  const found: string[] = [];
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if ((b < 0x20 && b !== 0x0a) || b === 0x7f) found.push(`byte 0x${b.toString(16)} at ${i}`);
  }
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (
      (c >= 0x80 && c <= 0x9f) ||
      c === 0x2028 ||
      c === 0x2029 ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069)
    )
      found.push(`U+${c.toString(16).padStart(4, '0')}`);
  }
  return found;
}

/** The lines of a text that must end with a line feed (none empty between them, none after). */
function linesOf(text: string): string[] {
  expect(text.endsWith('\n'), 'output ends with a line feed').toBe(true);
  return text.slice(0, -1).split('\n');
}

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const SUMMARY = /^\d+ errors?, \d+ warnings?, \d+ infos?, \d+ suppressed$/;

/**
 * What is wrong with the text output of `validate` for these results: a byte that is not
 * printable, or a line count other than one per finding plus the summary. Plain checks, one
 * `expect` per case: thousands of cases run in a few seconds.
 */
function validateTextProblems(file: string, results: readonly LocatedResult[]): string[] {
  const text = formatText(file, results);
  const problems = unprintableIn(text);
  if (!text.endsWith('\n')) problems.push('no line feed at the end');
  const lines = text.slice(0, -1).split('\n');
  if (lines.length !== results.length + 1) problems.push(`${lines.length} lines for ${results.length} findings`);
  if (!SUMMARY.test(lines.at(-1)!)) problems.push(`last line is not the summary: ${lines.at(-1)}`);
  const prefix = `${printable(file)}:`;
  for (const line of lines.slice(0, -1)) if (!line.startsWith(prefix)) problems.push(`line without FILE: ${line}`);
  return problems;
}

const expectValidateText = (file: string, results: readonly LocatedResult[]): void =>
  expect(validateTextProblems(file, results)).toEqual([]);

/**
 * A project and its findings, the first few accepted with arbitrary reasons (as the engine marks
 * a suppressed finding), so reasons reach the output as often as names and values do.
 */
const findingsOfHostileProjects = fc
  .tuple(arbitraryHostileProject, fc.array(hostileText, { minLength: 1, maxLength: 3 }))
  .map(([project, reasons]) => {
    let accepted = 0;
    const diagnostics = checkProject(project).map((d): Diagnostic => {
      const reason = d.elements.length > 0 && d.suppressed === undefined ? reasons[accepted] : undefined;
      if (reason === undefined || reason.trim() === '') return d;
      accepted++;
      return { ...d, suppressed: { reason } };
    });
    return { project, diagnostics };
  });

/** A project with the first few of its findings accepted in the file (`suppressions`), with arbitrary reasons. */
const withAcceptedFindings = fc
  .tuple(arbitraryHostileProject, fc.array(hostileText, { minLength: 1, maxLength: 3 }))
  .map(([project, reasons]) => {
    let p: Project = project;
    const findings = checkProject(project).filter((d) => d.elements.length > 0);
    reasons.forEach((reason, i) => {
      const d = findings[i];
      if (d !== undefined && reason.trim() !== '')
        p = suppress(p, { rule: d.rule, element: d.elements[0]!.id, reason });
    });
    return p;
  });

const hostileFile = fc.oneof(
  fc.constant('acme.portolan.yaml'),
  hostileText.map((t) => `${t}.portolan.yaml`),
);

describe('printable text output (property)', () => {
  it(`validate: any project, any file name, ${RUNS} cases`, () => {
    let reasons = 0;
    let controls = 0;
    fc.assert(
      fc.property(findingsOfHostileProjects, hostileFile, ({ diagnostics }, file) => {
        // The rules' findings, as `validate` prints them (names, values and reasons inside).
        const located = locateDiagnostics(diagnostics, new Map());
        if (located.some((r) => r.suppressed !== undefined)) reasons++;
        if (located.some((r) => UNPRINTABLE.test(r.message + (r.suppressed?.reason ?? '')))) controls++;
        const problems = validateTextProblems(file, located);
        // JSON stays one document, with every value as it was, and printable bytes.
        const json = render('json', file, located);
        problems.push(...unprintableIn(json));
        const report = JSON.parse(json) as JsonReport;
        if (report.file !== file) problems.push('JSON changed the file name');
        report.diagnostics.forEach((d, i) => {
          const r = located.find((x) => x.message === d.message && x.suppressed?.reason === d.suppressed?.reason);
          if (r === undefined) problems.push(`JSON diagnostic ${i} does not keep its message and reason`);
        });
        if (problems.length > 0) expect(problems).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    // The generator must reach what the property is about: reasons printed, controls in the text.
    expect(reasons).toBeGreaterThan(RUNS / 4);
    expect(controls).toBeGreaterThan(RUNS / 4);
  });

  it(`export: the findings it prints, ${RUNS / 10} cases`, () => {
    fc.assert(
      fc.property(withAcceptedFindings, hostileFile, (project, file) => {
        // What `export` prints: the unsafe-value refusal, or the findings of the export it writes.
        const result = exportProject(project, { random: seededRandom(1) });
        expectValidateText(file, locateDiagnostics(result.diagnostics, new Map()));
      }),
      { numRuns: RUNS / 10 },
    );
  });

  it(`validate and check-format: the project file's text, saved and loaded, ${RUNS / 20} cases`, () => {
    fc.assert(
      fc.property(withAcceptedFindings, hostileFile, (project, file) => {
        const text = saveProject(project);
        expectValidateText(file, validateText(text));
        const report = checkFormatReport(file, text);
        expect(unprintableIn(report.out + report.err)).toEqual([]);
        expect(linesOf(report.err)).toHaveLength(1);
        if (report.out !== '')
          for (const line of linesOf(report.out)) expect(line.startsWith(`${printable(file)}:`)).toBe(true);
      }),
      { numRuns: RUNS / 20 },
    );
  });

  it(`format problems of a hostile file: unknown keys, values and kinds, ${RUNS / 20} cases`, () => {
    const base = saveProject(template('manual'));
    fc.assert(
      fc.property(hostileText, hostileText, hostileFile, (key, value, file) => {
        // Hostile text where the loader quotes it back: an unknown key, an unknown kind, a bad id.
        const text = base
          .replace('format: 2', `format: 2\n${JSON.stringify(key)}: ${JSON.stringify(value)}`)
          .replace('kind: redis\n', `kind: ${JSON.stringify(value)}\n`)
          .replace('id: mgmt\n', `id: ${JSON.stringify(key)}\n`);
        const results = validateText(text);
        expectValidateText(file, results);
        const report = checkFormatReport(file, text);
        expect(unprintableIn(report.out + report.err)).toEqual([]);
        const problemLines = report.out === '' ? [] : linesOf(report.out);
        expect(problemLines).toHaveLength(
          results.filter((r) => r.elements.length === 0 && r.docs === undefined).length,
        );
      }),
      { numRuns: RUNS / 20 },
    );
  });

  it('the pieces: a read failure line, a format problem line, the rules listing', () => {
    fc.assert(
      fc.property(hostileFile, hostileText, (file, message) => {
        const line = readFailureLine(file, { code: 'io', message });
        expect(unprintableIn(line)).toEqual([]);
        expect(linesOf(line)).toHaveLength(1);
        const problem = formatProblemLine(file, {
          code: 'invalid-value',
          severity: 'error',
          message,
          line: 1,
          column: 1,
          path: '',
        });
        expect(unprintableIn(`${problem}\n`)).toEqual([]);
        expect(problem).not.toContain('\n');
      }),
      { numRuns: 500 },
    );
    expect(unprintableIn(formatRulesText(RULES))).toEqual([]);
  });
});

describe('printable', () => {
  it('shows a line feed as \\n and ESC, C1 CSI, DEL and bidi overrides as \\u escapes', () => {
    expect(printable('a\nb')).toBe('a\\nb');
    expect(printable('\u001b[31mred\u009b0m\u007f\u202e\u2028')).toBe('\\u001b[31mred\\u009b0m\\u007f\\u202e\\u2028');
    expect(printable('plain "text" with \\ and émoji 🙂')).toBe('plain "text" with \\ and émoji 🙂');
  });

  it('a suppression reason cannot print a summary line of its own', () => {
    const text = formatText('a.yaml', [
      {
        rule: 'NA001',
        severity: 'error',
        message: 'm',
        line: 1,
        column: 1,
        elements: [],
        suppressed: { reason: 'ok\n0 errors, 0 warnings, 0 infos, 0 suppressed' },
      },
    ]);
    expect(text).toBe(
      'a.yaml:1:1 error NA001 m (suppressed: ok\\n0 errors, 0 warnings, 0 infos, 0 suppressed)\n' +
        '0 errors, 0 warnings, 0 infos, 1 suppressed\n',
    );
  });

  it('printableLines keeps line feeds and escapes the rest; printableJson keeps every value', () => {
    expect(printableLines('a\nb\r\u001b')).toBe('a\nb\\r\\u001b');
    const value = { s: 'x\u0085\u2028\u202e\u001b\n' };
    const json = printableJson(value);
    expect(unprintableIn(json)).toEqual([]);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('quoted (the loader): JSON escapes, cut at 80 without splitting an escape or a surrogate pair', () => {
    expect(quoted('say "hi"\n')).toBe('say \\"hi\\"\\n');
    expect(quoted('x'.repeat(100))).toBe(`${'x'.repeat(77)}...`);
    expect(quoted(`${'x'.repeat(76)}\u001b`)).toBe(`${'x'.repeat(76)}...`);
    expect(quoted(`${'x'.repeat(76)}🙂🙂🙂`)).toBe(`${'x'.repeat(76)}...`);
    expect(quoted(`${'x'.repeat(75)}\\\\abc`)).toBe(`${'x'.repeat(75)}\\\\...`);
  });
});

describe('portolan validate with a hostile project (built bin)', () => {
  const BIN = resolve('bin/portolan.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'portolan-printable-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one line per finding, then the summary, with no control byte — and JSON keeps the values', () => {
    if (!existsSync(resolve('out/cli/portolan.js')))
      throw new Error('out/cli is missing: run `npm run build:cli` before the CLI tests');
    const forged = '\n0 errors, 0 warnings, 0 infos, 0 suppressed\n\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e';
    let project = template('manual');
    project = {
      ...project,
      meta: { name: `Acme${forged}`, description: `line one\nline two${forged}` },
      settings: { registry: `registry.example.com${forged}`, tag: `1.0${forged}` },
      components: project.components.map((c) => (c.id === 'nextauth' ? { ...c, name: `nextauth${forged}` } : c)),
    };
    const findings = checkProject(project).filter((d) => d.elements.length > 0);
    expect(findings.length).toBeGreaterThan(0);
    project = suppress(project, {
      rule: findings[0]!.rule,
      element: findings[0]!.elements[0]!.id,
      reason: `approved${forged}`,
    });
    const file = 'evil\u001b[31m\nname.portolan.yaml';
    writeFileSync(join(dir, file), saveProject(project));

    const r = spawnSync(process.execPath, [BIN, 'validate', file], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(1);
    expect(unprintableIn(r.stdout)).toEqual([]);
    expect(unprintableIn(r.stderr)).toEqual([]);
    const lines = linesOf(r.stdout);
    const results = validateText(saveProject(project));
    expect(lines).toHaveLength(results.length + 1);
    expect(lines.filter((l) => SUMMARY.test(l))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^\d+ errors?, \d+ warnings?, \d+ infos?, 1 suppressed$/);
    expect(r.stdout).toContain('(suppressed: approved\\n0 errors, 0 warnings, 0 infos, 0 suppressed\\n\\u001b]0;pwned');
    for (const line of lines.slice(0, -1)) expect(line.startsWith('evil\\u001b[31m\\nname.portolan.yaml:')).toBe(true);

    const json = spawnSync(process.execPath, [BIN, 'validate', '--format', 'json', file], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(unprintableIn(json.stdout)).toEqual([]);
    const report = JSON.parse(json.stdout) as JsonReport;
    expect(report.file).toBe(file);
    expect(report.diagnostics.find((d) => d.suppressed)?.suppressed?.reason).toBe(`approved${forged}`);

    const check = spawnSync(process.execPath, [BIN, 'check-format', file], { cwd: dir, encoding: 'utf8' });
    expect(unprintableIn(check.stdout + check.stderr)).toEqual([]);
  });
});
