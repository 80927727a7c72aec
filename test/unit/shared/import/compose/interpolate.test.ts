import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpolate, MAX_NESTING, type Lookup } from '../../../../../shared/import/compose/interpolate';

/** A: set, E: set to the empty string, anything else: unset. */
const ENV: Readonly<Record<string, string>> = { A: 'a', B: 'b', E: '', lower_9: 'low', DOLLAR: '$B' };
const lookup: Lookup = (name) => (Object.hasOwn(ENV, name) ? ENV[name] : undefined);

function value(text: string, env: Lookup = lookup): string {
  const result = interpolate(text, env);
  if (!result.ok) throw new Error(`${text}: ${result.message}`);
  return result.value;
}

describe('interpolate: every form compose v2 (compose-go template) accepts', () => {
  it.each([
    // plain references
    ['$A', 'a'],
    ['${A}', 'a'],
    ['x$A-y', 'xa-y'],
    ['$A$B', 'ab'],
    ['${A}${B}', 'ab'],
    ['$lower_9', 'low'],
    ['${lower_9}', 'low'],
    ['$_', ''],
    ['$Ax', ''], // the name runs as far as name characters go: `Ax` is unset
    ['$A.x', 'a.x'],
    ['$E', ''],
    // no interpolation
    ['plain text', 'plain text'],
    ['', ''],
    ['$$', '$'],
    ['$$A', '$A'],
    ['$${A}', '${A}'],
    ['$$$A', '$a'],
    ['$$$$', '$$'],
    ['a$', 'a$'], // compose-go's pattern does not match a lone `$` (v1 rejects it)
    ['$1', '$1'],
    ['$-x', '$-x'],
    ['$ {A}', '$ {A}'],
    ['{A}', '{A}'],
    ['}', '}'],
    // :- and -
    ['${U:-d}', 'd'],
    ['${E:-d}', 'd'],
    ['${A:-d}', 'a'],
    ['${U-d}', 'd'],
    ['${E-d}', ''],
    ['${A-d}', 'a'],
    ['${U:-}', ''],
    ['${U-}', ''],
    ['${U:-a b:c-d?e+f}', 'a b:c-d?e+f'],
    ['${U:-x}y', 'xy'],
    // :+ and +
    ['${A:+r}', 'r'],
    ['${E:+r}', ''],
    ['${U:+r}', ''],
    ['${A+r}', 'r'],
    ['${E+r}', 'r'],
    ['${U+r}', ''],
    // :? and ? when the variable is there
    ['${A:?boom}', 'a'],
    ['${A?boom}', 'a'],
    ['${E?boom}', ''],
    // nesting
    ['${U:-${V:-x}}', 'x'],
    ['${U:-${A}}', 'a'],
    ['${U:-$A}', 'a'],
    ['${U:-${E:-${B}}}-tail', 'b-tail'],
    ['${A:+${B}/${A}}', 'b/a'],
    ['${U:-$$}', '$'],
    ['${U:-$${A}}', '${A}'],
    ['${DOLLAR}', '$B'], // values are not interpolated again
    // braces inside defaults count like compose-go's getFirstBraceClosingIndex
    ['${U:-{x}}', '{x}'],
    ['${U:-{x}', '{x'], // no matching `}`: the last `}` on the line ends it
    ['${U:-}}', '}'],
    ['${U:-a}}', 'a}'],
    ['${U:-{}}x}', '{}}x'], // the character after a `{` is skipped, even a `}`
    ['${U:-x} ${U:-y}', 'x y'],
    // line breaks outside expressions are text
    ['a\n${A}\nb', 'a\na\nb'],
    ['${U:-x}\n${U:-y}', 'x\ny'],
  ])('%j → %j', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it('keeps the operator right after the name, whatever follows', () => {
    expect(value('${U-x:-y}')).toBe('x:-y');
    expect(value('${U:-x-y}')).toBe('x-y');
    expect(value('${A:+x?y}')).toBe('x?y');
    expect(value('${U?x:-y}'.replace('U', 'A'))).toBe('a');
  });
});

describe('interpolate: required variables', () => {
  it.each([
    ['${U:?boom}', 'required variable U is missing a value: boom', 0],
    ['${U?boom}', 'required variable U is missing a value: boom', 0],
    ['${E:?boom}', 'required variable E is missing a value: boom', 0],
    ['${U:?}', 'required variable U is missing a value', 0],
    ['${U?}', 'required variable U is missing a value', 0],
    ['pre ${A} ${U:?set U: $A and $$}', 'required variable U is missing a value: set U: a and $', 9],
    ['${U:-${V:?inner}}', 'required variable V is missing a value: inner', 5],
  ])('%j fails with %j at %d', (text, message, offset) => {
    expect(interpolate(text, lookup)).toEqual({ ok: false, code: 'interpolation-required', message, offset });
  });

  it('interpolates the message only when it is used (compose-go withRequired)', () => {
    expect(interpolate('${A:?${1}}', lookup)).toEqual({ ok: true, value: 'a' });
  });
});

describe('interpolate: syntax errors at the offset of their `$`', () => {
  it.each([
    ['${', 0, 'not closed'],
    ['x ${', 2, 'not closed'],
    ['${}', 0, 'names no variable'],
    ['${1}', 0, 'variable name'],
    ['${-}', 0, 'variable name'],
    ['${ A}', 0, 'variable name'],
    ['${A', 0, 'not closed'],
    ['ab${A x}', 2, 'unexpected " "'],
    ['${A:x}', 0, 'unexpected ":"'],
    ['${A.b}', 0, 'unexpected "."'],
    ['${A:-x', 0, 'not closed'],
    ['${A:-x\n}', 0, 'not closed'], // compose-go's `.` does not cross a line break
    ['${A\n}', 0, 'not closed'],
    ['${A}${B:-', 4, 'not closed'],
    ['${U:-${1}}', 5, 'variable name'],
    // compose-go ends the outer expression at the last `}` (its count never reaches 0); the default `${V` is broken
    ['${U:-${V}', 5, 'not closed'],
  ])('%j → error at %d (%s)', (text, offset, fragment) => {
    const result = interpolate(text, lookup);
    expect(result).toMatchObject({ ok: false, code: 'interpolation-syntax', offset });
    if (!result.ok) {
      expect(result.message).toContain(fragment);
      expect(result.message).toContain('escape any $ with another $');
    }
  });

  it('reports nothing for a broken default that is not used (compose-go interpolates it lazily)', () => {
    expect(interpolate('${A:-${1}}', lookup)).toEqual({ ok: true, value: 'a' });
    expect(interpolate('${U:+${1}}', lookup)).toEqual({ ok: true, value: '' });
  });
});

describe('interpolate: unset variables', () => {
  it('reports each unset variable used without a default, with its offset', () => {
    const heard: [string, number][] = [];
    const result = interpolate('$U ${V} ${W:-x} ${A} $$X ${Y:-$Z} ${Q+$R}', lookup, (name, offset) =>
      heard.push([name, offset]),
    );
    expect(result).toEqual({ ok: true, value: '  x a $X  ' });
    expect(heard).toEqual([
      ['U', 0],
      ['V', 3],
      ['Z', 30],
    ]);
  });
});

describe('interpolate: hostile input', () => {
  const unset: Lookup = () => undefined;

  it(`refuses nesting deeper than ${MAX_NESTING} levels with a clear error, without blowing the stack`, () => {
    const depth = 10_000;
    const text = '${A:-'.repeat(depth) + 'x' + '}'.repeat(depth);
    const result = interpolate(text, unset);
    expect(result).toMatchObject({ ok: false, code: 'interpolation-syntax', offset: MAX_NESTING * 5 });
    if (!result.ok) expect(result.message).toContain(`nested more than ${MAX_NESTING} levels`);
  });

  it('accepts nesting up to the limit', () => {
    const text = '${A:-'.repeat(MAX_NESTING) + 'x' + '}'.repeat(MAX_NESTING);
    expect(interpolate(text, unset)).toEqual({ ok: true, value: 'x' });
  });

  it('does not descend into a deep default that is not used', () => {
    const depth = 10_000;
    const text = '${A:-'.repeat(depth) + 'x' + '}'.repeat(depth);
    expect(interpolate(text, () => 'set')).toEqual({ ok: true, value: 'set' });
  });

  it.each([
    ['${A}'.repeat(200_000), true],
    ['$'.repeat(800_000), true],
    ['${U:-x}'.repeat(100_000) + 'y'.repeat(500_000), true],
    ['$$'.repeat(400_000), true],
    [`\${U:-${'{'.repeat(400_000)}}`, true],
    ['a'.repeat(1_000_000), true],
    // Each `${U:-{x}` runs to the last `}` (compose-go), so every one nests in the one before.
    ['${U:-{x}'.repeat(100_000), false],
  ])('stays linear on a huge input (%#)', (text, ok) => {
    expect(interpolate(text, unset).ok).toBe(ok);
  });

  it('fails fast on many unterminated expressions', () => {
    expect(interpolate('${A:-'.repeat(200_000), unset).ok).toBe(false);
  });
});

describe('interpolate: properties', () => {
  it('a text without `$` is itself', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('$')),
        (text) => {
          expect(interpolate(text, () => 'never')).toEqual({ ok: true, value: text });
        },
      ),
    );
  });

  it('any text with every `$` doubled reads back as itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(
          interpolate(
            text.replaceAll('$', () => '$$'),
            () => 'never',
          ),
        ).toEqual({ ok: true, value: text });
      }),
    );
  });

  it('${NAME:-d} is the value when non-empty, otherwise the (escaped) default', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/),
        fc.option(fc.string(), { nil: undefined }),
        fc.string().filter((d) => !/[{}\n]/.test(d)),
        (name, set, fallback) => {
          const env: Lookup = (n) => (n === name ? set : undefined);
          const result = interpolate(`\${${name}:-${fallback.replaceAll('$', () => '$$')}}`, env);
          expect(result).toEqual({ ok: true, value: set ? set : fallback });
        },
      ),
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[${}:?+\-A-Z0-9 \n]*$/), (text) => {
        const result = interpolate(text, (n) => (n.length % 2 === 0 ? undefined : n));
        if (!result.ok) {
          expect(result.offset).toBeGreaterThanOrEqual(0);
          expect(result.offset).toBeLessThan(text.length);
          expect(text[result.offset]).toBe('$');
        }
      }),
    );
  });
});
