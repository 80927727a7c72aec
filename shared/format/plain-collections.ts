import { NotPlain, numberText, stringText } from './plain-write-scalar';

/**
 * Mappings and lists exactly as `yaml` 2 writes them with save.ts's options (block style, `indent: 2`,
 * `indentSeq: true`, no line width), for the plain writer (plain-writer.ts). Every function returns
 * the text yaml's stringify returns for the node at that place: the first line without its
 * indentation (the caller writes it), later lines with theirs. The structure follows yaml's
 * stringifyPair.js and stringifyCollection.js.
 */

/** A mapping save.ts marks `flow` (a small record on one line: position, publish, a link…). */
export class FlowRecord {
  constructor(readonly entries: Readonly<Record<string, unknown>>) {}
}

/**
 * Kept (pass-through) values under a key: a block mapping whose values are written in the kept
 * style (Style.kept), save.ts's plainStyle.
 */
export class KeptRecord {
  constructor(readonly entries: Readonly<Record<string, unknown>>) {}
}

/**
 * A value to write: a scalar (string, finite or not number, boolean, null), a FlowRecord, or
 * plain data — an array is a list, any other object a mapping of its own enumerable keys
 * (undefined values are left out, as yaml's document does).
 */
export type Data = unknown;

/** How the values under a node are styled. */
export interface Style {
  /**
   * Kept (pass-through) values, in the style save.ts's plainStyle forces on them: a list directly
   * inside a list is in brackets, and text with a line break is double-quoted.
   */
  readonly kept: boolean;
}

const STEP = '  ';
const KEPT: Style = { kept: true };

/** The text of `value` at a place whose context indentation is `indent`; `parentIsList` for a list item. */
function valueText(value: Data, indent: string, inFlow: boolean, style: Style, parentIsList: boolean): string {
  switch (typeof value) {
    case 'string':
      return stringText(value, { indent, implicitKey: false, inFlow }, style.kept && /[\n\r]/.test(value));
    case 'number':
      // save.ts writes a kept -0 as the 0 it equals (passData).
      return numberText(style.kept && Object.is(value, -0) ? 0 : value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (value instanceof FlowRecord) return flowMap(value.entries, indent, style);
      if (value instanceof KeptRecord) return blockMap(value.entries, indent, KEPT);
      if (Array.isArray(value)) {
        return inFlow || (style.kept && parentIsList)
          ? flowSeq(value, indent, style)
          : blockSeq(value as readonly unknown[], indent, style);
      }
      return inFlow ? flowMap(value as Record<string, unknown>, indent, style) : blockMap(value, indent, style);
    default:
      // undefined in a list, a bigint, a function, a symbol: yaml's handling is not the writer's to guess.
      throw new NotPlain(`a ${typeof value} value`);
  }
}

/** A key: always text (Object.keys), written as an implicit key (save.ts's values are never all null). */
function keyText(key: string, indent: string, inFlow: boolean, style: Style): string {
  const text = stringText(key, { indent, implicitKey: true, inFlow }, style.kept && /[\n\r]/.test(key));
  // A longer block key would be written as an explicit key (`? …`).
  if (!inFlow && text.length > 1024) throw new NotPlain('a key over 1,024 characters');
  return text;
}

/** yaml's stringifyPair; `indent` is the mapping's item indentation. */
function pairText(key: string, value: Data, indent: string, inFlow: boolean, style: Style): string {
  const inner = indent + STEP;
  const k = keyText(key, inner, inFlow, style);
  const v = valueText(value, inner, inFlow, style, false);
  if (value === null || typeof value !== 'object') return `${k}: ${v}`;
  // A collection goes on the next lines unless it is written in brackets on one line (an empty one always is).
  const flow = inFlow || value instanceof FlowRecord || isEmpty(value);
  return v.includes('\n') || !flow ? `${k}:\n${inner}${v}` : `${k}: ${v}`;
}

/** Whether a collection has no items (a mapping's undefined values are no items: yaml leaves them out). */
function isEmpty(value: object): boolean {
  if (Array.isArray(value)) return value.length === 0;
  const record = (value instanceof KeptRecord ? value.entries : value) as Readonly<Record<string, unknown>>;
  for (const key of Object.keys(record)) if (record[key] !== undefined) return false;
  return true;
}

/** A block mapping whose context indentation is `indent` (its keys' column). */
export function blockMap(record: object, indent: string, style: Style): string {
  const entries = record as Readonly<Record<string, unknown>>;
  let out = '';
  let first = true;
  for (const key of Object.keys(entries)) {
    const value = entries[key];
    if (value === undefined) continue;
    const line = pairText(key, value, indent, false, style);
    out += first ? line : `\n${indent}${line}`;
    first = false;
  }
  return first ? '{}' : out;
}

function blockSeq(items: readonly unknown[], indent: string, style: Style): string {
  if (items.length === 0) return '[]';
  const itemIndent = indent + STEP;
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const line = `- ${valueText(items[i], itemIndent, false, style, true)}`;
    out += i === 0 ? line : `\n${indent}${line}`;
  }
  return out;
}

function flowMap(record: Readonly<Record<string, unknown>>, indent: string, style: Style): string {
  const itemIndent = indent + STEP;
  const lines: string[] = [];
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value !== undefined) lines.push(pairText(key, value, itemIndent, true, style));
  }
  return flowLines(lines, '{', '}', indent);
}

function flowSeq(items: readonly unknown[], indent: string, style: Style): string {
  const itemIndent = indent + STEP + STEP;
  const lines = items.map((item) => valueText(item, itemIndent, true, style, true));
  return flowLines(lines, '[', ']', indent);
}

/** One line (`{ a: 1, b: 2 }`) unless an item spans lines; then one item a line, as yaml does. */
function flowLines(lines: string[], open: string, close: string, indent: string): string {
  if (lines.length === 0) return open + close;
  if (!lines.some((line) => line.includes('\n'))) return `${open} ${lines.join(', ')} ${close}`;
  let out = open;
  for (let i = 0; i < lines.length; i++) out += `\n${STEP}${indent}${lines[i]}${i < lines.length - 1 ? ',' : ''}`;
  return `${out}\n${indent}${close}`;
}
