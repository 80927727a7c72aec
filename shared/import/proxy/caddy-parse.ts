/**
 * Caddyfile syntax → the global options block and site blocks of directives, each token with
 * its FILE:LINE:COL.
 *
 * The lexer follows Caddy's own (caddyconfig/caddyfile/lexer.go, 2.6): tokens are separated by
 * white space, and a line break ends a directive; `#` starts a comment only where a token
 * starts; a token that starts with `"` runs to the next unescaped `"` (inside, only `\"` is an
 * escape), one that starts with a backquote runs to the next backquote, both across line
 * breaks; a backslash before a line break continues the line. The parser follows parse.go:
 * addresses up to `{` (a trailing comma continues them on the next line), `(name) { … }`
 * snippets, `import NAME|FILE [args…]` at the start of a line (snippets first, then files
 * relative to the importing file, `{args.N}`/`{args[N]}` replaced), `{` only at the end of a
 * line, and `{$VAR}` / `{$VAR:default}` environment variables, which are not known at import:
 * a token that reads one says so (with the default put in, where there is one).
 *
 * Caddy 2.6 reads an unterminated quote as a token that runs to the end of the file and then
 * fails on the missing `}`; here it is reported where the quote starts.
 *
 * Bounded: every file at most MAX_FILE_BYTES, at most MAX_CADDY_TOKENS tokens in all (snippets
 * and imports counted each time they are spliced in, so an import bomb stops), blocks at most
 * MAX_CADDY_DEPTH deep, imports at most MAX_INCLUDE_DEPTH deep and MAX_INCLUDED_FILES in all.
 */
import type { ImportNote, ImportOutcome, ImportProblem, SourcePos } from '../types';
import { MAX_FILE_BYTES, MAX_INCLUDE_DEPTH, MAX_INCLUDED_FILES } from './nginx-parse';
import { joinPath } from './text';
import type { ReadFile } from './types';

export const MAX_CADDY_TOKENS = 1_000_000;
export const MAX_CADDY_DEPTH = 32;
/** Each import splices tokens into the list; this many keeps a hostile file's cost bounded. */
export const MAX_CADDY_IMPORTS = 1000;

export interface CaddyToken {
  readonly text: string;
  readonly quoted: boolean;
  readonly at: SourcePos;
  /** Environment variables the token reads. */
  readonly variables: readonly { readonly name: string; readonly hasDefault: boolean }[];
}

export interface CaddyDirective {
  readonly name: CaddyToken;
  readonly args: readonly CaddyToken[];
  readonly block?: readonly CaddyDirective[];
}

export interface CaddySite {
  readonly addresses: readonly CaddyToken[];
  readonly directives: readonly CaddyDirective[];
  readonly at: SourcePos;
}

export interface Caddyfile {
  /** The global options block (`{ … }` first in the file), when there is one. */
  readonly options?: readonly CaddyDirective[];
  readonly optionsAt?: SourcePos;
  readonly sites: readonly CaddySite[];
  readonly notes: readonly ImportNote[];
}

export interface CaddyParseOptions {
  /** Reads imported files; without it an `import` of a file is reported as not read. */
  readonly readFile?: ReadFile;
}

/** A token while the file is parsed: the lexer's logical line, for "is this a new line". */
interface Tok extends CaddyToken {
  readonly file: string;
  /** Caddy's line: a line continued with a backslash counts as the one before. */
  readonly line: number;
  /** Line breaks inside a quoted token. */
  readonly breaks: number;
  /** Spliced in by an import: it starts a line whatever its number says. */
  readonly fresh: boolean;
  /** The files and snippets this token was imported through (for cycles). */
  readonly chain: readonly string[];
}

class Stop extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

const fail = (code: ImportProblem['code'], at: SourcePos, message: string): Stop =>
  new Stop({ code, severity: 'error', message, at });

const isSpace = (c: string): boolean => /^\s$/u.test(c);

/** `{$NAME}` and `{$NAME:default}` in a token, as parse.go's replaceEnvVars finds them. */
function withVariables(text: string): Pick<CaddyToken, 'text' | 'variables'> {
  if (!text.includes('{$')) return { text, variables: [] };
  const variables: { name: string; hasDefault: boolean }[] = [];
  const replaced = text.replace(/\{\$([^}:]*)(?::([^}]*))?\}/g, (_all, name: string, fallback: string | undefined) => {
    if (name === '') return _all;
    variables.push({ name, hasDefault: fallback !== undefined });
    return fallback ?? '';
  });
  return { text: replaced, variables };
}

/** Tokens of one file (lexer.go's next). */
function tokenize(text: string, file: string, chain: readonly string[]): Tok[] {
  if (text.length > MAX_FILE_BYTES)
    throw fail('file-too-large', { file, line: 1, column: 1 }, `${file} is larger than 5 MB`);
  const tokens: Tok[] = [];
  let realLine = 1;
  let lineStart = 0;
  /** Caddy's line counter, which a continued line does not advance until the next real break. */
  let line = 1;
  let skipped = 0;
  const pos = (i: number): SourcePos => ({ file, line: realLine, column: i - lineStart + 1 });
  let i = 0;
  const n = text.length;
  let escaped = false;
  while (i < n) {
    const c = text[i]!;
    if (c === '\\' && !escaped) {
      escaped = true;
      i++;
      continue;
    }
    if (isSpace(c)) {
      if (c === '\n') {
        if (escaped) skipped++;
        else {
          line += 1 + skipped;
          skipped = 0;
        }
        escaped = false;
        realLine++;
        lineStart = i + 1;
      }
      i++;
      continue;
    }
    // Caddy starts a comment at any `#` that begins a token, even after a backslash.
    if (c === '#') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? n : end;
      continue;
    }
    const at = pos(escaped ? i - 1 : i);
    const startLine = line;
    if ((c === '"' || c === '`') && !escaped) {
      let value = '';
      let breaks = 0;
      let j = i + 1;
      let esc = false;
      for (; j < n; j++) {
        const d = text[j]!;
        if (c === '"' && d === '\\' && !esc) {
          esc = true;
          continue;
        }
        if (esc) {
          if (d !== '"') value += '\\';
          esc = false;
        } else if (d === c) break;
        if (d === '\n') {
          breaks++;
          line += 1 + skipped;
          skipped = 0;
          realLine++;
          lineStart = j + 1;
        }
        value += d;
      }
      if (j >= n) throw fail('proxy-syntax', at, `the quoted token that starts here never ends: missing ${c}`);
      i = j + 1;
      tokens.push({ ...withVariables(value), quoted: true, at, file, line: startLine, breaks, fresh: false, chain });
      continue;
    }
    // A plain token, up to white space; a backslash keeps the character after it, with itself.
    let value = escaped ? '\\' : '';
    escaped = false;
    while (i < n) {
      const d = text[i]!;
      if (d === '\\' && !escaped) {
        escaped = true;
        i++;
        continue;
      }
      if (isSpace(d)) break;
      if (escaped) {
        value += '\\';
        escaped = false;
      }
      value += d;
      i++;
    }
    tokens.push({ ...withVariables(value), quoted: false, at, file, line: startLine, breaks: 0, fresh: false, chain });
  }
  return tokens;
}

/** `a/./b/../c` → `a/c`, as Go's filepath.Join cleans the path Caddy imports. */
function normalized(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '.' || (part === '' && out.length > 0)) continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..' && out[out.length - 1] !== '') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

const isOpen = (t: Tok | undefined): boolean => t !== undefined && t.text === '{' && !t.quoted;
const isClose = (t: Tok | undefined): boolean => t !== undefined && t.text === '}' && !t.quoted;

class Parser {
  private i = 0;
  private readonly snippets = new Map<string, Tok[]>();
  private count: number;
  private files = 1;
  private imports = 0;
  readonly notes: ImportNote[] = [];
  readonly warnings: ImportProblem[] = [];

  constructor(
    private readonly toks: Tok[],
    private readonly readFile: ReadFile | undefined,
  ) {
    this.count = toks.length;
    if (this.count > MAX_CADDY_TOKENS)
      throw fail('too-many-tokens', toks[MAX_CADDY_TOKENS]!.at, `more than ${MAX_CADDY_TOKENS} tokens`);
  }

  /** Whether the token at `k` starts a line (dispenser.go's isNewLine). */
  private newLine(k: number): boolean {
    if (k <= 0) return true;
    const prev = this.toks[k - 1]!;
    const cur = this.toks[k];
    if (cur === undefined) return true;
    return cur.fresh || prev.file !== cur.file || prev.line + prev.breaks < cur.line;
  }

  parse(): Caddyfile {
    const sites: CaddySite[] = [];
    let options: CaddyDirective[] | undefined;
    let optionsAt: SourcePos | undefined;
    let first = true;
    while (this.i < this.toks.length) {
      if (this.isImport(this.i)) {
        this.splice(this.i);
        continue;
      }
      const start = this.toks[this.i]!;
      const { keys, braces } = this.addresses();
      const snippet = keys.length === 1 && /^\(.*\)$/.test(keys[0]!.text) ? keys[0]!.text.slice(1, -1) : undefined;
      if (snippet !== undefined) {
        if (!braces)
          throw fail('proxy-syntax', keys[0]!.at, `the snippet ${keys[0]!.text} needs a block: "${keys[0]!.text} {"`);
        if (this.snippets.has(snippet))
          throw fail('proxy-syntax', keys[0]!.at, `the snippet ${snippet} is declared twice`);
        this.snippets.set(snippet, this.snippetTokens(start));
        first = false;
        continue;
      }
      const directives = braces ? this.block(this.toks[this.i - 1]!, 1) : this.directives(undefined, 1);
      if (keys.length === 0) {
        if (!first) {
          throw fail(
            'proxy-syntax',
            start.at,
            'a block without an address is the global options, and those must come first',
          );
        }
        options = directives;
        optionsAt = start.at;
      } else {
        sites.push({ addresses: keys, directives, at: keys[0]!.at });
      }
      first = false;
    }
    return { ...(options ? { options, optionsAt: optionsAt! } : {}), sites, notes: this.notes };
  }

  private isImport(k: number): boolean {
    const t = this.toks[k];
    return t !== undefined && t.text === 'import' && this.newLine(k);
  }

  /** Site addresses up to `{` (then positioned after it) or the end of their line. */
  private addresses(): { keys: Tok[]; braces: boolean } {
    const keys: Tok[] = [];
    let another = false;
    let last: Tok | undefined;
    for (;;) {
      const t = this.toks[this.i];
      if (t === undefined) {
        if (another)
          throw fail('proxy-syntax', last!.at, 'a comma after the last address: another address must follow');
        return { keys, braces: false };
      }
      if (isClose(t)) throw fail('proxy-syntax', t.at, 'unexpected "}": no block is open here');
      if (keys.length > 0 && !another && this.newLine(this.i)) return { keys, braces: false };
      if (isOpen(t)) {
        if (another) throw fail('proxy-syntax', t.at, 'expected another address after the comma, not "{"');
        this.i++;
        return { keys, braces: true };
      }
      if (!t.quoted && t.text.endsWith('{')) {
        throw fail(
          'proxy-syntax',
          t.at,
          `site addresses cannot end with "{": put a space between "${t.text.slice(0, -1)}" and "{"`,
        );
      }
      let text = t.text;
      another = text.endsWith(',');
      if (another) text = text.slice(0, -1);
      if (text.includes(','))
        throw fail('proxy-syntax', t.at, `"${t.text}": put a space after the comma to separate site addresses`);
      // An address that is only an unset variable stays an address, for a note (Caddy would
      // read the block as the global options, a different file from the one written).
      if (text !== '' || t.variables.length > 0) keys.push({ ...t, text });
      last = t;
      this.i++;
    }
  }

  /** A snippet's tokens up to its matching `}` (parse.go's snippetTokens). */
  private snippetTokens(start: Tok): Tok[] {
    let nesting = 1;
    const body: Tok[] = [];
    for (; this.i < this.toks.length; this.i++) {
      const t = this.toks[this.i]!;
      if (isClose(t) && --nesting === 0) {
        this.i++;
        return body;
      }
      if (isOpen(t)) nesting++;
      body.push(t);
    }
    throw fail('proxy-syntax', start.at, `the snippet ${start.text} is never closed: missing "}"`);
  }

  /** Directives after `open` up to its `}`. */
  private block(open: Tok, depth: number): CaddyDirective[] {
    if (depth > MAX_CADDY_DEPTH) throw fail('too-deep', open.at, `blocks nest more than ${MAX_CADDY_DEPTH} deep`);
    return this.directives(open, depth);
  }

  private directives(open: Tok | undefined, depth: number): CaddyDirective[] {
    const list: CaddyDirective[] = [];
    for (;;) {
      const t = this.toks[this.i];
      if (t === undefined) {
        if (open !== undefined)
          throw fail(
            'proxy-syntax',
            open.at,
            'the block opened here is never closed: missing "}" at the end of the file',
          );
        return list;
      }
      if (isClose(t)) {
        if (open === undefined) throw fail('proxy-syntax', t.at, 'unexpected "}": no block is open here');
        this.i++;
        return list;
      }
      if (this.isImport(this.i)) {
        this.splice(this.i);
        continue;
      }
      list.push(this.directive(depth));
    }
  }

  private directive(depth: number): CaddyDirective {
    const name = this.toks[this.i++]!;
    const args: Tok[] = [];
    let block: CaddyDirective[] | undefined;
    while (this.i < this.toks.length && !this.newLine(this.i)) {
      const t = this.toks[this.i]!;
      if (isOpen(t)) {
        if (!this.newLine(this.i + 1) && this.i + 1 < this.toks.length) {
          throw fail(
            'proxy-syntax',
            this.toks[this.i + 1]!.at,
            'unexpected token after "{" on the same line: a block starts on the next line',
          );
        }
        if (block !== undefined) throw fail('proxy-syntax', t.at, `"${name.text}" has two blocks`);
        this.i++;
        block = this.block(t, depth + 1);
        continue;
      }
      if (isClose(t)) {
        throw fail('proxy-syntax', t.at, 'unexpected "}" on the line of a directive: put it on a line of its own');
      }
      args.push(t);
      this.i++;
    }
    return { name, args, ...(block ? { block } : {}) };
  }

  /** Replaces `import NAME args…` at `k` (to the end of its line) with the snippet's or file's tokens. */
  private splice(k: number): void {
    const keyword = this.toks[k]!;
    if (++this.imports > MAX_CADDY_IMPORTS)
      throw fail('too-many-tokens', keyword.at, `more than ${MAX_CADDY_IMPORTS} imports`);
    let end = k + 1;
    while (end < this.toks.length && !this.newLine(end)) end++;
    const args = this.toks.slice(k + 1, end);
    const target = args[0];
    if (target === undefined || target.text === '')
      throw fail('proxy-syntax', keyword.at, '"import" needs a snippet name or a file');
    let node: string;
    let tokens: readonly Tok[];
    const snippet = this.snippets.get(target.text);
    if (snippet !== undefined) {
      node = `snippet ${target.text}`;
      tokens = snippet;
    } else if (/[*?[]/.test(target.text)) {
      this.notes.push({
        kind: 'not-understood',
        text: `import ${target.text}: a glob pattern; the files it names were not read`,
        at: keyword.at,
      });
      tokens = [];
      node = '';
    } else {
      const path = normalized(joinPath(keyword.file, target.text));
      node = `file ${path}`;
      const text = this.readFile === undefined ? undefined : this.readFile(path);
      if (text === undefined) {
        this.warnings.push({
          code: 'include-unknown-file',
          severity: 'warning',
          message: `import ${target.text}: ${this.readFile === undefined ? 'files are not read here' : `${path} was not found`}; what it holds is not imported`,
          at: target.at,
        });
        tokens = [];
      } else {
        if (keyword.chain.includes(node)) {
          throw fail(
            'include-cycle',
            keyword.at,
            `${path} imports itself (${[...keyword.chain, node].map((c) => c.replace(/^\w+ /, '')).join(' → ')})`,
          );
        }
        if (keyword.chain.length > MAX_INCLUDE_DEPTH)
          throw fail('too-deep', keyword.at, `imports nest more than ${MAX_INCLUDE_DEPTH} deep`);
        if (++this.files > MAX_INCLUDED_FILES)
          throw fail('too-many-tokens', keyword.at, `more than ${MAX_INCLUDED_FILES} imported files`);
        tokens = tokenize(text, path, [...keyword.chain, node]);
      }
    }
    if (node.startsWith('snippet') && keyword.chain.includes(node)) {
      throw fail('include-cycle', keyword.at, `the snippet ${target.text} imports itself`);
    }
    if (node.startsWith('snippet') && keyword.chain.length > MAX_INCLUDE_DEPTH) {
      throw fail('too-deep', keyword.at, `imports nest more than ${MAX_INCLUDE_DEPTH} deep`);
    }
    this.count += tokens.length;
    if (this.count > MAX_CADDY_TOKENS)
      throw fail('too-many-tokens', keyword.at, `more than ${MAX_CADDY_TOKENS} tokens once imports are spliced in`);
    const values = args.slice(1).map((a) => a.text);
    const spliced = tokens.map((t, j): Tok => {
      const text = t.text.replace(
        /\{args(?:\.([0-9]+)|\[([0-9]+)\])\}/g,
        (_all, a?: string, b?: string) => values[Number(a ?? b)] ?? '',
      );
      return {
        ...t,
        text,
        fresh: j === 0,
        chain: node.startsWith('snippet') ? [...keyword.chain, node] : t.chain,
      };
    });
    this.toks.splice(k, end - k, ...spliced);
  }
}

/** Parses `text` (the Caddyfile `file`) and every file it imports. */
export function parseCaddyfile(text: string, file: string, options: CaddyParseOptions = {}): ImportOutcome<Caddyfile> {
  try {
    const parser = new Parser(tokenize(text, file, [`file ${file}`]), options.readFile);
    const value = parser.parse();
    return { ok: true, value, warnings: parser.warnings };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, problems: [e.problem] };
    throw e;
  }
}

/** `name args…` as written, for notes. */
export function directiveText(d: CaddyDirective): string {
  const word = (t: CaddyToken) => (t.quoted || /\s/.test(t.text) || t.text === '' ? JSON.stringify(t.text) : t.text);
  return [d.name, ...d.args].map(word).join(' ') + (d.block ? ' { … }' : '');
}
