/** The small TOML reader: what configuration files hold, TOML's own errors, offsets, bounds. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Located } from '../../../../../shared/format/located';
import { MAX_TOML_DEPTH, parseToml } from '../../../../../shared/import/proxy/toml';

function plain(node: Located): unknown {
  if (node.type === 'scalar') return node.value;
  if (node.type === 'seq') return node.items.map(plain);
  return Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]));
}

function read(text: string): unknown {
  const result = parseToml(text);
  if (!result.ok) throw new Error(`${result.offset}: ${result.message}`);
  return plain(result.root);
}

function error(text: string): { offset: number; message: string; code: string } {
  const result = parseToml(text);
  if (result.ok) throw new Error('read, but an error was expected');
  return result;
}

describe('TOML reader', () => {
  it('reads tables, dotted and quoted keys, and arrays of tables', () => {
    expect(
      read(
        '# c\ntitle = "x" # trailing\n[a.b]\nc = 1\n"d.e" = 2\nf.g = 3\n[a]\nz = true\n[[list]]\nn = 1\n[[list]]\nn = 2\n[list.sub]\nk = \'v\'\n',
      ),
    ).toEqual({
      title: 'x',
      a: { b: { c: 1, 'd.e': 2, f: { g: 3 } }, z: true },
      list: [{ n: 1 }, { n: 2, sub: { k: 'v' } }],
    });
  });

  it('reads the four string forms with their escapes', () => {
    expect(
      read(
        'a = "t\\tq\\"u\\u00e9\\U0001F600"\nb = \'C:\\raw\'\nc = """\nline1\nline2 \\\n   joined"""\nd = \'\'\'\n\'quoted\' raw\\n\'\'\'\ne = """x""""\n',
      ),
    ).toEqual({ a: 't\tq"ué😀', b: 'C:\\raw', c: 'line1\nline2 joined', d: "'quoted' raw\\n", e: 'x"' });
  });

  it('reads numbers, booleans, dates as text, arrays over lines and inline tables', () => {
    expect(
      read(
        'i = 1_000\nh = 0xff\no = 0o17\nb = 0b101\nf = -1.5e3\nn = +inf\nt = false\nd = 1979-05-27T07:32:00Z\narr = [\n  1, # one\n  [2, "x"],\n]\nin = { x = 1, y.z = "w" }\ne = {}\n',
      ),
    ).toEqual({
      i: 1000,
      h: 255,
      o: 15,
      b: 5,
      f: -1500,
      n: Infinity,
      t: false,
      d: '1979-05-27T07:32:00Z',
      arr: [1, [2, 'x']],
      in: { x: 1, y: { z: 'w' } },
      e: {},
    });
  });

  it('gives offsets of keys and values', () => {
    const result = parseToml('[t]\n  key = "v"\n');
    expect(result.ok).toBe(true);
    if (!result.ok || result.root.type !== 'map') return;
    const t = result.root.entries[0]!;
    expect(t.keyOffset).toBe(1);
    const entry = t.value.type === 'map' ? t.value.entries[0]! : undefined;
    expect([entry?.keyOffset, entry?.value.offset]).toEqual([6, 12]);
  });

  it.each([
    ['a = 1\na = 2\n', 6, /defined twice/],
    ['[t]\n[t]\n', 5, /defined twice/],
    ['a = 1\n[a]\n', 7, /already a value/],
    ['a = { b = 1 }\n[a]\n', 15, /defined twice/],
    ['a = "x\ny"\n', 6, /line break/],
    ["a = 'x\n", 4, /never ends/],
    ['a = """x', 4, /never ends/],
    ['a = bare\n', 4, /not a TOML value/],
    ['a = 1 b = 2\n', 6, /end of the line/],
    ['a = [1 2]\n', 7, /"," or "\]"/],
    ['a = { b = 1\n}\n', 11, /one line/],
    ['[a\n', 2, /"\]"/],
    ['= 1\n', 0, /expected a key/],
    ['a 1\n', 2, /"="/],
    ['a = "\\q"\n', 5, /invalid escape/],
    ['[[t]]\n[t]\n', 7, /already an array/],
  ])('refuses %j at offset %i', (text, offset, message) => {
    const e = error(text);
    expect(e.offset).toBe(offset);
    expect(e.message).toMatch(message);
  });

  it('refuses nesting deeper than the bound', () => {
    const e = error(`a = ${'['.repeat(100_000)}`);
    expect(e.code).toBe('too-deep');
    expect(e.offset).toBe(4 + MAX_TOML_DEPTH + 1);
  });

  it('never throws on any text', () => {
    const piece = fc.constantFrom(
      'a',
      ' = ',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '.',
      '\n',
      '#',
      '\\',
      '1',
      'true',
      '"""',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const result = parseToml(text);
        return result.ok || (result.offset >= 0 && result.offset <= text.length);
      }),
      { numRuns: 3000 },
    );
  });
});
