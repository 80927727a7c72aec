import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dotenvValue } from '../../../../shared/export/dotenv';
import {
  describeDotenvMerge,
  mergeDotenv,
  NOTES_HEADER,
  parseDotenv,
  UNUSED_HEADER,
  type DotenvMerge,
  type DotenvProblemCode,
} from '../../../../shared/export/dotenv-merge';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import type { Project } from '../../../../shared/model/types';
import { setEnv, template } from '../../../support/fixtures';

/** The `.env` an export of `project` writes with the seeded random source `seed`. */
function freshEnv(project: Project, seed: number): string {
  const result = exportProject(project, { random: seededRandom(seed) });
  if (!result.ok) throw new Error('the fixture does not export');
  const env = result.files.find((f) => f.path === '.env');
  if (!env) throw new Error('no .env in the export');
  return env.contents;
}

const ok = (m: DotenvMerge) => {
  if (!m.ok) throw new Error(`merge refused: ${m.problem.code} ${m.problem.line}:${m.problem.column}`);
  return m;
};

/** Replaces the line of `name` (which must exist) by `line`. */
function edit(text: string, name: string, line: string): string {
  const re = new RegExp(`^${name}=.*$`, 'm');
  expect(text).toMatch(re);
  return text.replace(re, line);
}

/** The value compose reads for `name` in `text` (undefined when it is not set). */
function valueOf(text: string, name: string): string | undefined {
  const parsed = parseDotenv(text);
  if (!parsed.ok) throw new Error(`does not parse: ${parsed.problem.code}`);
  return parsed.env.assignments.find((a) => a.name === name)?.value;
}

const manual = template('manual');

describe('re-export merges .env: the operator file wins', () => {
  it('keeps every value already there, exactly as written, including quoted ones', () => {
    let previous = freshEnv(manual, 1);
    // The operator fills in the license (a value that needs quoting) and changes a secret.
    previous = edit(previous, 'NEXTAUTH_LICENSE', "NEXTAUTH_LICENSE='LIC 2026 #42 $notavar ${NOR_THIS}'");
    previous = edit(previous, 'NEXTAUTH_ROOT_API_KEY', 'NEXTAUTH_ROOT_API_KEY="operator \\"chosen\\" key"');
    previous = edit(previous, 'MYSQL_PASSWORD', 'MYSQL_PASSWORD=bare-value # rotated by ops');
    const fresh = freshEnv(manual, 2);
    expect(fresh).not.toBe(freshEnv(manual, 1)); // the new export really has other secrets

    const merged = ok(mergeDotenv(previous, fresh));
    const previousAssignments = previous.split('\n').filter((l) => /^[A-Z_]+=/.test(l));
    expect(previousAssignments.length).toBeGreaterThanOrEqual(7);
    const lines = merged.text.split('\n');
    for (const line of previousAssignments) expect(lines).toContain(line);
    expect(valueOf(merged.text, 'NEXTAUTH_LICENSE')).toBe('LIC 2026 #42 $notavar ${NOR_THIS}');
    expect(valueOf(merged.text, 'NEXTAUTH_ROOT_API_KEY')).toBe('operator "chosen" key');
    expect(valueOf(merged.text, 'MYSQL_PASSWORD')).toBe('bare-value');
    expect(merged.report).toMatchObject({ generated: [], asked: [], unused: [], unfilled: [], differs: [] });
    expect(merged.report.kept).toHaveLength(previousAssignments.length);
    // The layout is the fresh export's: same lines, apart from the values kept.
    expect(merged.text.split('\n').length).toBe(fresh.split('\n').length);
  });

  it('generates only what is missing and asks for new inputs', () => {
    const previous = freshEnv(manual, 1)
      .split('\n')
      .filter((l) => !l.startsWith('MYSQL_ROOT_PASSWORD='))
      .join('\n');
    const project = setEnv(manual, 'nextauth', 'NEXTAUTH_SMTP_PASSWORD', { type: 'input', prompt: 'SMTP password' });
    const fresh = freshEnv(project, 2);
    const merged = ok(mergeDotenv(previous, fresh));
    expect(merged.report.generated).toEqual(['MYSQL_ROOT_PASSWORD']);
    expect(merged.report.asked).toEqual(['NEXTAUTH_SMTP_PASSWORD']);
    expect(merged.report.unfilled).toEqual(['NEXTAUTH_LICENSE', 'NEXTAUTH_SMTP_PASSWORD']);
    expect(valueOf(merged.text, 'MYSQL_ROOT_PASSWORD')).toBe(valueOf(fresh, 'MYSQL_ROOT_PASSWORD'));
    expect(valueOf(merged.text, 'MYSQL_PASSWORD')).toBe(valueOf(previous, 'MYSQL_PASSWORD'));
    expect(valueOf(merged.text, 'MYSQL_PASSWORD')).not.toBe(valueOf(fresh, 'MYSQL_PASSWORD'));
  });

  it('keeps a variable no longer used, commented out with a note, and never duplicates it', () => {
    const previous = `${freshEnv(manual, 1)}\n# my note about the old proxy\nOLD_PROXY_TOKEN='tok en'\n`;
    const first = ok(mergeDotenv(previous, freshEnv(manual, 2)));
    expect(first.report.unused).toEqual(['OLD_PROXY_TOKEN']);
    expect(first.report.notesMoved).toBe(1);
    const lines = first.text.split('\n');
    expect(lines).toContain(UNUSED_HEADER);
    expect(lines).toContain("# OLD_PROXY_TOKEN='tok en'");
    expect(lines).toContain(NOTES_HEADER);
    expect(lines).toContain('# my note about the old proxy');
    // compose does not read it any more.
    expect(valueOf(first.text, 'OLD_PROXY_TOKEN')).toBeUndefined();

    // Later re-exports: the same text, the variable still kept once, reported as still unused.
    const second = ok(mergeDotenv(first.text, freshEnv(manual, 3)));
    expect(second.text).toBe(first.text);
    expect(second.report).toMatchObject({ unused: [], stillUnused: ['OLD_PROXY_TOKEN'], notesMoved: 0 });
    const third = ok(mergeDotenv(second.text, freshEnv(manual, 4)));
    expect(third.text).toBe(first.text);
    expect(third.text.split("# OLD_PROXY_TOKEN='tok en'")).toHaveLength(2);

    // Used again: its old value comes back.
    const again = setEnv(manual, 'nextauth', 'OLD_PROXY_TOKEN', { type: 'secret', length: 32 });
    const back = ok(mergeDotenv(third.text, freshEnv(again, 5)));
    expect(back.report.restored).toEqual(['OLD_PROXY_TOKEN']);
    expect(valueOf(back.text, 'OLD_PROXY_TOKEN')).toBe('tok en');
    expect(back.text).not.toContain(UNUSED_HEADER);
  });

  it('is idempotent on a second re-export with fresh secrets', () => {
    const previous = edit(freshEnv(manual, 1), 'NEXTAUTH_LICENSE', 'NEXTAUTH_LICENSE=abc');
    const once = ok(mergeDotenv(previous, freshEnv(manual, 2)));
    const twice = ok(mergeDotenv(once.text, freshEnv(manual, 3)));
    expect(twice.text).toBe(once.text);
    expect(once.text).toBe(previous); // nothing to change: the operator's file comes back as it was
  });

  it('keeps the operator value of a project setting and reports that it differs', () => {
    const previous = edit(freshEnv(manual, 1), 'PORTOLAN_NEXTAUTH_TAG', 'PORTOLAN_NEXTAUTH_TAG=1.2.3');
    const merged = ok(mergeDotenv(previous, freshEnv(manual, 2)));
    expect(merged.report.differs).toEqual(['PORTOLAN_NEXTAUTH_TAG']);
    expect(valueOf(merged.text, 'PORTOLAN_NEXTAUTH_TAG')).toBe('1.2.3');
    // An empty registry is a setting, not an input waiting to be filled.
    expect(merged.report.unfilled).toEqual(['NEXTAUTH_LICENSE']);
  });

  it('reports names only, never a value', () => {
    const secretValues = ["'LIC-SECRET-123'", 'OPERATOR-KEY-xyz', 'OLD-VALUE-987'];
    let previous = freshEnv(manual, 1);
    previous = edit(previous, 'NEXTAUTH_LICENSE', `NEXTAUTH_LICENSE=${secretValues[0]}`);
    previous = edit(previous, 'PORTOLAN_NEXTAUTH_TAG', `PORTOLAN_NEXTAUTH_TAG=${secretValues[1]}`);
    previous += `GONE=${secretValues[2]}\n`;
    const fresh = freshEnv(setEnv(manual, 'nextauth', 'NEW_SECRET', { type: 'secret', length: 32 }), 2);
    const merged = ok(mergeDotenv(previous, fresh));
    const line = describeDotenvMerge(merged.report);
    expect(line).toBe(
      'kept 7; generated: NEW_SECRET; no longer used (kept, commented out): GONE; kept yours, the project says otherwise: PORTOLAN_NEXTAUTH_TAG',
    );
    const everything = `${line}\n${JSON.stringify(merged.report)}`;
    for (const v of [
      ...secretValues,
      'LIC-SECRET-123',
      valueOf(fresh, 'NEW_SECRET')!,
      valueOf(fresh, 'MYSQL_PASSWORD')!,
    ])
      expect(everything).not.toContain(v);
  });

  it.each([
    ["A='abc", 'env-unterminated-quote', 3],
    ['A="abc', 'env-unterminated-quote', 3],
    ["A='line one\nline two'", 'env-unterminated-quote', 3],
    ["A=it's", 'env-ambiguous-value', 5],
    ["A='x'y", 'env-ambiguous-value', 6],
    ["A='x\\'", 'env-ambiguous-value', 5],
    ['1A=x', 'env-invalid-name', 1],
    ['A-B=x', 'env-invalid-name', 2],
    ['A x', 'env-syntax', 3],
    ['A: x', 'env-syntax', 2],
    ['A=a\u001bb', 'env-control-character', 4],
    ['A=a\rb', 'env-control-character', 4],
    ['A=1\n# again\nA=2', 'env-duplicate-variable', 1],
  ] as [string, DotenvProblemCode, number][])(
    'refuses %j with %s at its line:column, never guessing',
    (bad, code, column) => {
      const previous = `# header\nGOOD=1\n${bad}\n`;
      const line = 3 + (code === 'env-duplicate-variable' ? 2 : 0);
      const merged = mergeDotenv(previous, freshEnv(manual, 2));
      expect(merged.ok).toBe(false);
      if (merged.ok) return;
      expect(merged.source).toBe('previous');
      expect(merged.problem).toMatchObject({ code, line, column });
      expect(merged.problem.message.length).toBeGreaterThan(10);
    },
  );

  it('reads CRLF line ends, export prefixes and spaces around = like compose does', () => {
    const parsed = parseDotenv("export A=1\r\nB = 'two words'\r\n  C=x #c\r\n");
    expect(parsed.ok && parsed.env.assignments.map((a) => [a.name, a.value])).toEqual([
      ['A', '1'],
      ['B', 'two words'],
      ['C', 'x'],
    ]);
  });

  it('reads back every value the writer quotes, exactly (property)', () => {
    // What dotenvValue writes, this module reads as the same value; the writer refuses the rest.
    const printable = fc.string({
      unit: fc.constantFrom(...'aZ9 _-./:@,+#$\'"\\{}!*?=\t~`é€'.split('')),
      maxLength: 24,
    });
    fc.assert(
      fc.property(printable, (value) => {
        let written: string;
        try {
          written = dotenvValue(value);
        } catch {
          return /['\n\r]/.test(value) || value.endsWith('\\');
        }
        const merged = mergeDotenv(`X=${written}\n`, 'X=\n');
        return merged.ok && valueOf(merged.text, 'X') === value && merged.text === `X=${written}\n`;
      }),
      { numRuns: 2000 },
    );
  });
});
