import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, parseDocument, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadProject, MIGRATIONS, runMigrations, saveProject, type Migration } from '../../../../shared/format/index';
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
  it('the shipped chain leads to the current format with one step per version', () => {
    expect(MIGRATIONS.length).toBeGreaterThan(0);
    MIGRATIONS.forEach((m, i) => expect(m.from).toBe(i + 1));
    expect(MIGRATIONS.length).toBe(FORMAT_VERSION - 1);
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
        expect(saveProject(result.project).startsWith(`format: ${FORMAT_VERSION}\n`)).toBe(true);
      }
    }
  });

  it('a file of the current format runs no migration', () => {
    const ran: number[] = [];
    const spied = MIGRATIONS.map((m) => ({ ...m, migrate: () => void ran.push(m.from) }));
    expect(loadProject(`format: ${FORMAT_VERSION}\nmeta:\n  name: x\n`, { migrations: spied }).ok).toBe(true);
    expect(ran).toEqual([]);
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
