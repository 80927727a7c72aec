/**
 * nginx configuration syntax → a tree of directives, each word with its FILE:LINE:COL.
 *
 * The tokenizer follows nginx's own (ngx_conf_read_token in src/core/ngx_conf_file.c, 1.22):
 * a word ends at white space, `;` or `{`; a quote or `#` is special only where a word starts
 * (`a#b` and `a"b` are plain words, `}` inside a word is part of it); after a closing quote
 * only white space, `;`, `{` or `)` may follow; `\"`, `\'`, `\\`, `\t`, `\r`, `\n` are
 * unescaped in every word, any other backslash pair is kept as written. `include` of an exact
 * path is read through the injected `readFile` and spliced where it stands, relative paths
 * resolved against the main file's folder (nginx's conf prefix). A glob include is expanded
 * through the injected `listFiles` (in the order it gives, nginx's being alphabetical), and is
 * reported as not read where there is none or it cannot tell.
 *
 * Bounded: one pass over each file, at most MAX_NGINX_TOKENS words in all files, blocks at
 * most MAX_NGINX_DEPTH deep, includes at most MAX_INCLUDE_DEPTH deep and MAX_INCLUDED_FILES in
 * all, each file at most MAX_FILE_BYTES. A hostile file stops at the first bound it crosses.
 */
import type { ImportNote, ImportOutcome, ImportProblem, SourcePos } from '../types';
import { joinPath } from './text';
import type { ListFiles, ReadFile } from './types';

export interface NginxArg {
  /** The word after unescaping, without its quotes. */
  readonly value: string;
  /** Written in quotes: `$` still expands inside, but white space and `;` are literal. */
  readonly quoted: boolean;
  readonly at: SourcePos;
}

export interface NginxDirective {
  readonly name: string;
  readonly args: readonly NginxArg[];
  /** Where the directive's name starts. */
  readonly at: SourcePos;
  /** The directives between `{` and `}`, for block directives. */
  readonly block?: readonly NginxDirective[];
}

export interface NginxTree {
  readonly directives: readonly NginxDirective[];
  /** Includes that were not expanded (globs), with their positions. */
  readonly notes: readonly ImportNote[];
}

/** The same bound the project loader puts on a file (README: files over 5 MB are refused). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Far beyond any hand-written configuration (the exporter's largest has a few thousand). */
export const MAX_NGINX_TOKENS = 1_000_000;
/** http → server → location → nested locations and `if`: real files stay under 8. */
export const MAX_NGINX_DEPTH = 32;
export const MAX_INCLUDE_DEPTH = 16;
export const MAX_INCLUDED_FILES = 512;

export interface NginxParseOptions {
  /** Reads included files; without it an `include` is reported as not read. */
  readonly readFile?: ReadFile;
  /** The files a glob include names, sorted; undefined when it cannot tell (the glob is then noted). */
  readonly listFiles?: ListFiles;
  /**
   * The file an include names, as it is read and shown in positions (a container path → the
   * customer's file it is mounted from); the path itself without it.
   */
  readonly resolve?: (path: string) => string;
}

/** Thrown inside the parser only, and turned into the outcome's problem at its edge. */
class Stop extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

const error = (code: ImportProblem['code'], at: SourcePos, message: string): Stop =>
  new Stop({ code, severity: 'error', message, at });

interface Shared {
  readonly mainFile: string;
  readonly readFile?: ReadFile;
  readonly listFiles?: ListFiles;
  readonly resolve?: (path: string) => string;
  tokens: number;
  files: number;
  readonly including: string[];
  readonly notes: ImportNote[];
  readonly warnings: ImportProblem[];
}

const GLOB = /[*?[]/;

/** Parses `text` (the file `file`) and every file it includes. */
export function parseNginx(text: string, file: string, options: NginxParseOptions = {}): ImportOutcome<NginxTree> {
  const shared: Shared = {
    mainFile: file,
    ...(options.readFile ? { readFile: options.readFile } : {}),
    ...(options.listFiles ? { listFiles: options.listFiles } : {}),
    ...(options.resolve ? { resolve: options.resolve } : {}),
    tokens: 0,
    files: 1,
    including: [file],
    notes: [],
    warnings: [],
  };
  try {
    const directives = parseFile(text, file, shared, 0);
    return { ok: true, value: { directives, notes: shared.notes }, warnings: shared.warnings };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, problems: [e.problem] };
    throw e;
  }
}

function parseFile(text: string, file: string, shared: Shared, depth: number): NginxDirective[] {
  if (text.length > MAX_FILE_BYTES) {
    throw error('file-too-large', { file, line: 1, column: 1 }, `${file} is larger than 5 MB`);
  }
  return new FileParser(text, file, shared, depth).parse();
}

/** A word while its directive is read: where it ends too, for a missing `;`. */
interface Word extends NginxArg {
  readonly end: SourcePos;
}

interface Open {
  readonly name: string;
  readonly at: SourcePos;
  readonly brace: SourcePos;
  readonly args: NginxArg[];
  readonly body: NginxDirective[];
}

class FileParser {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  /** The words of the directive being read. */
  private words: Word[] = [];
  private readonly root: NginxDirective[] = [];
  private readonly open: Open[] = [];

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly shared: Shared,
    /** Blocks around the `include` that brought this file in. */
    private readonly depth: number,
  ) {}

  private pos(offset = this.i): SourcePos {
    return { file: this.file, line: this.line, column: offset - this.lineStart + 1 };
  }

  private get body(): NginxDirective[] {
    return this.open.length === 0 ? this.root : this.open[this.open.length - 1]!.body;
  }

  parse(): NginxDirective[] {
    const { text } = this;
    const n = text.length;
    while (this.i < n) {
      const c = text.charCodeAt(this.i);
      if (c === 0x0a) {
        this.i++;
        this.line++;
        this.lineStart = this.i;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d) {
        this.i++;
      } else if (c === 0x23 /* # */) {
        const end = text.indexOf('\n', this.i);
        this.i = end === -1 ? n : end;
      } else if (c === 0x3b /* ; */) {
        this.endDirective();
        this.i++;
      } else if (c === 0x7b /* { */) {
        this.startBlock();
        this.i++;
      } else if (c === 0x7d /* } */) {
        this.endBlock();
        this.i++;
      } else if (c === 0x22 || c === 0x27) {
        this.quoted(c);
      } else {
        this.word();
      }
    }
    if (this.words.length > 0) {
      throw error(
        'proxy-syntax',
        this.afterLastWord(),
        `missing ";" after the directive "${this.words[0]!.value}" (the file ends first)`,
      );
    }
    const unclosed = this.open[this.open.length - 1];
    if (unclosed !== undefined) {
      throw error(
        'proxy-syntax',
        unclosed.brace,
        `the block "${unclosed.name}" opened here is never closed: missing "}" at the end of the file`,
      );
    }
    return this.root;
  }

  private count(): void {
    if (++this.shared.tokens > MAX_NGINX_TOKENS) {
      throw error('too-many-tokens', this.pos(), `more than ${MAX_NGINX_TOKENS} words in the configuration`);
    }
  }

  /** Where a missing `;` belongs: just after the directive's last word. */
  private afterLastWord(): SourcePos {
    return this.words[this.words.length - 1]!.end;
  }

  private pushWord(value: string, quoted: boolean, at: SourcePos, end: SourcePos): void {
    this.count();
    this.words.push({ value, quoted, at, end });
  }

  /** An unquoted word, up to white space, `;` or `{` (`${name}` keeps its braces). */
  private word(): void {
    const { text } = this;
    const start = this.i;
    const at = this.pos();
    let escaped = false;
    let sawBackslash = false;
    let variable = false;
    for (; this.i < text.length; this.i++) {
      const c = text.charCodeAt(this.i);
      if (escaped) {
        escaped = false;
        // An escaped line break still ends the line for positions.
        if (c === 0x0a) {
          this.line++;
          this.lineStart = this.i + 1;
        }
        continue;
      }
      if (c === 0x7b && variable) {
        variable = false;
        continue;
      }
      variable = false;
      if (c === 0x5c /* \ */) {
        escaped = sawBackslash = true;
        continue;
      }
      if (c === 0x24 /* $ */) {
        variable = true;
        continue;
      }
      if (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a || c === 0x3b || c === 0x7b) break;
    }
    const raw = text.slice(start, this.i);
    this.pushWord(sawBackslash ? unescape(raw) : raw, false, at, this.pos());
  }

  /** A quoted word: up to the same quote not escaped; then white space, `;`, `{` or `)` must follow. */
  private quoted(quote: number): void {
    const { text } = this;
    const at = this.pos();
    const start = this.i + 1;
    let sawBackslash = false;
    let j = start;
    for (; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x5c) {
        sawBackslash = true;
        if (text.charCodeAt(j + 1) === 0x0a) {
          this.line++;
          this.lineStart = j + 2;
        }
        j++;
        continue;
      }
      if (c === 0x0a) {
        this.line++;
        this.lineStart = j + 1;
      }
      if (c === quote) break;
    }
    if (j >= text.length) {
      throw error(
        'proxy-syntax',
        at,
        `the quoted string that starts here never ends: missing ${String.fromCharCode(quote)}`,
      );
    }
    const raw = text.slice(start, j);
    this.i = j + 1;
    const end = this.pos();
    const next = text.charCodeAt(this.i);
    if (
      this.i < text.length &&
      !(
        next === 0x20 ||
        next === 0x09 ||
        next === 0x0d ||
        next === 0x0a ||
        next === 0x3b ||
        next === 0x7b ||
        next === 0x29
      )
    ) {
      throw error(
        'proxy-syntax',
        this.pos(),
        `unexpected "${text[this.i]}" right after a quoted string: nginx needs a space, ";" or "{" there`,
      );
    }
    this.pushWord(sawBackslash ? unescape(raw) : raw, true, at, end);
  }

  private takeDirective(what: string, at: SourcePos): { name: string; at: SourcePos; args: NginxArg[] } {
    const words = this.words;
    if (words.length === 0) throw error('proxy-syntax', at, `unexpected "${what}": no directive before it`);
    this.words = [];
    const args = words.slice(1).map(({ value, quoted, at }) => ({ value, quoted, at }));
    return { name: words[0]!.value, at: words[0]!.at, args };
  }

  private endDirective(): void {
    const d = this.takeDirective(';', this.pos());
    if (d.name === 'include' && this.shared.readFile !== undefined) this.include(d);
    else this.body.push(d);
  }

  private startBlock(): void {
    const brace = this.pos();
    const d = this.takeDirective('{', brace);
    if (this.depth + this.open.length >= MAX_NGINX_DEPTH) {
      throw error('too-deep', brace, `blocks nest more than ${MAX_NGINX_DEPTH} deep`);
    }
    this.open.push({ ...d, brace, body: [] });
  }

  private endBlock(): void {
    if (this.words.length > 0) {
      const here = this.pos();
      throw error(
        'proxy-syntax',
        this.afterLastWord(),
        `missing ";" after the directive "${this.words[0]!.value}" (a "}" follows at ${here.line}:${here.column})`,
      );
    }
    const closed = this.open.pop();
    if (closed === undefined) throw error('proxy-syntax', this.pos(), 'unexpected "}": no block is open here');
    this.body.push({ name: closed.name, args: closed.args, at: closed.at, block: closed.body });
  }

  private include(d: { name: string; at: SourcePos; args: NginxArg[] }): void {
    const { shared } = this;
    if (d.args.length !== 1) {
      throw error('proxy-syntax', d.at, `"include" takes one file, not ${d.args.length}`);
    }
    const ref = d.args[0]!.value;
    if (!GLOB.test(ref)) {
      const path = joinPath(shared.mainFile, ref);
      this.splice(shared.resolve?.(path) ?? path, ref, d.at, d.args[0]!.at);
      return;
    }
    const files = shared.listFiles?.(joinPath(shared.mainFile, ref));
    if (files === undefined) {
      shared.notes.push({
        kind: 'not-understood',
        text: `include ${ref}: a glob pattern; the files it names were not read (give them as proxy configurations too)`,
        at: d.at,
      });
      return;
    }
    for (const path of files) this.splice(path, ref, d.at, d.args[0]!.at);
  }

  /** One included file, parsed and spliced where the `include` stands. */
  private splice(path: string, ref: string, at: SourcePos, argAt: SourcePos): void {
    const { shared } = this;
    if (shared.including.includes(path)) {
      throw error('include-cycle', at, `${path} includes itself (${[...shared.including, path].join(' → ')})`);
    }
    if (shared.including.length > MAX_INCLUDE_DEPTH) {
      throw error('too-deep', at, `includes nest more than ${MAX_INCLUDE_DEPTH} deep`);
    }
    if (++shared.files > MAX_INCLUDED_FILES) {
      throw error('too-many-tokens', at, `more than ${MAX_INCLUDED_FILES} included files`);
    }
    const text = shared.readFile!(path);
    if (text === undefined) {
      shared.warnings.push({
        code: 'include-unknown-file',
        severity: 'warning',
        message: `include ${ref}: ${path} was not found; what it holds is not imported`,
        at: argAt,
      });
      return;
    }
    shared.including.push(path);
    const directives = parseFile(text, path, shared, this.depth + this.open.length);
    shared.including.pop();
    this.body.push(...directives);
  }
}

/** nginx's unescaping of a word (ngx_conf_read_token): only these six pairs lose their backslash. */
function unescape(raw: string): string {
  return raw.replace(/\\([\s\S])/g, (pair, c: string) => {
    switch (c) {
      case '"':
      case "'":
      case '\\':
        return c;
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'n':
        return '\n';
      default:
        return pair;
    }
  });
}

/** Whether a word expands variables (`$name`, `${name}`); nginx keeps a lone `$` literal. */
export const hasVariable = (value: string): boolean => /\$(?:[A-Za-z0-9_]|\{)/.test(value);

/** `name args…` as written, for notes: quotes added back where a word needs them. */
export function directiveText(d: NginxDirective): string {
  const word = (a: NginxArg) =>
    a.quoted || /[\s;{}"'#]/.test(a.value) || a.value === '' ? JSON.stringify(a.value) : a.value;
  return [d.name, ...d.args.map(word)].join(' ');
}
