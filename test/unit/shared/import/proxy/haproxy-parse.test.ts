import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_HAPROXY_WORDS, parseHaproxy, type HaproxyConfig } from '../../../../../shared/import/proxy/haproxy-parse';
import { MAX_FILE_BYTES } from '../../../../../shared/import/proxy/nginx-parse';

const FILE = 'haproxy.cfg';

function parsed(text: string): HaproxyConfig {
  const r = parseHaproxy(text, FILE);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.at.line}:${p.at.column} ${p.message}`).join('\n'));
  return r.value;
}

/** The words of the first line of the first section. */
const words = (line: string): string[] =>
  parsed(`frontend f\n${line}\n`).sections[0]!.lines[0]!.words.map((w) => w.value);

function problem(text: string): { code: string; at: string; message: string } {
  const r = parseHaproxy(text, FILE);
  if (r.ok) throw new Error('expected a problem');
  const p = r.problems[0]!;
  return { code: p.code, at: `${p.at.file}:${p.at.line}:${p.at.column}`, message: p.message };
}

describe('HAProxy tokenizer (parse_line, configuration manual §2.2)', () => {
  it('splits on spaces and tabs, with positions', () => {
    const c = parsed('frontend web\n\tbind  :80\tssl\n');
    expect(c.sections[0]!.kind).toBe('frontend');
    expect(c.sections[0]!.args[0]!.value).toBe('web');
    const line = c.sections[0]!.lines[0]!;
    expect(line.words.map((w) => [w.value, w.at.line, w.at.column])).toEqual([
      ['bind', 2, 2],
      [':80', 2, 8],
      ['ssl', 2, 12],
    ]);
  });

  it('starts a comment at any # outside quotes, even inside a word', () => {
    expect(words('acl a#b hdr(host) x')).toEqual(['acl', 'a']);
    expect(words('acl "a#b" x # comment')).toEqual(['acl', 'a#b', 'x']);
    expect(words("acl 'a#b'")).toEqual(['acl', 'a#b']);
    expect(words('acl a\\#b')).toEqual(['acl', 'a#b']);
  });

  it('concatenates quoted parts with what surrounds them', () => {
    expect(words(`log-format "%{+Q}o %t"' %s'\\ %{-Q}r`)).toEqual(['log-format', '%{+Q}o %t %s %{-Q}r']);
    expect(words(`acl a"b c"d`)).toEqual(['acl', 'ab cd']);
  });

  it('unescapes what HAProxy unescapes and keeps any other backslash', () => {
    expect(words('x a\\ b \\\\ \\t \\x41 \\1 "\\"q\\"" \'\\n\'')).toEqual([
      'x',
      'a b',
      '\\',
      '\t',
      'A',
      '\\1',
      '"q"',
      '\\n',
    ]);
  });

  it('keeps empty quoted words between others, not at the end', () => {
    expect(words('x "" y ""')).toEqual(['x', '', 'y']);
  });

  it('ends a line at a carriage return (CRLF files read as LF ones)', () => {
    const c = parsed('frontend f\r\n  bind :80\r\n');
    expect(c.sections[0]!.lines[0]!.words.map((w) => w.value)).toEqual(['bind', ':80']);
  });

  it('reads environment variables in double quotes only, with their defaults', () => {
    const [bind] = parsed('frontend f\n bind "${ADDR-:8080}" $NOT\n').sections[0]!.lines[0]!.words.slice(1);
    expect(bind!.value).toBe(':8080');
    expect(bind!.variables).toEqual([{ name: 'ADDR', hasDefault: true }]);
    const plain = parsed('frontend f\n bind $ADDR "\\$x" "$HOME/y"\n').sections[0]!.lines[0]!.words;
    expect(plain.map((w) => w.value)).toEqual(['bind', '$ADDR', '$x', '/y']);
    expect(plain[3]!.variables).toEqual([{ name: 'HOME', hasDefault: false }]);
  });

  it('groups lines into sections', () => {
    const c = parsed('global\n maxconn 10\n\ndefaults\n mode http\nbackend b\n server s a:1\n');
    expect(c.sections.map((s) => [s.kind, s.lines.length])).toEqual([
      ['global', 1],
      ['defaults', 1],
      ['backend', 1],
    ]);
  });
});

describe('HAProxy conditional blocks (§2.4)', () => {
  it('follows constant conditions', () => {
    const c = parsed(
      '.if 1\nfrontend a\n.elif 1\nfrontend b\n.else\nfrontend c\n.endif\n.if 0\nfrontend d\n.else\nfrontend e\n.endif\n',
    );
    expect(c.sections.map((s) => s.args[0]!.value)).toEqual(['a', 'e']);
  });

  it('leaves out the lines of a condition it cannot decide, with a note', () => {
    const c = parsed('frontend f\n.if defined(X)\n bind :80\n.else\n bind :81\n.endif\n bind :82\n');
    expect(c.sections[0]!.lines.map((l) => l.words[1]!.value)).toEqual([':82']);
    expect(c.notes.map((n) => `${n.at.line}:${n.at.column} ${n.kind}`)).toEqual(['2:1 not-understood']);
  });

  it('notes start-up messages', () => {
    expect(parsed('.notice "hello"\nglobal\n').notes[0]!.text).toMatch(/start-up/);
  });
});

describe('HAProxy syntax errors: code and exact position', () => {
  it.each([
    ['an unmatched double quote', 'frontend f\n  bind ":80\n', '2:8', /unmatched quote/],
    ['an unmatched single quote after a closed one', "frontend f\n  acl a 'x' 'y\n", '2:13', /unmatched quote/],
    ['a bad \\x escape', 'frontend f\n  acl a \\xZZ\n', '2:9', /hexadecimal/],
    ['a variable name starting with a digit', 'frontend f\n  bind "$1x"\n', '2:10', /variable name/],
    ['an unclosed ${', 'frontend f\n  bind "${X"\n', '2:10', /unmatched "\{"/],
    ['a keyword before any section', '\n  bind :80\n', '2:3', /out of section/],
    ['an .if that is never closed', 'global\n.if 1\n', '2:1', /never closed/],
    ['an .endif without .if', 'global\n.endif\n', '2:1', /without/],
    ['an .else after .else', '.if 1\n.else\n.else\n.endif\n', '3:1', /after/],
  ])('%s', (_name, text, at, message) => {
    const p = problem(text);
    expect(p.code).toBe('proxy-syntax');
    expect(p.at).toBe(`${FILE}:${at}`);
    expect(p.message).toMatch(message);
  });

  it(`more than ${MAX_HAPROXY_WORDS} words on a line, at the first word too many`, () => {
    const line = ['acl', ...Array.from({ length: MAX_HAPROXY_WORDS }, (_, i) => `w${i}`)].join(' ');
    expect(() => parsed(`frontend f\n${line.split(' ').slice(0, MAX_HAPROXY_WORDS).join(' ')}\n`)).not.toThrow();
    const p = problem(`frontend f\n${line}\n`);
    expect(p.at).toBe(`${FILE}:2:${line.lastIndexOf(' ') + 2}`);
  });
});

describe('HAProxy hostile input', () => {
  it('refuses a file over 5 MB before reading it', () => {
    const p = problem('#'.repeat(MAX_FILE_BYTES + 1));
    expect(p.code).toBe('file-too-large');
    expect(p.at).toBe(`${FILE}:1:1`);
  });

  it('stops at the nesting bound of conditional blocks', () => {
    expect(problem('.if 1\n'.repeat(11)).message).toMatch(/nest more than 10/);
  });

  it('reads a long file in one pass', () => {
    const text = `frontend f\n${'  acl a hdr(host) -i a.example.com\n'.repeat(50_000)}`;
    expect(parsed(text).sections[0]!.lines).toHaveLength(50_000);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('frontend', ' ', '\n', '"', "'", '\\', '$', '{', '}', '#', 'x', '.if', '.endif', 'x20'),
        }),
        (text) => {
          const r = parseHaproxy(text, FILE);
          if (!r.ok) expect(r.problems[0]!.at.line).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
