/**
 * haproxy.cfg syntax → sections of lines of words, each word with its FILE:LINE:COL.
 *
 * The tokenizer follows HAProxy's own (parse_line in src/tools.c, 2.6; configuration manual
 * §2.2 "Quoting and escaping", §2.3 "Environment variables", §2.4 "Conditional blocks"):
 * - a line ends at a line feed or a carriage return; `#` outside quotes starts a comment
 *   anywhere, even inside a word (`a#b` is `a`);
 * - words are separated by unquoted white space; quotes do not end a word (`a"b c"d` is one
 *   word `ab cd`), `""` in the middle of a line is an empty word;
 * - double quotes are weak: escapes and `$VAR`, `${VAR}`, `${VAR-default}` are interpreted
 *   inside them; single quotes are strong: nothing is;
 * - outside single quotes `\ `, `\\`, `\t`, `\n`, `\r`, `\#`, `\'`, `\"`, `\xHH` (and `\$`
 *   inside double quotes) are escapes; any other backslash is kept as written;
 * - environment variables are not known at import: a word that reads one says so, with the
 *   default written in the word where there is one;
 * - `.if`/`.elif`/`.else`/`.endif` blocks with a constant condition are followed; any other
 *   condition (`defined(X)`, `feature(SSL)`, …) cannot be decided here, so its lines are left
 *   out with a note.
 * HAProxy's own fatal errors (unmatched quote, bad `\x` escape, bad variable name, unclosed
 * `${`, more than 64 words on a line, a keyword before any section) are syntax errors here.
 *
 * Bounded: one pass over the text, which is at most MAX_FILE_BYTES; conditional blocks nest
 * at most MAX_COND_DEPTH deep (HAProxy's own limit is 10).
 */
import type { ImportNote, ImportOutcome, ImportProblem, SourcePos } from '../types';
import { MAX_FILE_BYTES } from './nginx-parse';

export interface HaproxyWord {
  /** The word after unquoting, unescaping and variable defaults. */
  readonly value: string;
  /** Where the word starts (its first quote, if it starts with one). */
  readonly at: SourcePos;
  /** Environment variables the word reads (their values are not known at import). */
  readonly variables: readonly { readonly name: string; readonly hasDefault: boolean }[];
}

export interface HaproxyLine {
  /** The keyword and its arguments; never empty. */
  readonly words: readonly HaproxyWord[];
  readonly at: SourcePos;
}

export interface HaproxySection {
  /** `global`, `defaults`, `frontend`, `backend`, `listen`, `resolvers`, … */
  readonly kind: string;
  /** The header's arguments (the proxy name first, `from NAME` …). */
  readonly args: readonly HaproxyWord[];
  readonly at: SourcePos;
  readonly lines: readonly HaproxyLine[];
}

export interface HaproxyConfig {
  readonly sections: readonly HaproxySection[];
  /** Conditional blocks and directives that were not followed. */
  readonly notes: readonly ImportNote[];
}

/** HAProxy's MAX_LINE_ARGS: more words on one line is a fatal error there. */
export const MAX_HAPROXY_WORDS = 64;
export const MAX_COND_DEPTH = 10;

/** Every section keyword of HAProxy 2.6–3.0 (cfgparse.c's section list). */
export const SECTION_KEYWORDS: ReadonlySet<string> = new Set([
  'global',
  'defaults',
  'frontend',
  'backend',
  'listen',
  'resolvers',
  'peers',
  'userlist',
  'mailers',
  'program',
  'http-errors',
  'ring',
  'cache',
  'log-forward',
  'fcgi-app',
  'crt-store',
  'traces',
]);

class Stop extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

const syntax = (at: SourcePos, message: string): Stop =>
  new Stop({ code: 'proxy-syntax', severity: 'error', message, at });

/** C's isspace() without the line ends, which end the line before they are seen here. */
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\v' || c === '\f';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

/** Splits one line (text[start, end)) into words, as parse_line does. */
function lineWords(text: string, start: number, end: number, pos: (offset: number) => SourcePos): HaproxyWord[] {
  const words: HaproxyWord[] = [];
  let value = '';
  let wordStart = -1;
  let variables: { name: string; hasDefault: boolean }[] = [];
  let squote = false;
  let dquote = false;
  let quoteAt = -1;
  const begin = (i: number) => {
    if (wordStart === -1) wordStart = i;
  };
  const finish = () => {
    if (wordStart === -1) return;
    if (words.length >= MAX_HAPROXY_WORDS) {
      throw syntax(pos(wordStart), `too many words on one line: HAProxy takes at most ${MAX_HAPROXY_WORDS}`);
    }
    words.push({ value, at: pos(wordStart), variables });
    value = '';
    wordStart = -1;
    variables = [];
  };
  let i = start;
  while (i < end) {
    const c = text[i]!;
    if (c === '\r' || c === '\0') break;
    if (c === '#' && !squote && !dquote) break;
    if (c === '"' && !squote) {
      begin(i);
      dquote = !dquote;
      quoteAt = dquote ? i : -1;
      i++;
    } else if (c === "'" && !dquote) {
      begin(i);
      squote = !squote;
      quoteAt = squote ? i : -1;
      i++;
    } else if (c === '\\' && !squote) {
      begin(i);
      const next = text[i + 1];
      if (next === 'x') {
        if (i + 3 >= end || !isHex(text[i + 2]) || !isHex(text[i + 3])) {
          throw syntax(pos(i), 'invalid escape: "\\x" needs two hexadecimal digits');
        }
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
        i += 4;
        continue;
      }
      const plain: Record<string, string> = {
        ' ': ' ',
        '\\': '\\',
        t: '\t',
        n: '\n',
        r: '\r',
        '#': '#',
        "'": "'",
        '"': '"',
      };
      if (next !== undefined && i + 1 < end && next in plain) {
        value += plain[next]!;
        i += 2;
      } else if (next === '$' && dquote) {
        value += '$';
        i += 2;
      } else {
        value += '\\';
        i++;
      }
    } else if (isSpace(c) && !squote && !dquote) {
      // Every separator ends a word, an empty one (`""`) included.
      finish();
      while (i < end && isSpace(text[i]!)) i++;
    } else if (c === '$' && dquote) {
      begin(i);
      i = variable(text, i, end, pos, (name, fallback) => {
        variables.push({ name, hasDefault: fallback !== undefined });
        value += fallback ?? '';
      });
    } else {
      begin(i);
      value += c;
      i++;
    }
  }
  if (quoteAt !== -1) {
    throw syntax(
      pos(quoteAt),
      `unmatched quote: the ${squote ? 'single' : 'double'} quote that starts here is not closed on its line`,
    );
  }
  // HAProxy keeps no empty word after the last separator (a trailing `""` included).
  if (value === '') wordStart = -1;
  finish();
  return words;
}

/** `$NAME`, `${NAME}`, `${NAME-default}`, `${NAME[*]}` at text[i] (the `$`); returns the offset after it. */
function variable(
  text: string,
  i: number,
  end: number,
  pos: (offset: number) => SourcePos,
  found: (name: string, fallback: string | undefined) => void,
): number {
  let j = i + 1;
  const brace = text[j] === '{' ? j++ : -1;
  const first = text[j];
  if (first === undefined || j >= end || !/^[A-Za-z_.]$/.test(first)) {
    throw syntax(pos(j), 'a variable name must start with a letter, "_" or "." (write "\\$" for a literal dollar)');
  }
  const nameStart = j;
  if (text[j] === '.') j++;
  while (j < end && /^[A-Za-z0-9_]$/.test(text[j]!)) j++;
  const name = text.slice(nameStart, j);
  if (brace === -1) {
    found(name, undefined);
    return j;
  }
  if (text[j] === '[') {
    if (text.slice(j, j + 3) !== '[*]') throw syntax(pos(j), 'a word expansion is written "[*]"');
    j += 3;
  }
  let fallback: string | undefined;
  if (text[j] === '-') {
    const close = text.indexOf('}', j);
    if (close === -1 || close >= end) throw syntax(pos(brace), 'unmatched "{" in an environment variable');
    fallback = text.slice(j + 1, close);
    j = close;
  }
  if (text[j] !== '}' || j >= end) throw syntax(pos(brace), 'unmatched "{" in an environment variable');
  found(name, fallback);
  return j + 1;
}

/** A `.if` condition HAProxy would decide: a number (non-zero is true); undefined for anything else. */
function constantCondition(words: readonly HaproxyWord[]): boolean | undefined {
  if (words.length !== 2 || words[1]!.variables.length > 0) return undefined;
  const v = words[1]!.value;
  return /^-?[0-9]+$/.test(v) ? Number(v) !== 0 : undefined;
}

interface CondFrame {
  readonly at: SourcePos;
  /** Lines of the current branch are read. */
  active: boolean;
  /** A branch was taken (later .elif/.else are skipped). */
  taken: boolean;
  /** The condition could not be decided: every branch is left out. */
  readonly unknown: boolean;
  /** The enclosing block reads its lines. */
  readonly outer: boolean;
  sawElse: boolean;
}

/** Parses `text`, the haproxy.cfg `file`. */
export function parseHaproxy(text: string, file: string): ImportOutcome<HaproxyConfig> {
  if (text.length > MAX_FILE_BYTES) {
    return {
      ok: false,
      problems: [
        {
          code: 'file-too-large',
          severity: 'error',
          message: `${file} is larger than 5 MB`,
          at: { file, line: 1, column: 1 },
        },
      ],
    };
  }
  const sections: { kind: string; args: HaproxyWord[]; at: SourcePos; lines: HaproxyLine[] }[] = [];
  const notes: ImportNote[] = [];
  const conds: CondFrame[] = [];
  const reading = () => conds.length === 0 || conds[conds.length - 1]!.active;
  try {
    let line = 1;
    for (let start = 0; start <= text.length; line++) {
      let end = text.indexOf('\n', start);
      if (end === -1) end = text.length;
      const lineNo = line;
      const pos = (offset: number): SourcePos => ({ file, line: lineNo, column: offset - start + 1 });
      let first = start;
      while (first < end && (isSpace(text[first]!) || text[first] === '\r')) first++;
      const words = lineWords(text, first, end, pos);
      start = end + 1;
      if (words.length === 0) continue;
      const keyword = words[0]!;
      if (keyword.value.startsWith('.')) {
        condDirective(words, conds, notes, reading());
        continue;
      }
      if (!reading()) continue;
      if (text[first] === '[') {
        notes.push({ kind: 'not-understood', text: `"${keyword.value}": a scope line; not imported`, at: keyword.at });
        continue;
      }
      if (SECTION_KEYWORDS.has(keyword.value)) {
        sections.push({ kind: keyword.value, args: words.slice(1), at: keyword.at, lines: [] });
        continue;
      }
      const current = sections[sections.length - 1];
      if (current === undefined) {
        throw syntax(
          keyword.at,
          `unknown keyword "${keyword.value}" out of section: the file must start with a section such as "global" or "frontend"`,
        );
      }
      current.lines.push({ words, at: keyword.at });
    }
    const open = conds[conds.length - 1];
    if (open !== undefined) throw syntax(open.at, 'the ".if" block that starts here is never closed: missing ".endif"');
  } catch (e) {
    if (e instanceof Stop) return { ok: false, problems: [e.problem] };
    throw e;
  }
  return { ok: true, value: { sections, notes }, warnings: [] };
}

function condDirective(words: readonly HaproxyWord[], conds: CondFrame[], notes: ImportNote[], reading: boolean): void {
  const keyword = words[0]!;
  const top = conds[conds.length - 1];
  switch (keyword.value) {
    case '.if': {
      if (conds.length >= MAX_COND_DEPTH)
        throw syntax(keyword.at, `".if" blocks nest more than ${MAX_COND_DEPTH} deep`);
      const value = reading ? constantCondition(words) : false;
      if (reading && value === undefined) {
        notes.push({
          kind: 'not-understood',
          text: `".if ${words
            .slice(1)
            .map((w) => w.value)
            .join(' ')}": a condition decided when HAProxy starts; the lines of this block are not imported`,
          at: keyword.at,
        });
      }
      const unknown = value === undefined;
      conds.push({
        at: keyword.at,
        active: value === true,
        taken: value === true,
        unknown,
        outer: reading,
        sawElse: false,
      });
      return;
    }
    case '.elif':
    case '.else': {
      if (top === undefined) throw syntax(keyword.at, `"${keyword.value}" without ".if"`);
      if (top.sawElse) throw syntax(keyword.at, `"${keyword.value}" after ".else"`);
      if (keyword.value === '.else') top.sawElse = true;
      if (top.unknown || !top.outer || top.taken) {
        top.active = false;
        return;
      }
      const value = keyword.value === '.else' ? true : constantCondition(words);
      if (value === undefined) {
        notes.push({
          kind: 'not-understood',
          text: `".elif": a condition decided when HAProxy starts; its lines are not imported`,
          at: keyword.at,
        });
        top.active = false;
        top.taken = true;
        return;
      }
      top.active = value;
      top.taken = value;
      return;
    }
    case '.endif':
      if (top === undefined) throw syntax(keyword.at, '".endif" without ".if"');
      conds.pop();
      return;
    default:
      if (reading) {
        notes.push({
          kind: 'not-understood',
          text: `"${words.map((w) => w.value).join(' ')}": a message for HAProxy's start-up; not imported`,
          at: keyword.at,
        });
      }
  }
}

/** `keyword args…` as written, for notes. */
export const lineText = (line: HaproxyLine): string =>
  line.words.map((w) => (/[\s#"']/.test(w.value) || w.value === '' ? JSON.stringify(w.value) : w.value)).join(' ');
