/**
 * Writing XML by hand, safely: every string from a project goes through `text` (element content
 * and attribute values alike), every number through `num`. Nothing from a project reaches the
 * picture any other way.
 */
import { printable } from '../model/printable';

/**
 * Characters XML 1.0 does not allow at all (§2.2 Char: C0 controls other than tab, line feed and
 * carriage return, lone surrogates, U+FFFE and U+FFFF) — not even as `&#…;` references.
 */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
const NOT_XML_ALL = new RegExp(NOT_XML.source, 'gu');

/** What XML gives a meaning to (markup, entity references, attribute quotes); `>` so `]]>` cannot appear. */
const MARKUP: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
const ESCAPE_ALL = new RegExp(`[&<>"']|${NOT_XML.source}`, 'gu');
const NEEDS_ESCAPE = new RegExp(ESCAPE_ALL.source, 'u');

/** True when every character of `value` can stand in an XML 1.0 document (raw or escaped). */
export const isXmlText = (value: string): boolean => !NOT_XML.test(value);

/** `value` as XML character data or an attribute value: markup escaped, forbidden characters replaced by U+FFFD. */
export function xmlEscape(value: string): string {
  // Most values (colours, classes, names) need nothing: test first, so they allocate nothing.
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPE_ALL, (c) => MARKUP[c] ?? '\ufffd') : value;
}

/**
 * Project text as the picture shows it: control characters, line breaks and bidi overrides as
 * visible escapes (the canvas shows the same, `printable`), then escaped for XML.
 */
export const text = (value: string): string => xmlEscape(printable(value));

/** Forbidden characters replaced by U+FFFD, nothing else changed (for text measured before it is escaped). */
export const xmlChars = (value: string): string => value.replace(NOT_XML_ALL, '\ufffd');

/**
 * A coordinate or size: rounded to 1/100 px, without `-0`, exponent or trailing zeros, so the same
 * geometry always gives the same bytes.
 */
export function num(n: number): string {
  if (!Number.isFinite(n)) return '0';
  // Past 1e15 there are no hundredths to keep (and ×100 would lose the integer itself); from
  // 1e21 on String() writes an exponent. No diagram gets there, but stay exact and plain.
  if (Math.abs(n) >= 1e15) return BigInt(Math.round(n)).toString();
  const hundredths = Math.round(n * 100);
  if (hundredths === 0) return '0';
  // A picture has tens of thousands of numbers: write the hundredths as digits (what String()
  // writes for hundredths / 100 below 1e13, where doubles are much finer than 1/100) instead of
  // asking for the shortest round-trip form of each.
  if (Math.abs(hundredths) >= 1e15) return String(hundredths / 100);
  const abs = Math.abs(hundredths);
  const whole = `${hundredths < 0 ? '-' : ''}${Math.floor(abs / 100)}`;
  const cents = abs % 100;
  if (cents === 0) return whole;
  return cents % 10 === 0 ? `${whole}.${cents / 10}` : `${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

export type AttrValue = string | number | undefined;

/**
 * ` name="value"` pairs in the order given (the order is part of the output, so it is stable);
 * numbers through `num`, strings escaped, `undefined` left out. Names are the writer's own.
 */
export function attrs(values: Readonly<Record<string, AttrValue>>): string {
  let out = '';
  for (const key in values) {
    const v = values[key];
    if (v === undefined) continue;
    out += ` ${key}="${typeof v === 'number' ? num(v) : xmlEscape(v)}"`;
  }
  return out;
}

/** An empty element. */
export const empty = (name: string, values: Readonly<Record<string, AttrValue>>): string =>
  `<${name}${attrs(values)}/>`;

/** An element around content that is already XML (escaped by the caller). */
export const element = (name: string, values: Readonly<Record<string, AttrValue>>, content: string): string =>
  `<${name}${attrs(values)}>${content}</${name}>`;
