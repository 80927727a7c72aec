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

export type YamlNode = string | number | boolean | readonly YamlNode[] | { readonly [key: string]: YamlNode };
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

export function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  if (PLAIN.test(value) && !value.endsWith(':') && !RESERVED.test(value)) return value;
  // A JSON string is a valid YAML double-quoted scalar; its escapes (\n, \", \\, \uXXXX) mean the same.
  return JSON.stringify(value).replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export type YamlMap = { readonly [key: string]: Node };

export interface YamlOptions {
  /** Comment lines written above every key of that name (the text follows `#` as given). */
  readonly notes?: ReadonlyMap<string, string>;
  /** Keys whose string values are always double-quoted, so they read the same whatever they hold. */
  readonly quote?: ReadonlySet<string>;
}
const NONE: Required<YamlOptions> = { notes: new Map(), quote: new Set() };

function emit(map: YamlMap, indent: string, out: string[], options: Required<YamlOptions>): void {
  for (const [key, value] of Object.entries(map)) {
    const note = options.notes.get(key);
    if (note !== undefined) for (const line of note.split('\n')) out.push(`${indent}#${line}`);
    const head = `${indent}${yamlScalar(key)}:`;
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(`${head} []`);
      else {
        out.push(head);
        for (const item of value as readonly Node[]) emitItem(item, indent, out, options);
      }
    } else if (typeof value === 'object') {
      if (Object.keys(value).length === 0) out.push(`${head} {}`);
      else {
        out.push(head);
        emit(value as YamlMap, `${indent}  `, out, options);
      }
    } else
      out.push(
        `${head} ${options.quote.has(key) && typeof value === 'string' ? JSON.stringify(value) : yamlScalar(value)}`,
      );
  }
}

/** A list item under a key at `indent`: `  - scalar`, or a map whose first key shares the dash line. */
function emitItem(item: Node, indent: string, out: string[], options: Required<YamlOptions>): void {
  if (Array.isArray(item)) throw new Error('a list directly inside a list is not supported');
  if (typeof item !== 'object') {
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

/** Block-style YAML for plain data: maps, lists (of scalars or maps), strings, numbers and booleans. */
export function toYaml(map: YamlMap, options: YamlOptions = {}): string {
  const out: string[] = [];
  emit(map, '', out, { ...NONE, ...options });
  return `${out.join('\n')}\n`;
}
