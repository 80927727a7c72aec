import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_CADDY_DEPTH,
  parseCaddyfile,
  type CaddyDirective,
  type Caddyfile,
} from '../../../../../shared/import/proxy/caddy-parse';
import { MAX_FILE_BYTES } from '../../../../../shared/import/proxy/nginx-parse';
import type { ReadFile } from '../../../../../shared/import/proxy/types';

const FILE = 'Caddyfile';

function parsed(text: string, readFile?: ReadFile): Caddyfile {
  const r = parseCaddyfile(text, FILE, readFile ? { readFile } : {});
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`).join('\n'));
  return r.value;
}

/** A directive tree as text: `name arg… { … }`. */
const show = (ds: readonly CaddyDirective[]): string[] =>
  ds.map(
    (d) => [d.name.text, ...d.args.map((a) => a.text)].join(' ') + (d.block ? ` { ${show(d.block).join('; ')} }` : ''),
  );

function problem(text: string, readFile?: ReadFile): string {
  const r = parseCaddyfile(text, FILE, readFile ? { readFile } : {});
  if (r.ok) throw new Error('expected a problem');
  const p = r.problems[0]!;
  return `${p.code} ${p.at.file}:${p.at.line}:${p.at.column} ${p.message}`;
}

describe('Caddyfile lexer (lexer.go)', () => {
  it('reads tokens, quotes, backquotes and comments with positions', () => {
    const c = parsed('a.example.com {\n\trespond "hello world" `a "b"` # done\n\theader X a#b\n}\n');
    const [respond, header] = c.sites[0]!.directives;
    expect(respond!.args.map((a) => [a.text, a.quoted, a.at.line, a.at.column])).toEqual([
      ['hello world', true, 2, 10],
      ['a "b"', true, 2, 24],
    ]);
    expect(header!.args.map((a) => a.text)).toEqual(['X', 'a#b']);
  });

  it('unescapes only \\" inside double quotes and keeps other backslashes', () => {
    const c = parsed('x {\n\trespond "a\\"b\\\\c\\n" a\\b\n}\n');
    expect(c.sites[0]!.directives[0]!.args.map((a) => a.text)).toEqual(['a"b\\\\c\\n', 'a\\b']);
  });

  it('continues a directive on the next line after a backslash', () => {
    const c = parsed('x {\n\treverse_proxy a:1 \\\n\t\tb:2\n\trespond 1\n}\n');
    expect(show(c.sites[0]!.directives)).toEqual(['reverse_proxy a:1 b:2', 'respond 1']);
    expect(c.sites[0]!.directives[0]!.args[1]!.at.line).toBe(3);
  });

  it('keeps a quoted token across lines as one, and the next line as a new directive', () => {
    const c = parsed('x {\n\trespond "a\nb"\n\tlog\n}\n');
    expect(show(c.sites[0]!.directives)).toEqual(['respond a\nb', 'log']);
  });

  it('reads environment variables, with their defaults', () => {
    const c = parsed('{$HOST:a.example.com} {\n\treverse_proxy {$UP} x{$P:80}\n}\n');
    expect(c.sites[0]!.addresses[0]!.text).toBe('a.example.com');
    const [up, p] = c.sites[0]!.directives[0]!.args;
    expect([up!.text, up!.variables]).toEqual(['', [{ name: 'UP', hasDefault: false }]]);
    expect([p!.text, p!.variables]).toEqual(['x80', [{ name: 'P', hasDefault: true }]]);
  });
});

describe('Caddyfile structure (parse.go)', () => {
  it('reads the global options, several addresses, nested blocks', () => {
    const c = parsed(
      '{\n\thttp_port 8080\n}\n\na.example.com, b.example.com,\n  c.example.com {\n\thandle /x* {\n\t\treverse_proxy a:1\n\t}\n}\n',
    );
    expect(show(c.options!)).toEqual(['http_port 8080']);
    expect(c.sites[0]!.addresses.map((a) => a.text)).toEqual(['a.example.com', 'b.example.com', 'c.example.com']);
    expect(show(c.sites[0]!.directives)).toEqual(['handle /x* { reverse_proxy a:1 }']);
  });

  it('reads a single site without braces', () => {
    const c = parsed('localhost\nreverse_proxy app:8080\nlog\n');
    expect(c.sites[0]!.addresses[0]!.text).toBe('localhost');
    expect(show(c.sites[0]!.directives)).toEqual(['reverse_proxy app:8080', 'log']);
  });

  it('splices snippets with their arguments wherever a line starts with import', () => {
    const c = parsed(
      '(up) {\n\treverse_proxy {args.0}:{args[1]}\n}\nx {\n\timport up app 80\n\thandle {\n\t\timport up other 81\n\t}\n}\n',
    );
    expect(show(c.sites[0]!.directives)).toEqual(['reverse_proxy app:80', 'handle { reverse_proxy other:81 }']);
  });

  it('imports files relative to the importing file, and notes globs', () => {
    const files: Record<string, string> = {
      'conf/Caddyfile': 'import sites/a.caddy\nimport sites/*.caddy\n',
      'conf/sites/a.caddy': 'a.example.com {\n\timport ../common.caddy\n}\n',
      'conf/common.caddy': 'log\n',
    };
    const r = parseCaddyfile(files['conf/Caddyfile']!, 'conf/Caddyfile', { readFile: (p) => files[p] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.sites[0]!.addresses[0]!.at.file).toBe('conf/sites/a.caddy');
    expect(show(r.value.sites[0]!.directives)).toEqual(['log']);
    expect(r.value.sites[0]!.directives[0]!.name.at.file).toBe('conf/common.caddy');
    expect(r.value.notes.map((n) => `${n.at.line}:${n.at.column} ${n.text}`)).toEqual([
      '2:1 import sites/*.caddy: a glob pattern; the files it names were not read',
    ]);
  });

  it('warns about a file it cannot read and goes on', () => {
    const r = parseCaddyfile('x {\n\timport missing.caddy\n\tlog\n}\n', FILE, { readFile: () => undefined });
    expect(r.ok && r.warnings.map((w) => `${w.code} ${w.at.line}:${w.at.column}`)).toEqual([
      'include-unknown-file 2:9',
    ]);
    expect(r.ok && show(r.value.sites[0]!.directives)).toEqual(['log']);
  });
});

describe('Caddyfile errors: code and exact position', () => {
  it.each([
    ['an unterminated quote', 'x {\n\trespond "hello\n}\n', 'proxy-syntax Caddyfile:2:10 the quoted token'],
    ['an unterminated backquote', 'x {\n\trespond `a\n', 'proxy-syntax Caddyfile:2:10 the quoted token'],
    [
      'a block never closed',
      'x {\n\thandle {\n\t\trespond 1\n}\n',
      'proxy-syntax Caddyfile:1:3 the block opened here is never closed',
    ],
    ['a "}" without "{"', 'x {\n}\n}\n', 'proxy-syntax Caddyfile:3:1 unexpected "}"'],
    [
      'a token after "{" on its line',
      'x {\n\thandle { respond 1\n\t}\n}\n',
      'proxy-syntax Caddyfile:2:11 unexpected token after "{"',
    ],
    [
      'a "}" on the line of a directive',
      'x {\n\trespond 1 }\n',
      'proxy-syntax Caddyfile:2:12 unexpected "}" on the line',
    ],
    ['an address glued to "{"', 'x{\n}\n', 'proxy-syntax Caddyfile:1:1 site addresses cannot end with "{"'],
    ['two addresses with a comma and no space', 'a,b {\n}\n', 'proxy-syntax Caddyfile:1:1 "a,b": put a space'],
    ['a comma after the last address', 'a, \n', 'proxy-syntax Caddyfile:1:1 a comma after the last address'],
    ['global options after a site', 'a {\n}\n{\n\tdebug\n}\n', 'proxy-syntax Caddyfile:3:1 a block without an address'],
    ['a snippet declared twice', '(s) {\n}\n(s) {\n}\n', 'proxy-syntax Caddyfile:3:1 the snippet s is declared twice'],
    [
      'a snippet that imports itself',
      '(s) {\n\timport s\n}\nx {\n\timport s\n}\n',
      'include-cycle Caddyfile:2:2 the snippet s imports itself',
    ],
    ['import without a name', 'x {\n\timport\n}\n', 'proxy-syntax Caddyfile:2:2 "import" needs'],
  ])('%s', (_name, text, expected) => {
    expect(problem(text)).toMatch(new RegExp(`^${expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  });

  it('a file that imports itself through another', () => {
    const files: Record<string, string> = { a: 'import b\n', b: 'x {\n}\nimport a\n' };
    const r = parseCaddyfile(files.a!, 'a', { readFile: (p) => files[p] });
    expect(
      !r.ok &&
        `${r.problems[0]!.code} ${r.problems[0]!.at.file}:${r.problems[0]!.at.line}:${r.problems[0]!.at.column} ${r.problems[0]!.message}`,
    ).toBe('include-cycle b:3:1 a imports itself (a → b → a)');
  });
});

describe('Caddyfile hostile input', () => {
  it('refuses a file over 5 MB', () => {
    expect(problem('#'.repeat(MAX_FILE_BYTES + 1))).toMatch(/^file-too-large Caddyfile:1:1/);
  });

  it(`stops blocks nested more than ${MAX_CADDY_DEPTH} deep`, () => {
    const depth = MAX_CADDY_DEPTH + 1;
    const text = `x {\n${'route {\n'.repeat(depth)}${'}\n'.repeat(depth)}}\n`;
    expect(problem(text)).toMatch(/^too-deep Caddyfile:\d+:7 blocks nest more than 32 deep/);
  });

  it('stops an import bomb of snippets', () => {
    let text = '(s0) {\n\tlog a b c d e f g h\n}\n';
    for (let k = 1; k <= 12; k++) text += `(s${k}) {\n${`\timport s${k - 1}\n`.repeat(8)}}\n`;
    text += 'x {\n\timport s12\n}\n';
    expect(problem(text)).toMatch(/^too-many-tokens /);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('x', ' ', '\n', '{', '}', '"', '`', '\\', '#', '(s)', 'import', 's', ',', '{$A}', '@m'),
        }),
        (text) => {
          const r = parseCaddyfile(text, FILE, { readFile: () => 'log\n' });
          if (!r.ok) expect(r.problems[0]!.at.line).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
