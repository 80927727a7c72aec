/**
 * A small TOML 1.0 reader for Traefik's TOML configuration files, producing the same located
 * tree the YAML reader gives (shared/format/located.ts), so one Traefik reader serves both.
 * It reads what configuration files hold: comments, `[tables]` and `[[arrays of tables]]`,
 * dotted and quoted keys, the four string forms with their escapes, integers (decimal, hex,
 * octal, binary, `_` separators), floats, booleans, arrays and inline tables. Dates and times
 * are kept as their text (Traefik's configuration has none). Redefining a key or a table is an
 * error, as in TOML. https://toml.io/en/v1.0.0
 *
 * Bounded: one pass, arrays and inline tables nest at most MAX_TOML_DEPTH deep.
 */
import type { Located, LocatedEntry } from '../../format/located';

export const MAX_TOML_DEPTH = 64;

export type TomlOutcome =
  | { readonly ok: true; readonly root: Located }
  | {
      readonly ok: false;
      readonly code: 'proxy-syntax' | 'too-deep';
      readonly offset: number;
      readonly message: string;
    };

/** A map while it is filled; `explicit`: made by its own `[header]`, so a second one is an error. */
interface MutableMap {
  readonly type: 'map';
  readonly offset: number;
  readonly entries: LocatedEntry[];
  readonly byKey: Map<string, LocatedEntry>;
  explicit?: boolean;
  /** Inline tables are complete where they are written. */
  sealed?: boolean;
}

interface MutableSeq {
  readonly type: 'seq';
  readonly offset: number;
  readonly items: Located[];
  /** Made by `[[header]]` (tables may be added), not by an array value. */
  readonly ofTables: boolean;
}

class TomlError extends Error {
  constructor(
    readonly offset: number,
    message: string,
    readonly code: 'proxy-syntax' | 'too-deep' = 'proxy-syntax',
  ) {
    super(message);
  }
}

const newMap = (offset: number): MutableMap => ({ type: 'map', offset, entries: [], byKey: new Map() });

const BARE = /[A-Za-z0-9_-]/;
const ESCAPES: Readonly<Record<string, string>> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };

interface KeyPart {
  readonly key: string;
  readonly offset: number;
}

class TomlParser {
  private i = 0;
  private readonly root = newMap(0);

  constructor(private readonly text: string) {}

  parse(): Located {
    let current = this.root;
    for (;;) {
      this.skipBlank();
      if (this.i >= this.text.length) return this.root as Located;
      const c = this.text[this.i];
      if (c === '[') current = this.header();
      else this.keyValue(current);
      this.endOfLine();
    }
  }

  private fail(message: string, offset = this.i): never {
    throw new TomlError(offset, message);
  }

  /** White space, comments and line breaks between statements. */
  private skipBlank(): void {
    for (;;) {
      this.skipSpace();
      const c = this.text[this.i];
      if (c === '\n') this.i++;
      else if (c === '\r' && this.text[this.i + 1] === '\n') this.i += 2;
      else if (c === '#') this.skipComment();
      else return;
    }
  }

  private skipSpace(): void {
    while (this.text[this.i] === ' ' || this.text[this.i] === '\t') this.i++;
  }

  private skipComment(): void {
    const end = this.text.indexOf('\n', this.i);
    this.i = end === -1 ? this.text.length : end;
  }

  private endOfLine(): void {
    this.skipSpace();
    if (this.text[this.i] === '#') this.skipComment();
    const c = this.text[this.i];
    if (this.i < this.text.length && c !== '\n' && !(c === '\r' && this.text[this.i + 1] === '\n')) {
      this.fail(`expected the end of the line, found ${JSON.stringify(c)}`);
    }
  }

  private keyParts(): KeyPart[] {
    const parts: KeyPart[] = [];
    for (;;) {
      this.skipSpace();
      const offset = this.i;
      const c = this.text[this.i];
      let key: string;
      if (c === '"') key = this.basicString();
      else if (c === "'") key = this.literalString();
      else {
        const start = this.i;
        while (this.i < this.text.length && BARE.test(this.text[this.i]!)) this.i++;
        if (this.i === start)
          this.fail(`expected a key, found ${c === undefined ? 'the end of the file' : JSON.stringify(c)}`);
        key = this.text.slice(start, this.i);
      }
      parts.push({ key, offset });
      this.skipSpace();
      if (this.text[this.i] !== '.') return parts;
      this.i++;
    }
  }

  /** Walks `parts` from `from`, making implicit tables; the last table of an array of tables is entered. */
  private descend(from: MutableMap, parts: readonly KeyPart[]): MutableMap {
    let map = from;
    for (const p of parts) {
      const entry = map.byKey.get(p.key);
      if (entry === undefined) {
        const child = newMap(p.offset);
        this.add(map, p, child);
        map = child;
      } else if (entry.value.type === 'map' && !(entry.value as MutableMap).sealed) {
        map = entry.value as MutableMap;
      } else if (entry.value.type === 'seq' && (entry.value as MutableSeq).ofTables) {
        const items = (entry.value as MutableSeq).items;
        map = items[items.length - 1] as MutableMap;
      } else {
        this.fail(`${p.key} is already a value, not a table`, p.offset);
      }
    }
    return map;
  }

  private add(map: MutableMap, p: KeyPart, value: Located): void {
    if (map.byKey.has(p.key)) this.fail(`the key ${p.key} is defined twice`, p.offset);
    const entry: LocatedEntry = { key: p.key, keyOffset: p.offset, keyIsString: true, value };
    map.entries.push(entry);
    map.byKey.set(p.key, entry);
  }

  private header(): MutableMap {
    const open = this.i;
    const array = this.text[this.i + 1] === '[';
    this.i += array ? 2 : 1;
    const parts = this.keyParts();
    if (this.text.slice(this.i, this.i + (array ? 2 : 1)) !== (array ? ']]' : ']')) {
      this.fail(`expected ${array ? '"]]"' : '"]"'} to end the table header`);
    }
    this.i += array ? 2 : 1;
    const parent = this.descend(this.root, parts.slice(0, -1));
    const last = parts[parts.length - 1]!;
    const existing = parent.byKey.get(last.key);
    if (array) {
      const table = newMap(open);
      table.explicit = true;
      if (existing === undefined) {
        const seq: MutableSeq = { type: 'seq', offset: open, items: [table], ofTables: true };
        this.add(parent, last, seq as Located);
      } else if (existing.value.type === 'seq' && (existing.value as MutableSeq).ofTables) {
        (existing.value as MutableSeq).items.push(table as Located);
      } else {
        this.fail(`${last.key} is already defined, not as an array of tables`, last.offset);
      }
      return table;
    }
    if (existing === undefined) {
      const table = newMap(open);
      table.explicit = true;
      this.add(parent, last, table as Located);
      return table;
    }
    if (existing.value.type !== 'map') {
      this.fail(
        `${last.key} is already ${existing.value.type === 'seq' ? 'an array' : 'a value'}, not a table`,
        last.offset,
      );
    }
    const table = existing.value as MutableMap;
    if (table.explicit || table.sealed) {
      this.fail(`the table ${parts.map((p) => p.key).join('.')} is defined twice`, last.offset);
    }
    table.explicit = true;
    return table;
  }

  private keyValue(into: MutableMap): void {
    const parts = this.keyParts();
    if (this.text[this.i] !== '=') this.fail('expected "=" after the key');
    this.i++;
    this.skipSpace();
    const map = this.descend(into, parts.slice(0, -1));
    this.add(map, parts[parts.length - 1]!, this.value(0));
  }

  private value(depth: number): Located {
    if (depth > MAX_TOML_DEPTH)
      throw new TomlError(this.i, `arrays and inline tables nest more than ${MAX_TOML_DEPTH} deep`, 'too-deep');
    const offset = this.i;
    const c = this.text[this.i];
    if (c === '"' || c === "'") {
      const value = c === '"' ? this.basicString() : this.literalString();
      return { type: 'scalar', offset, value };
    }
    if (c === '[') return this.array(depth);
    if (c === '{') return this.inlineTable(depth);
    const m = /^[0-9A-Za-z_:+.-]+/.exec(this.text.slice(this.i, this.i + 128));
    if (m === null) this.fail(`expected a value, found ${c === undefined ? 'the end of the file' : JSON.stringify(c)}`);
    this.i += m[0].length;
    return { type: 'scalar', offset, value: this.atom(m[0], offset), source: m[0] };
  }

  private atom(word: string, offset: number): string | number | boolean {
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (/^[+-]?(?:0|[1-9](?:_?[0-9])*)$/.test(word)) return Number(word.replace(/_/g, ''));
    const radix = /^0([xob])([0-9A-Fa-f](?:_?[0-9A-Fa-f])*)$/.exec(word);
    if (radix) return parseInt(radix[2]!.replace(/_/g, ''), radix[1] === 'x' ? 16 : radix[1] === 'o' ? 8 : 2);
    if (/^[+-]?(?:0|[1-9](?:_?[0-9])*)(?:\.[0-9](?:_?[0-9])*)?(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/.test(word))
      return Number(word.replace(/_/g, ''));
    if (/^[+-]?(?:inf|nan)$/.test(word))
      return word.endsWith('inf') ? (word.startsWith('-') ? -Infinity : Infinity) : NaN;
    // Dates and times are kept as written.
    if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}|^[0-9]{2}:[0-9]{2}/.test(word)) return word;
    return this.fail(`${JSON.stringify(word)} is not a TOML value (texts need quotes)`, offset);
  }

  /** Line breaks and comments are allowed between the items of an array. */
  private skipArrayBlank(): void {
    this.skipBlank();
  }

  private array(depth: number): Located {
    const offset = this.i++;
    const items: Located[] = [];
    for (;;) {
      this.skipArrayBlank();
      if (this.text[this.i] === ']') break;
      items.push(this.value(depth + 1));
      this.skipArrayBlank();
      if (this.text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.text[this.i] !== ']') this.fail('expected "," or "]" in the array');
      break;
    }
    this.i++;
    const seq: MutableSeq = { type: 'seq', offset, items, ofTables: false };
    return seq as Located;
  }

  private inlineTable(depth: number): Located {
    const offset = this.i++;
    const map = newMap(offset);
    this.skipSpace();
    if (this.text[this.i] === '}') {
      this.i++;
      map.sealed = true;
      return map as Located;
    }
    for (;;) {
      const parts = this.keyParts();
      if (this.text[this.i] !== '=') this.fail('expected "=" after the key');
      this.i++;
      this.skipSpace();
      const into = this.descend(map, parts.slice(0, -1));
      this.add(into, parts[parts.length - 1]!, this.value(depth + 1));
      this.skipSpace();
      if (this.text[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.text[this.i] !== '}') this.fail('expected "," or "}" in the inline table (it must stay on one line)');
      this.i++;
      map.sealed = true;
      return map as Located;
    }
  }

  private basicString(): string {
    const start = this.i;
    const multi = this.text.startsWith('"""', this.i);
    this.i += multi ? 3 : 1;
    if (multi && this.text[this.i] === '\n') this.i++;
    else if (multi && this.text.startsWith('\r\n', this.i)) this.i += 2;
    let out = '';
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) this.fail('the string that starts here never ends', start);
      if (c === '"') {
        if (!multi) {
          this.i++;
          return out;
        }
        if (this.text.startsWith('"""', this.i)) {
          // Up to two quotes right before the closing three belong to the string.
          let extra = 0;
          while (extra < 2 && this.text[this.i + 3 + extra] === '"') extra++;
          this.i += 3 + extra;
          return out + '"'.repeat(extra);
        }
      }
      if ((c === '\n' || c === '\r') && !multi) this.fail('a line break inside a "…" string (use """…""")');
      if (c === '\\') {
        const e = this.text[this.i + 1];
        if (multi && (e === '\n' || e === ' ' || e === '\t' || e === '\r')) {
          // A backslash at the end of a line trims the line break and the white space after it.
          const after = /^\\[ \t]*\r?\n[ \t\r\n]*/.exec(this.text.slice(this.i, this.i + 4096));
          if (after === null) this.fail('a backslash followed by white space must end the line');
          this.i += after[0].length;
          continue;
        }
        const simple = e === undefined ? undefined : ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          this.i += 2;
          continue;
        }
        const n = e === 'u' ? 4 : e === 'U' ? 8 : 0;
        const digits = this.text.slice(this.i + 2, this.i + 2 + n);
        const cp = n > 0 && new RegExp(`^[0-9A-Fa-f]{${n}}$`).test(digits) ? parseInt(digits, 16) : -1;
        if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
          this.fail(`invalid escape \\${e ?? ''}${digits}`);
        out += String.fromCodePoint(cp);
        this.i += 2 + n;
        continue;
      }
      out += c;
      this.i++;
    }
  }

  private literalString(): string {
    const start = this.i;
    const multi = this.text.startsWith("'''", this.i);
    if (multi) {
      let from = this.i + 3;
      if (this.text[from] === '\n') from++;
      else if (this.text.startsWith('\r\n', from)) from += 2;
      const end = this.text.indexOf("'''", from);
      if (end === -1) this.fail('the string that starts here never ends', start);
      let extra = 0;
      while (extra < 2 && this.text[end + 3 + extra] === "'") extra++;
      this.i = end + 3 + extra;
      return this.text.slice(from, end + extra);
    }
    const end = this.text.indexOf("'", this.i + 1);
    const newline = this.text.indexOf('\n', this.i + 1);
    if (end === -1 || (newline !== -1 && newline < end))
      this.fail('the string that starts here never ends on its line', start);
    this.i = end + 1;
    return this.text.slice(start + 1, end);
  }
}

/** Reads a TOML document; errors carry the offset where reading stopped. */
export function parseToml(text: string): TomlOutcome {
  try {
    return { ok: true, root: new TomlParser(text).parse() };
  } catch (e) {
    if (e instanceof TomlError) return { ok: false, code: e.code, offset: e.offset, message: e.message };
    throw e;
  }
}
