/**
 * The nginx tokenizer and parser: words, quotes and escapes as ngx_conf_read_token reads them,
 * positions of every directive and argument, syntax errors at their exact line:column,
 * includes, and hostile inputs that must be refused in bounded time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  directiveText,
  hasVariable,
  MAX_NGINX_DEPTH,
  MAX_NGINX_TOKENS,
  parseNginx,
  type NginxDirective,
  type NginxTree,
} from '../../../../../shared/import/proxy/nginx-parse';
import type { ImportProblem } from '../../../../../shared/import/types';

function tree(text: string, files: Record<string, string> = {}): NginxTree {
  const result = parseNginx(text, 'conf/nginx.conf', { readFile: (p) => files[p] });
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`).join('\n'));
  return result.value;
}

function problem(text: string, files: Record<string, string> = {}): ImportProblem {
  const result = parseNginx(text, 'conf/nginx.conf', { readFile: (p) => files[p] });
  if (result.ok) throw new Error('parsed, but a problem was expected');
  expect(result.problems).toHaveLength(1);
  return result.problems[0]!;
}

const where = (p: { at: { line: number; column: number } }) => `${p.at.line}:${p.at.column}`;
const args = (d: NginxDirective) => d.args.map((a) => a.value);

describe('nginx parser: structure and positions', () => {
  it('reads directives, blocks and the position of every word', () => {
    const t = tree('worker_processes 1;\nhttp {\n  server {\n    listen  443 ssl;\n  }\n}\n');
    expect(t.directives.map((d) => d.name)).toEqual(['worker_processes', 'http']);
    const server = t.directives[1]!.block![0]!;
    expect(server.name).toBe('server');
    expect(where(server)).toBe('3:3');
    const listen = server.block![0]!;
    expect(args(listen)).toEqual(['443', 'ssl']);
    expect(listen.args.map(where)).toEqual(['4:13', '4:17']);
    expect(listen.at.file).toBe('conf/nginx.conf');
  });

  it('unescapes quoted and plain words as nginx does, keeping other backslash pairs', () => {
    const t = tree(String.raw`a "q\"d" 'it\'s' "t\tn\nr\r" "b\\s" "\x" p\"lain "sp ace;{}" '';`);
    expect(args(t.directives[0]!)).toEqual(['q"d', "it's", 't\tn\nr\r', 'b\\s', '\\x', 'p"lain', 'sp ace;{}', '']);
    expect(t.directives[0]!.args.map((a) => a.quoted)).toEqual([true, true, true, true, true, false, true, true]);
  });

  it('treats # as a comment only where a word starts, and } inside a word as part of it', () => {
    const t = tree('a b#c d; # comment ; {\nreturn 200 x}y;\n#last');
    expect(args(t.directives[0]!)).toEqual(['b#c', 'd']);
    expect(args(t.directives[1]!)).toEqual(['200', 'x}y']);
  });

  it('keeps variables, ${braced} ones included, and tells which words expand them', () => {
    const t = tree('set $a ${b}c; return 200 "$x"; return 200 "cost $";');
    expect(args(t.directives[0]!)).toEqual(['$a', '${b}c']);
    expect(t.directives.map((d) => d.args.map((a) => hasVariable(a.value)))).toEqual([
      [true, true],
      [false, true],
      [false, false],
    ]);
  });

  it('counts CRLF lines and tabs like any other white space', () => {
    const t = tree('a 1;\r\n\tb 2;\r\n');
    expect(where(t.directives[1]!)).toBe('2:2');
  });

  it('allows ")" right after a quoted word (if conditions)', () => {
    const t = tree('server { if ($scheme != "https") { return 301 https://$host$request_uri; } }');
    expect(args(t.directives[0]!.block![0]!)).toEqual(['($scheme', '!=', 'https', ')']);
  });

  it('writes a directive back with the quotes it needs', () => {
    const t = tree(`log_format x "a b" 'c' d;`);
    expect(directiveText(t.directives[0]!)).toBe('log_format x "a b" "c" d');
  });
});

describe('nginx parser: syntax errors at their position', () => {
  it('an unexpected "}"', () => {
    const p = problem('http {\n}\n}\n');
    expect([p.code, where(p)]).toEqual(['proxy-syntax', '3:1']);
    expect(p.message).toMatch(/unexpected "}"/);
  });

  it('a block never closed points at its "{"', () => {
    const p = problem('http {\n  server {\n    listen 80;\n}\n');
    expect([p.code, where(p)]).toEqual(['proxy-syntax', '1:6']);
    expect(p.message).toMatch(/"http" opened here is never closed/);
  });

  it('a missing ";" before "}" points just after the last word', () => {
    const p = problem('server {\n    listen 80\n}\n');
    expect([p.code, where(p)]).toEqual(['proxy-syntax', '2:14']);
    expect(p.message).toMatch(/missing ";" after the directive "listen" \(a "}" follows at 3:1\)/);
  });

  it('a missing ";" at the end of the file', () => {
    const p = problem('worker_processes 1;\nuser nginx');
    expect([p.code, where(p)]).toEqual(['proxy-syntax', '2:11']);
  });

  it('an unterminated quote points at the opening quote, across lines', () => {
    const p = problem('a 1;\nreturn 200 "never\nends;\n');
    expect([p.code, where(p)]).toEqual(['proxy-syntax', '2:12']);
    expect(p.message).toMatch(/never ends/);
    expect(where(problem("x 'a\\'"))).toBe('1:3');
  });

  it('text glued to a closing quote', () => {
    const p = problem('a "b"c;');
    expect([p.code, where(p)]).toEqual(['proxy-syntax', '1:6']);
  });

  it('";" or "{" with no directive before it', () => {
    expect(where(problem('a 1;\n  ;'))).toBe('2:3');
    expect(where(problem('{ a 1; }'))).toBe('1:1');
  });

  it('positions stay exact after escaped line breaks and multi-line quotes', () => {
    const p = problem('a "x\ny" b\\\nc;\n}');
    expect(where(p)).toBe('4:1');
  });
});

describe('nginx parser: include', () => {
  it('splices an exact include where it stands, with the included file in its positions', () => {
    const t = tree('http {\n  include sites/a.conf;\n  server_tokens off;\n}', {
      'conf/sites/a.conf': '\nserver { listen 80; }\n',
    });
    const body = t.directives[0]!.block!;
    expect(body.map((d) => d.name)).toEqual(['server', 'server_tokens']);
    expect(body[0]!.at).toEqual({ file: 'conf/sites/a.conf', line: 2, column: 1 });
  });

  it('resolves relative includes against the main file folder, also from an included file', () => {
    const t = tree('include a/one.conf;', {
      'conf/a/one.conf': 'include b/two.conf;',
      'conf/b/two.conf': 'deep 1;',
      '/abs/x.conf': 'no 1;',
    });
    expect(t.directives.map((d) => [d.name, d.at.file])).toEqual([['deep', 'conf/b/two.conf']]);
    expect(tree('include /abs/x.conf;', { '/abs/x.conf': 'abs 1;' }).directives[0]!.name).toBe('abs');
  });

  it('reports glob includes as not understood, and a missing file as a warning', () => {
    const t = tree('include conf.d/*.conf;\n');
    expect(t.notes).toEqual([
      expect.objectContaining({ kind: 'not-understood', at: { file: 'conf/nginx.conf', line: 1, column: 1 } }),
    ]);
    const result = parseNginx('include  mime.types;', 'conf/nginx.conf', { readFile: () => undefined });
    expect(result.ok && result.warnings).toEqual([
      expect.objectContaining({
        code: 'include-unknown-file',
        severity: 'warning',
        at: { file: 'conf/nginx.conf', line: 1, column: 10 },
      }),
    ]);
  });

  it('refuses an include cycle at the include that closes it', () => {
    const p = problem('include a.conf;', { 'conf/a.conf': '\ninclude b.conf;', 'conf/b.conf': 'include a.conf;' });
    expect([p.code, p.at]).toEqual(['include-cycle', { file: 'conf/b.conf', line: 1, column: 1 }]);
  });

  it('reports a syntax error inside an included file at its own position', () => {
    const p = problem('http { include x.conf; }', { 'conf/x.conf': 'server {\n listen 80\n}' });
    expect([p.code, p.at]).toEqual(['proxy-syntax', { file: 'conf/x.conf', line: 2, column: 11 }]);
  });

  it('keeps include as a directive when no reader is given', () => {
    const result = parseNginx('include x.conf;', 'nginx.conf');
    expect(result.ok && result.value.directives[0]!.name).toBe('include');
  });
});

describe('nginx parser: hostile input', () => {
  it('refuses nesting deeper than the bound at the first brace too deep', () => {
    const p = problem('a{'.repeat(10_000));
    expect(p.code).toBe('too-deep');
    expect(where(p)).toBe(`1:${2 * (MAX_NGINX_DEPTH + 1)}`);
  });

  it('refuses nesting that grows through includes', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`conf/${i}.conf`] = `b { include ${i + 1}.conf; }`;
    expect(['too-deep']).toContain(problem('include 0.conf;', files).code);
  });

  it('refuses more words than the bound', () => {
    const text = 'a '.repeat(MAX_NGINX_TOKENS + 1);
    expect(problem(text).code).toBe('too-many-tokens');
  });

  it('refuses a file over 5 MB', () => {
    expect(problem(`#${'x'.repeat(5 * 1024 * 1024)}`).code).toBe('file-too-large');
  });

  it('reads 2 MB of long words and quotes', () => {
    const text = `a "${'q'.repeat(1_000_000)}" ${'\\x'.repeat(500_000)};`;
    expect(tree(text).directives).toHaveLength(1);
  });

  it('never throws, and every position lies inside the text', () => {
    const alphabet = fc.constantFrom('a', ' ', ';', '{', '}', '"', "'", '\\', '#', '\n', '$', '(', ')', 'x');
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((cs) => cs.join('')),
        (text) => {
          const result = parseNginx(text, 'f');
          const lines = text.split('\n');
          const inside = (at: { line: number; column: number }) =>
            at.line >= 1 && at.line <= lines.length && at.column >= 1 && at.column <= lines[at.line - 1]!.length + 1;
          if (!result.ok) return result.problems.every((p) => inside(p.at));
          const all = (ds: readonly NginxDirective[]): boolean =>
            ds.every((d) => inside(d.at) && d.args.every((a) => inside(a.at)) && all(d.block ?? []));
          return all(result.value.directives);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
