/** Traefik's rule language: matchers, &&, ||, !, parentheses, both string forms, errors at their offset, bounds. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ALTERNATIVES, MAX_RULE_DEPTH, parseRule } from '../../../../../shared/import/proxy/traefik-rule';

/** The alternatives as `Name(args)` lists, `!` for negated matchers. */
function alternatives(rule: string): string[][] {
  const result = parseRule(rule);
  if (!result.ok) throw new Error(`${result.offset}: ${result.message}`);
  return result.alternatives.map((a) => a.map((m) => `${m.negated ? '!' : ''}${m.name}(${m.args.join(',')})`));
}

function error(rule: string): { offset: number; message: string } {
  const result = parseRule(rule);
  if (result.ok) throw new Error('parsed, but an error was expected');
  return result;
}

describe('Traefik rules', () => {
  it('reads a matcher, a conjunction and several arguments', () => {
    expect(alternatives('Host(`a.example.com`)')).toEqual([['Host(a.example.com)']]);
    expect(alternatives('Host(`a`) && PathPrefix(`/x`)')).toEqual([['Host(a)', 'PathPrefix(/x)']]);
    expect(alternatives('Host(`a`, `b`)')).toEqual([['Host(a,b)']]);
  });

  it('multiplies && over || and keeps precedence: && binds tighter', () => {
    expect(alternatives('Host(`a`) && (PathPrefix(`/x`) || PathPrefix(`/y`))')).toEqual([
      ['Host(a)', 'PathPrefix(/x)'],
      ['Host(a)', 'PathPrefix(/y)'],
    ]);
    expect(alternatives('Host(`a`) || Host(`b`) && Path(`/p`)')).toEqual([['Host(a)'], ['Host(b)', 'Path(/p)']]);
  });

  it('pushes negation down to the matchers (De Morgan)', () => {
    expect(alternatives('!(Host(`a`) || Host(`b`))')).toEqual([['!Host(a)', '!Host(b)']]);
    expect(alternatives('!(Host(`a`) && !PathPrefix(`/x`))')).toEqual([['!Host(a)'], ['PathPrefix(/x)']]);
  });

  it('reads Go double-quoted strings with escapes, and backticks raw', () => {
    expect(alternatives('Host("a\\x2eb") && PathPrefix("/\\u00e9\\t") && Path(`/\\n`)')).toEqual([
      ['Host(a.b)', 'PathPrefix(/é\t)', 'Path(/\\n)'],
    ]);
  });

  it('gives the offset of each matcher', () => {
    const result = parseRule('  Host(`a`) &&\n PathPrefix(`/x`)');
    expect(result.ok && result.alternatives[0]!.map((m) => m.offset)).toEqual([2, 16]);
  });

  it.each([
    ['Host(`a`', 8, /"," or "\)"/],
    ['Host(`a) ', 5, /never ends/],
    ['Host("a) ', 5, /never ends/],
    ['Host(`a`) & Path(`/`)', 10, /unexpected "&"/],
    ['Host(`a`) && ', 13, /expected a matcher/],
    ['Host(a)', 5, /expected an argument/],
    ['(Host(`a`)', 10, /expected "\)"/],
    ['Host(`a`) Path(`/`)', 10, /expected "&&", "\|\|" or the end/],
    ['Host("\\q")', 6, /unknown escape/],
    ['Host("\\ud800")', 6, /invalid escape/],
    ['Host(`a`) && 5', 13, /unexpected "5"/],
    ['', 0, /expected a matcher/],
  ])('refuses %j at offset %i', (rule, offset, message) => {
    const e = error(rule);
    expect(e.offset).toBe(offset);
    expect(e.message).toMatch(message);
  });

  it('refuses deep nesting, long rules and too many alternatives', () => {
    expect(error(`${'('.repeat(MAX_RULE_DEPTH + 5)}Host(\`a\`)${')'.repeat(MAX_RULE_DEPTH + 5)}`).message).toMatch(
      /nests/,
    );
    expect(error('!'.repeat(1000)).message).toMatch(/nests/);
    expect(error(`Host(\`${'a'.repeat(20_000)}\`)`).message).toMatch(/longer than/);
    const bomb = Array.from({ length: 12 }, () => '(Host(`a`) || Host(`b`))').join(' && ');
    expect(error(bomb).message).toMatch(new RegExp(`more than ${MAX_ALTERNATIVES} alternatives`));
  });

  it('never throws on any text', () => {
    const piece = fc.constantFrom(
      'Host',
      'Path',
      '(',
      ')',
      '`a`',
      '"b"',
      ',',
      '&&',
      '||',
      '!',
      ' ',
      '\\',
      '"',
      '`',
      'x',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const rule = pieces.join('');
        const result = parseRule(rule);
        return result.ok || (result.offset >= 0 && result.offset <= rule.length);
      }),
      { numRuns: 3000 },
    );
  });
});
