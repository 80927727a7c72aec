import { describe, expect, it } from 'vitest';
import { loadProject, type FormatProblem } from '../../../../shared/format/index';

/** The parts of a problem a user acts on: what, and where. */
const located = (text: string) =>
  loadProject(text).problems.map((p: FormatProblem) => ({ code: p.code, line: p.line, column: p.column }));

const HEAD = 'format: 1\nmeta:\n  name: Acme\n';

describe('loadProject reports each bad input with its code, line and column', () => {
  it('malformed YAML: an unclosed quote', () => {
    expect(located(`${HEAD}components:\n  - id: "a\n`)).toEqual([{ code: 'yaml-syntax', line: 6, column: 1 }]);
  });

  it('malformed YAML: tab indentation', () => {
    expect(located('format: 1\nmeta:\n\tname: x\n')).toEqual([{ code: 'yaml-syntax', line: 3, column: 1 }]);
  });

  it('malformed YAML: a duplicate key points at the second one', () => {
    expect(located('format: 1\nformat: 1\nmeta:\n  name: x\n')).toEqual([{ code: 'yaml-syntax', line: 2, column: 1 }]);
  });

  it('malformed YAML: a second document', () => {
    const result = loadProject(`${HEAD}---\nformat: 1\n`);
    expect(result.problems).toMatchObject([{ code: 'yaml-syntax', line: 4, column: 1 }]);
    expect(result.problems[0]?.message).toMatch(/one YAML document/);
  });

  it('parser messages carry no second position of their own', () => {
    const [p] = loadProject('format: 1\nmeta:\n  name: [unclosed\n').problems;
    expect(p?.message).not.toMatch(/at line \d+/);
  });

  it('not a mapping at the top', () => {
    expect(located('- just\n- a list\n')).toEqual([{ code: 'not-a-project', line: 1, column: 1 }]);
    expect(located('')).toEqual([{ code: 'not-a-project', line: 1, column: 1 }]);
  });

  it('missing format', () => {
    expect(located('meta:\n  name: x\n')).toEqual([{ code: 'missing-key', line: 1, column: 1 }]);
  });

  it('a newer format is refused with a pointer at the version', () => {
    expect(located('format: 7\nmeta:\n  name: x\n')).toEqual([{ code: 'unsupported-format', line: 1, column: 9 }]);
  });

  it('a format no migration leads from', () => {
    expect(located('format: 0\nmeta:\n  name: x\n')).toEqual([{ code: 'unsupported-format', line: 1, column: 9 }]);
  });

  it('wrong types', () => {
    expect(located('format: "1"\nmeta:\n  name: x\n')).toEqual([{ code: 'wrong-type', line: 1, column: 9 }]);
    expect(located('format: 1\nmeta: [x]\n')).toEqual([{ code: 'wrong-type', line: 2, column: 7 }]);
    expect(located(`${HEAD}components:\n  - id: a\n    kind: nextauth\n    name: A\n    replicas: three\n`)).toEqual([
      { code: 'wrong-type', line: 8, column: 15 },
    ]);
    expect(located(`${HEAD}components:\n  - id: a\n    kind: redis\n    name: 42\n`)).toEqual([
      { code: 'wrong-type', line: 7, column: 11 },
    ]);
    expect(
      located(`${HEAD}components:\n  - id: a\n    kind: redis\n    name: A\n    position: { x: left, y: 1 }\n`),
    ).toEqual([{ code: 'wrong-type', line: 8, column: 20 }]);
    expect(located(`${HEAD}components: {}\n`)).toEqual([{ code: 'wrong-type', line: 4, column: 13 }]);
  });

  it('values out of range', () => {
    expect(located(`${HEAD}components:\n  - id: a\n    kind: nextauth\n    name: A\n    replicas: 0\n`)).toEqual([
      { code: 'invalid-value', line: 8, column: 15 },
    ]);
    expect(
      located(
        `${HEAD}components:\n  - id: a\n    kind: redis\n    name: A\n    publish:\n      - { port: redis, hostPort: 70000 }\n`,
      ),
    ).toEqual([{ code: 'invalid-value', line: 9, column: 34 }]);
  });

  it('missing required keys point at the element', () => {
    expect(located(`${HEAD}components:\n  - id: a\n    name: A\n`)).toEqual([
      { code: 'missing-key', line: 5, column: 5 },
    ]);
  });

  it('unknown kind', () => {
    expect(located(`${HEAD}components:\n  - id: a\n    kind: nextauthh\n    name: A\n`)).toEqual([
      { code: 'unknown-kind', line: 6, column: 11 },
    ]);
  });

  it('unknown flavour, and a flavour on a kind without flavours', () => {
    expect(
      located(`${HEAD}components:\n  - id: p\n    kind: reverse-proxy\n    flavour: apache\n    name: P\n`),
    ).toEqual([{ code: 'unknown-flavour', line: 7, column: 14 }]);
    expect(located(`${HEAD}components:\n  - id: r\n    kind: redis\n    flavour: nginx\n    name: R\n`)).toEqual([
      { code: 'invalid-value', line: 7, column: 5 },
    ]);
  });

  it('unknown port on a kind: in a link, a route, a publish entry and an override', () => {
    const two = `${HEAD}components:\n  - id: a\n    kind: nextauth\n    name: A\n  - id: b\n    kind: nextauth-mgmt\n    name: B\n`;
    expect(located(`${two}links:\n  - { id: l, from: b, to: a, port: dashboard }\n`)).toEqual([
      { code: 'unknown-port', line: 12, column: 36 },
    ]);
    expect(
      located(`${two}routes:\n  - { id: r, via: b, scheme: wss, host: h, path: /, target: a, port: websocket }\n`),
    ).toEqual([{ code: 'unknown-port', line: 12, column: 70 }]);
    expect(
      located(
        `${HEAD}components:\n  - id: a\n    kind: nextauth\n    name: A\n    publish:\n      - { port: https, hostPort: 443 }\n`,
      ),
    ).toEqual([{ code: 'unknown-port', line: 9, column: 17 }]);
    expect(
      located(
        `${HEAD}components:\n  - id: a\n    kind: nextauth\n    name: A\n    portOverrides:\n      admin: 9613\n`,
      ),
    ).toEqual([{ code: 'unknown-port', line: 9, column: 7 }]);
  });

  it('duplicate ids, across element types too', () => {
    expect(
      located(
        `${HEAD}components:\n  - id: a\n    kind: nextauth\n    name: A\n  - id: a\n    kind: redis\n    name: B\n`,
      ),
    ).toEqual([{ code: 'duplicate-id', line: 8, column: 9 }]);
    expect(
      located(
        `${HEAD}zones:\n  - { id: a, name: Z, kind: dmz }\ncomponents:\n  - id: a\n    kind: redis\n    name: B\n`,
      ),
    ).toEqual([{ code: 'duplicate-id', line: 7, column: 9 }]);
  });

  it('invalid ids', () => {
    expect(located(`${HEAD}components:\n  - id: "a b"\n    kind: redis\n    name: B\n`)).toEqual([
      { code: 'invalid-value', line: 5, column: 9 },
    ]);
  });

  it('links and routes pointing at missing components, components in missing zones', () => {
    const one = `${HEAD}components:\n  - id: a\n    kind: nextauth\n    name: A\n    zone: dmz\n`;
    expect(located(one)).toEqual([{ code: 'dangling-reference', line: 8, column: 11 }]);
    const ok = `${HEAD}components:\n  - id: a\n    kind: nextauth\n    name: A\n`;
    expect(located(`${ok}links:\n  - { id: l, from: ghost, to: a, port: ws }\n`)).toEqual([
      { code: 'dangling-reference', line: 9, column: 20 },
    ]);
    expect(
      located(
        `${ok}routes:\n  - id: r\n    via: proxy\n    scheme: wss\n    host: h\n    path: /\n    target: a\n    port: ws\n`,
      ),
    ).toEqual([{ code: 'dangling-reference', line: 10, column: 10 }]);
  });

  it('environment: bad names and bad secret lengths', () => {
    const env = (body: string) =>
      located(`${HEAD}components:\n  - id: a\n    kind: nextauth\n    name: A\n    environment:\n${body}`);
    expect(env('      1BAD: x\n')).toEqual([{ code: 'invalid-value', line: 9, column: 7 }]);
    expect(env('      KEY: { secret: 4 }\n')).toEqual([{ code: 'invalid-value', line: 9, column: 22 }]);
    expect(env('      KEY: { secret: 32, input: x }\n')).toEqual([{ code: 'invalid-value', line: 9, column: 12 }]);
    expect(env('      KEY: [1, 2]\n')).toEqual([{ code: 'wrong-type', line: 9, column: 12 }]);
  });

  it('one bad field does not cascade into a problem for every reference to the element', () => {
    const text = `${HEAD}components:\n  - id: a\n    kind: nextauth\n    name: A\n    replicas: many\n  - id: b\n    kind: redys\n    name: B\nlinks:\n  - { id: l1, from: a, to: b, port: redis }\n  - { id: l2, from: b, to: a, port: ws }\n`;
    expect(located(text)).toEqual([
      { code: 'wrong-type', line: 8, column: 15 },
      { code: 'unknown-kind', line: 10, column: 11 },
    ]);
  });

  it('suppressions: a rule id, an existing element and a written reason', () => {
    const one = `${HEAD}components:\n  - id: a\n    kind: redis\n    name: A\nsuppressions:\n`;
    expect(located(`${one}  - { rule: NA010, element: a, reason: ok }\n`)).toEqual([]);
    expect(located(`${one}  - { rule: na10, element: a, reason: ok }\n`)).toEqual([
      { code: 'invalid-value', line: 9, column: 13 },
    ]);
    expect(located(`${one}  - { rule: NA010, element: ghost, reason: ok }\n`)).toEqual([
      { code: 'dangling-reference', line: 9, column: 29 },
    ]);
    expect(located(`${one}  - { rule: NA010, element: a, reason: "  " }\n`)).toEqual([
      { code: 'invalid-value', line: 9, column: 40 },
    ]);
    expect(located(`${one}  - { rule: NA010, element: a }\n`)).toEqual([{ code: 'missing-key', line: 9, column: 5 }]);
  });

  it('unknown keys are reported as warnings and the project still loads', () => {
    const result = loadProject(
      `${HEAD}  colour: red\ncomponents:\n  - id: a\n    kind: redis\n    name: A\n    shape: round\n`,
    );
    expect(result.ok).toBe(true);
    expect(result.problems.map((p) => [p.code, p.severity, p.line, p.column, p.path])).toEqual([
      ['unknown-key', 'warning', 4, 3, 'meta.colour'],
      ['unknown-key', 'warning', 9, 5, 'components[0].shape'],
    ]);
  });

  it('reports every problem of a file in one pass, in file order within each element', () => {
    const text = `${HEAD}components:\n  - id: a\n    kind: bogus\n    name: A\n  - id: b\n    kind: redis\n    name: B\n    replicas: -1\n`;
    expect(located(text)).toEqual([
      { code: 'unknown-kind', line: 6, column: 11 },
      { code: 'invalid-value', line: 11, column: 15 },
    ]);
  });
});

describe('loadProject refuses hostile files cheaply', () => {
  it('files over 5 MB are refused before parsing', () => {
    const big = `${HEAD}meta2: "${'x'.repeat(5 * 1024 * 1024)}"\n`;
    expect(located(big)).toEqual([{ code: 'file-too-large', line: 1, column: 1 }]);
  });

  it('counts bytes, not characters: 2 MB of 3-byte characters is over the limit', () => {
    const text = `${HEAD}x: "${'€'.repeat(2 * 1024 * 1024)}"\n`;
    expect(located(text)).toEqual([{ code: 'file-too-large', line: 1, column: 1 }]);
  });

  it('a YAML alias bomb is refused at the alias where the expansion budget runs out', () => {
    // a, b and c use 1,220 of the 10,000 nodes; each *c adds 1,111, so the 8th *c on line 4 is refused.
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
      'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
      'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]',
      'h: [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]',
      '',
    ].join('\n');
    expect(located(bomb)).toEqual([{ code: 'alias-limit', line: 4, column: 36 }]);
  });

  it('ordinary anchors and aliases are expanded', () => {
    const text = `${HEAD}components:\n  - id: a\n    kind: redis\n    name: A\n    position: &p { x: 10, y: 20 }\n  - id: b\n    kind: redis\n    name: B\n    position: *p\n`;
    const result = loadProject(text);
    expect(result.ok && result.project.components[1]?.position).toEqual({ x: 10, y: 20 });
  });

  it('a __proto__ key stays an ordinary key and pollutes nothing', () => {
    const text = `${HEAD}components:\n  - id: a\n    kind: redis\n    name: A\n    properties:\n      __proto__: evil\n    environment:\n      __proto__: x\n`;
    const result = loadProject(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const c = result.project.components[0]!;
    expect(Object.keys(c.properties)).toEqual(['__proto__']);
    expect(Object.keys(c.environment)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).evil).toBeUndefined();
  });
});
