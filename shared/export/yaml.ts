/*
 * Exported YAML (compose, Traefik) is written by this small emitter rather than the `yaml` library, for two reasons:
 * - docker-compose v1 reads YAML 1.1, where plain `yes`, `on`, `n`, `1:20` or `2001-12-14` are a
 *   boolean, a base-60 number or a date; the library writes them plain (they are strings in YAML
 *   1.2), and compose v1 then rejects the file or changes the value. Here anything that is not
 *   plainly a string in both versions is double-quoted.
 * - It is ~20× faster, which the export benchmark (1,000 components, every flavour) needs.
 * The data is only maps, lists and scalars, so block style with two-space indents is all it takes;
 * other exporters that write YAML may use `toYaml` too.
 */

export type YamlNode = string | number | boolean | null | readonly YamlNode[] | { readonly [key: string]: YamlNode };
type Node = YamlNode;

/**
 * Strings that are strings in YAML 1.1 and 1.2 without quotes: they start with a letter, `_`, `$`,
 * `/` or `./` (never a digit, sign or dot, so never a number, date or `.inf`), hold no space, quote,
 * `#`, `!`, `&`, `*`, `|`, `>` or `%`-at-start, do not end in `:` and are not a 1.1 boolean or null.
 */
const PLAIN = /^(?:[A-Za-z_$/]|\.\/)[A-Za-z0-9_./:@+=,~${}-]*$/;
// `e5` is a float to some 1.1 readers (the `yaml` library's 1.1 schema, not PyYAML): quoted too, it costs nothing.
const RESERVED = /^(?:y|yes|n|no|true|false|on|off|null|e[-+]?[0-9_]*)$/i;

/** Characters a YAML 1.1 reader treats as line breaks or refuses raw: written as `\u` escapes. */
const UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

export function yamlScalar(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return yamlNumber(value);
  if (typeof value !== 'string') return String(value);
  if (PLAIN.test(value) && !value.endsWith(':') && !RESERVED.test(value)) return value;
  // A JSON string is a valid YAML double-quoted scalar; its escapes (\n, \", \\, \uXXXX) mean the same.
  return JSON.stringify(value).replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * A number both YAML versions read as that number. JavaScript writes large and tiny ones as `1e+21`
 * or `1e-7`, which YAML 1.1 (docker-compose v1) reads as text — its floats need a dot — so a `.0`
 * goes before the exponent. Integers and plain decimals are written as JavaScript prints them.
 */
export function yamlNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`refusing to write the number ${n} into YAML`);
  const s = String(n);
  const e = s.indexOf('e');
  return e !== -1 && !s.slice(0, e).includes('.') ? `${s.slice(0, e)}.0${s.slice(e)}` : s;
}

export type YamlMap = { readonly [key: string]: Node };

export interface YamlOptions {
  /** Comment lines written above every key of that name (the text follows `#` as given). */
  readonly notes?: ReadonlyMap<string, string>;
  /** Keys whose string values are always double-quoted, so they read the same whatever they hold. */
  readonly quote?: ReadonlySet<string>;
  /**
   * Comment lines written above one key, by its path of map keys from the top (`yamlPath`); unlike
   * `notes`, only there. Not inside list items (as `notes`).
   */
  readonly notesAt?: ReadonlyMap<string, string>;
}
const NONE: Required<YamlOptions> = { notes: new Map(), quote: new Set(), notesAt: new Map() };

/** The key of `notesAt` for a path of map keys (a NUL between them: no key text can fake another path). */
export const yamlPath = (...keys: readonly string[]): string => keys.join('\u0000');

function emit(map: YamlMap, indent: string, out: string[], options: Required<YamlOptions>, path?: string): void {
  for (const [key, value] of Object.entries(map)) {
    const note = options.notes.get(key);
    if (note !== undefined) for (const line of note.split('\n')) out.push(`${indent}#${line}`);
    // Paths are only worked out when some note is placed by path (the export benchmark writes 1,000 services).
    const at = path === undefined ? undefined : path === '' ? key : `${path}\u0000${key}`;
    const noteAt = at === undefined ? undefined : options.notesAt.get(at);
    if (noteAt !== undefined) for (const line of noteAt.split('\n')) out.push(`${indent}#${line}`);
    const head = `${indent}${yamlScalar(key)}:`;
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(`${head} []`);
      else {
        out.push(head);
        for (const item of value as readonly Node[]) emitItem(item, indent, out, options);
      }
    } else if (value !== null && typeof value === 'object') {
      if (Object.keys(value).length === 0) out.push(`${head} {}`);
      else {
        out.push(head);
        emit(value as YamlMap, `${indent}  `, out, options, at);
      }
    } else
      out.push(
        `${head} ${options.quote.has(key) && typeof value === 'string' ? JSON.stringify(value) : yamlScalar(value)}`,
      );
  }
}

/**
 * A list item under a key at `indent`: `  - scalar`, a map whose first key shares the dash line,
 * or a list whose first item does (`  - - a`, the rest of it aligned under that inner dash).
 */
function emitItem(item: Node, indent: string, out: string[], options: Required<YamlOptions>): void {
  if (Array.isArray(item)) {
    const inner = item as readonly Node[];
    if (inner.length === 0) {
      out.push(`${indent}  - []`);
      return;
    }
    const first = out.length;
    for (const i of inner) emitItem(i, `${indent}  `, out, options);
    out[first] = `${indent}  - ${out[first]!.slice(indent.length + 4)}`;
    return;
  }
  if (item === null || typeof item !== 'object') {
    out.push(`${indent}  - ${yamlScalar(item)}`);
    return;
  }
  if (Object.keys(item).length === 0) {
    out.push(`${indent}  - {}`);
    return;
  }
  const first = out.length;
  // Notes are not written inside list items: the first key shares the dash line.
  emit(item as YamlMap, `${indent}    `, out, { ...options, notes: NONE.notes });
  out[first] = `${indent}  - ${out[first]!.slice(indent.length + 4)}`;
}

/** Block-style YAML for plain data: maps, lists, strings, finite numbers, booleans and null. */
export function toYaml(map: YamlMap, options: YamlOptions = {}): string {
  const out: string[] = [];
  const all = { ...NONE, ...options };
  emit(map, '', out, all, all.notesAt.size > 0 ? '' : undefined);
  return `${out.join('\n')}\n`;
}
