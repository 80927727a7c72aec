import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, parseDocument, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  formatNeeded,
  loadProject,
  MIGRATIONS,
  runMigrations,
  saveProject,
  type Migration,
} from '../../../../shared/format/index';
import { OLDEST_DIRECT_FORMAT } from '../../../../shared/format/migrations';
import { FORMAT_VERSION } from '../../../../shared/model/types';

const FIXTURES = join(__dirname, '../../../fixtures/formats');

/**
 * The machinery of the chain, run through the real loader with an injected step before the
 * shipped ones: a format 0 that called components "nodes" and wrote the project name at the top
 * level. What each shipped step does is tested beside it (migrate-v1.test.ts for 1 → 2).
 */
const renameNodes: Migration = {
  from: 0,
  description: 'rename "nodes" to "components" and move "title" into meta.name',
  migrate(doc: Document) {
    const root = doc.contents;
    if (!isMap(root)) return;
    const nodes = root.items.find((pair) => (pair.key as { value?: unknown }).value === 'nodes');
    if (nodes) (nodes.key as { value: unknown }).value = 'components';
    const title = doc.get('title');
    doc.delete('title');
    doc.set('meta', doc.createNode({ name: title }));
  },
};

const FORMAT_0 = [
  'format: 0',
  'title: Legacy',
  'nodes:',
  '  - id: a',
  '    kind: redis',
  '    name: A',
  '    replicas: 0',
  '',
].join('\n');

describe('format migrations', () => {
  it('the shipped chain leads to the oldest format read directly, with one step per version', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    MIGRATIONS.forEach((m, i) => expect(m.from).toBe(i + 1));
    expect(MIGRATIONS.length).toBe(OLDEST_DIRECT_FORMAT - 1);
    expect(OLDEST_DIRECT_FORMAT).toBeLessThanOrEqual(FORMAT_VERSION);
  });

  it('every shipped step has fixtures of its format, and the loader runs the rest of the chain on each', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    for (const step of MIGRATIONS) {
      const dir = join(FIXTURES, `v${step.from}`);
      expect(existsSync(dir), `fixtures of format ${step.from} in ${dir}`).toBe(true);
      const files = readdirSync(dir).filter((f) => f.endsWith('.portolan.yaml'));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const text = readFileSync(join(dir, file), 'utf8');
        expect(text.startsWith(`format: ${step.from}\n`), file).toBe(true);
        const ran: number[] = [];
        const spied = MIGRATIONS.map((m) => ({ ...m, migrate: (doc: Document) => (ran.push(m.from), m.migrate(doc)) }));
        const result = loadProject(text, { migrations: spied });
        expect(result.problems, file).toEqual([]);
        expect(ran).toEqual(MIGRATIONS.filter((m) => m.from >= step.from).map((m) => m.from));
        if (!result.ok) continue;
        expect(result.project.format).toBe(FORMAT_VERSION);
        // Nothing of format 3 in an old file: it is saved as the oldest format that holds it.
        expect(saveProject(result.project).startsWith(`format: ${OLDEST_DIRECT_FORMAT}\n`)).toBe(true);
      }
    }
  });

  it('a file of the current format runs no migration', () => {
    const ran: number[] = [];
    const spied = MIGRATIONS.map((m) => ({ ...m, migrate: () => void ran.push(m.from) }));
    expect(loadProject(`format: ${FORMAT_VERSION}\nmeta:\n  name: x\n`, { migrations: spied }).ok).toBe(true);
    expect(ran).toEqual([]);
  });

  it('format 2 and format 3 files are read as they are, on the plain reader, with no migration', () => {
    const ran: number[] = [];
    const spied = MIGRATIONS.map((m) => ({ ...m, migrate: () => void ran.push(m.from) }));
    for (const version of [OLDEST_DIRECT_FORMAT, FORMAT_VERSION]) {
      const text = `format: ${version}\nmeta:\n  name: x\nsettings:\n  registry: ""\n  tag: latest\n`;
      const result = loadProject(text, { migrations: spied });
      expect(result.ok, `format ${version}`).toBe(true);
      if (!result.ok) continue;
      expect(result.project.format).toBe(FORMAT_VERSION);
      // Nothing of format 3 in it: saved as format 2, so an unchanged format 2 file keeps its bytes.
      expect(saveProject(result.project)).toBe(text.replace(`format: ${version}`, `format: ${OLDEST_DIRECT_FORMAT}`));
    }
    expect(ran).toEqual([]);
  });

  it('a project that uses a custom container or kept keys is saved as format 3, which older builds refuse', () => {
    const base = `meta:\n  name: x\nsettings:\n  registry: ""\n  tag: latest\n`;
    const container = `${base}components:\n  - id: c\n    kind: container\n    name: C\n    replicas: 1\n    position: { x: 0, y: 0 }\n    image: busybox:1.36\n    ports: []\n`;
    const kept = `${base}passThrough:\n  x-note: kept\n`;
    for (const body of [container, kept]) {
      const result = loadProject(`format: ${FORMAT_VERSION}\n${body}`);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(formatNeeded(result.project)).toBe(3);
      expect(saveProject(result.project)).toBe(`format: 3\n${body}`);
    }
    // A newer format than this build reads is refused with a clear message, not read in part.
    expect(loadProject(`format: ${FORMAT_VERSION + 1}\n${base}`).problems).toMatchObject([
      {
        code: 'unsupported-format',
        line: 1,
        column: 9,
        message: `this file has format ${FORMAT_VERSION + 1}, written by a newer Portolan; this version reads format ${FORMAT_VERSION} and older`,
      },
    ]);
  });

  it('the loader runs the chain on an old file, and problems still point into the original text', () => {
    const result = loadProject(FORMAT_0, { migrations: [renameNodes, ...MIGRATIONS] });
    // replicas: 0 is invalid; the migration moved the list, but the node keeps its position.
    expect(result.problems.map((p) => [p.code, p.line, p.column, p.path])).toEqual([
      ['invalid-value', 7, 15, 'components[0].replicas'],
    ]);
  });

  it('a migrated file loads into the current model', () => {
    const result = loadProject(FORMAT_0.replace('replicas: 0', 'replicas: 2'), {
      migrations: [renameNodes, ...MIGRATIONS],
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.project.format).toBe(FORMAT_VERSION);
    expect(result.project.meta.name).toBe('Legacy');
    expect(result.project.components.map((c) => [c.id, c.kind, c.replicas])).toEqual([['a', 'redis', 2]]);
  });

  it('without the shipped steps, the chain from format 0 has a gap and the file is refused at its version', () => {
    expect(loadProject(FORMAT_0, { migrations: [renameNodes] }).problems).toMatchObject([
      { code: 'unsupported-format', line: 1, column: 9, message: 'format 1 is not a Portolan project format' },
    ]);
  });

  it('runMigrations applies steps in order and stops at a gap', () => {
    const seen: number[] = [];
    const step = (from: number): Migration => ({ from, description: `${from}`, migrate: () => void seen.push(from) });
    const doc = parseDocument('format: 0\n');
    expect(runMigrations(doc, 0, 3, [step(2), step(0), step(1)])).toMatchObject({ ok: true });
    expect(seen).toEqual([0, 1, 2]);
    expect(doc.get('format')).toBe(3);
    expect(runMigrations(parseDocument('format: 0\n'), 0, 3, [step(0), step(2)])).toEqual({
      ok: false,
      missingFrom: 1,
    });
  });
});
