import { describe, expect, it } from 'vitest';
import { entryOf, type CMap } from '../../../../../shared/import/compose/tree';
import { load, loaded, memoryFs, plainServices, problemOf } from './memory-fs';
import { loadCompose } from '../../../../../shared/import/compose/load';
import { MAX_EXTENDS_CHAIN } from '../../../../../shared/import/compose/extends';

// `extends` in the same file and across files, chains, cycles and missing targets
// (compose-spec 05-services.md#extends; compose-go loader/extends.go).

const services = (files: Record<string, string>, first = 'compose.yml') => plainServices(loaded(load([first], files)));

describe('extends', () => {
  it('merges the extending service over its base in the same file (the spec example)', () => {
    expect(
      services({
        'compose.yml':
          'services:\n  common:\n    image: busybox\n    environment:\n      TZ: utc\n      PORT: 80\n  cli:\n    extends:\n      service: common\n    environment:\n      PORT: 8080\n',
      }).cli,
    ).toEqual({ image: 'busybox', environment: { TZ: 'utc', PORT: 8080 } });
  });

  it('accepts the short form and follows chains (base → common → cli)', () => {
    const s = services({
      'compose.yml':
        'services:\n  base:\n    image: busybox\n    user: root\n  common:\n    image: busybox\n    extends: base\n  cli:\n    extends:\n      service: common\n',
    });
    expect(s.cli).toEqual({ image: 'busybox', user: 'root' });
    expect(s.common).toEqual({ image: 'busybox', user: 'root' });
  });

  it('inherits depends_on (compose v2 dropped the exclusions)', () => {
    const s = services({
      'compose.yml':
        'services:\n  db: {image: pg}\n  base:\n    image: x\n    depends_on: [db]\n  app:\n    extends: base\n',
    });
    expect(s.app).toEqual({ image: 'x', depends_on: ['db'] });
  });

  it('honours !reset and !override in the extending service', () => {
    const s = services({
      'compose.yml':
        'services:\n  base:\n    image: x\n    ports: ["80:80"]\n    environment: {A: "1"}\n  app:\n    extends: base\n    ports: !override ["81:81"]\n    environment: !reset {}\n',
    });
    expect(s.app).toEqual({ image: 'x', ports: ['81:81'] });
  });

  it('reads another file relative to the extending file, across folders', () => {
    const files = {
      'compose.yml':
        'services:\n  test:\n    extends:\n      file: dir/compose.yaml\n      service: test\n    ports: ["80:80"]\n',
      'dir/compose.yaml':
        'services:\n  test:\n    extends:\n      file: base.yaml\n      service: test\n    environment: [A=1]\n',
      'dir/base.yaml': 'services:\n  test:\n    image: hello-world\n    ports: ["81:81"]\n',
    };
    const model = loaded(load(['compose.yml'], files));
    expect(plainServices(model).test).toEqual({
      image: 'hello-world',
      ports: ['81:81', '80:80'],
      environment: ['A=1'],
    });
    expect(model.files).toEqual(['compose.yml', 'dir/compose.yaml', 'dir/base.yaml']);
    // The service is where it is written; inherited keys point into the files they came from.
    const test = model.services[0];
    expect(test?.at).toEqual({ file: 'compose.yml', line: 2, column: 3 });
    expect(entryOf(test?.node as CMap, 'image')?.value.at).toEqual({ file: 'dir/base.yaml', line: 3, column: 12 });
  });

  it('interpolates the other file with the same variables', () => {
    const files = {
      'compose.yml': 'services:\n  a:\n    extends: {file: base.yml, service: b}\n',
      'base.yml': 'services:\n  b:\n    image: nginx:${TAG}\n',
    };
    expect(plainServices(loaded(load(['compose.yml'], files, { env: { TAG: '1.25' } }))).a).toEqual({
      image: 'nginx:1.25',
    });
    // An unset variable there warns at its place in that file.
    const outcome = load(['compose.yml'], files);
    expect(outcome.ok && outcome.warnings.map((w) => `${w.code} ${w.at.file}:${w.at.line}:${w.at.column}`)).toEqual([
      'variable-unset base.yml:3:18',
    ]);
  });

  it('reads each other file once, however many services extend it', () => {
    const fs = memoryFs({
      'base.yml': 'services:\n  b:\n    image: x\n',
    });
    const text =
      'services:\n' +
      Array.from({ length: 20 }, (_, i) => `  s${i}:\n    extends: {file: base.yml, service: b}\n`).join('');
    const outcome = loadCompose([{ path: 'compose.yml', text }], { lookup: () => undefined, readFile: fs.readFile });
    expect(outcome.ok).toBe(true);
    expect(fs.asked).toEqual(['base.yml']);
  });

  it('resolves thousands of services extending one base', () => {
    // As many as the token bound lets through (150,000 tokens, ten a service).
    const n = 12_000;
    const lines = ['services:', '  base: {image: b, restart: always}'];
    for (let i = 0; i < n; i++) lines.push(`  s${i}:`, '    extends: base');
    const model = loaded(load(['compose.yml'], { 'compose.yml': lines.join('\n') + '\n' }));
    expect(model.services).toHaveLength(n + 1);
  });

  it('walks a long chain once per service', () => {
    const n = 300;
    const lines = ['services:', '  s0:', '    image: base'];
    for (let i = 1; i < n; i++) lines.push(`  s${i}:`, `    extends: s${i - 1}`, `    environment: [V${i}=${i}]`);
    const model = loaded(load(['compose.yml'], { 'compose.yml': lines.join('\n') + '\n' }));
    const last = plainServices(model)[`s${n - 1}`] as { environment: string[] };
    expect(last.environment).toHaveLength(n - 1);
  });
});

describe('extends errors', () => {
  it('refuses a service that extends itself, at its extends', () => {
    expect(problemOf(load(['compose.yml'], { 'compose.yml': 'services:\n  a:\n    image: x\n    extends: a\n' }))).toBe(
      'extends-cycle compose.yml:4:5',
    );
  });

  it('refuses a cycle of three at the extends that closes it', () => {
    const outcome = load(['compose.yml'], {
      'compose.yml': 'services:\n  a:\n    extends: b\n  b:\n    extends: c\n  c:\n    extends: a\n',
    });
    expect(problemOf(outcome)).toBe('extends-cycle compose.yml:7:5');
    expect(!outcome.ok && outcome.problems[0]?.message).toContain('a → b → c → a');
  });

  it('refuses a cycle across files', () => {
    const outcome = load(['compose.yml'], {
      'compose.yml': 'services:\n  a:\n    extends: {file: other.yml, service: b}\n',
      'other.yml': 'services:\n  b:\n    extends: {file: compose.yml, service: a}\n',
    });
    expect(problemOf(outcome)).toBe('extends-cycle other.yml:3:5');
  });

  it('names an unknown service at its name, and an unknown file at its path', () => {
    expect(problemOf(load(['compose.yml'], { 'compose.yml': 'services:\n  a:\n    extends: nope\n' }))).toBe(
      'extends-unknown-service compose.yml:3:14',
    );
    expect(
      problemOf(
        load(['compose.yml'], {
          'compose.yml': 'services:\n  a:\n    extends:\n      file: base.yml\n      service: nope\n',
          'base.yml': 'services:\n  b: {image: x}\n',
        }),
      ),
    ).toBe('extends-unknown-service compose.yml:5:16');
    expect(
      problemOf(
        load(['compose.yml'], {
          'compose.yml': 'services:\n  a:\n    extends:\n      file: missing.yml\n      service: b\n',
        }),
      ),
    ).toBe('extends-unknown-file compose.yml:4:13');
    expect(
      problemOf(
        load(['compose.yml'], {
          'compose.yml': 'services:\n  a:\n    extends: {file: base.yml, service: b}\n',
          'base.yml': 'x: 1\n',
        }),
      ),
    ).toBe('extends-unknown-service compose.yml:3:40');
  });

  it('reports an error inside the other file at its own position', () => {
    expect(
      problemOf(
        load(['compose.yml'], {
          'compose.yml': 'services:\n  a:\n    extends: {file: base.yml, service: b}\n',
          'base.yml': 'services:\n  b:\n    image: ${NOPE:?needed}\n',
        }),
      ),
    ).toBe('interpolation-required base.yml:3:12');
  });

  it('refuses a malformed extends', () => {
    expect(problemOf(load(['compose.yml'], { 'compose.yml': 'services:\n  a:\n    extends: {file: x.yml}\n' }))).toBe(
      'wrong-type compose.yml:3:14',
    );
    expect(problemOf(load(['compose.yml'], { 'compose.yml': 'services:\n  a:\n    extends: [b]\n' }))).toBe(
      'wrong-type compose.yml:3:14',
    );
  });

  it('refuses a chain longer than the bound at the extends that goes over it', () => {
    const lines = ['services:'];
    // Each service extends the next, so resolving s0 walks the whole chain.
    for (let i = 0; i < 400; i++) lines.push(`  s${i}:`, `    extends: s${i + 1}`);
    lines.push('  s400:', '    image: x');
    const outcome = load(['compose.yml'], { 'compose.yml': lines.join('\n') + '\n' });
    expect(problemOf(outcome)).toBe(`too-deep compose.yml:${2 + 2 * MAX_EXTENDS_CHAIN + 1}:5`);
  });

  it('refuses services that extend one another into millions of nodes', () => {
    const lines = ['services:', '  s0:', '    image: x', '    environment:'];
    for (let v = 0; v < 500; v++) lines.push(`      V${v}: "${v}"`);
    for (let i = 1; i < 3000; i++) lines.push(`  s${i}:`, `    extends: s${i - 1}`, `    environment: {W${i}: "${i}"}`);
    const outcome = load(['compose.yml'], { 'compose.yml': lines.join('\n') + '\n' });
    expect(problemOf(outcome)).toMatch(/^alias-limit compose\.yml:\d+:5$/);
  });
});
