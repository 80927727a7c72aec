import { isMap, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadProject, MIGRATIONS, runMigrations, type Migration } from '../../shared/format/index';
import { FORMAT_VERSION } from '../../shared/model/types';
import { parseDocument } from 'yaml';

/**
 * Format 1 is the first released format, so the shipped chain is empty. These tests run the
 * real loader with an injected chain shaped like a future one: a format 0 that called
 * components "nodes" and wrote the project name at the top level.
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
    MIGRATIONS.forEach((m, i) => expect(m.from).toBe(i + 1));
    expect(MIGRATIONS.length).toBe(FORMAT_VERSION - 1);
  });

  it('the loader runs the chain on an old file, and problems still point into the original text', () => {
    const result = loadProject(FORMAT_0, { migrations: [renameNodes] });
    // replicas: 0 is invalid; the migration moved the list, but the node keeps its position.
    expect(result.problems.map((p) => [p.code, p.line, p.column, p.path])).toEqual([
      ['invalid-value', 7, 15, 'components[0].replicas'],
    ]);
  });

  it('a migrated file loads into the current model', () => {
    const result = loadProject(FORMAT_0.replace('replicas: 0', 'replicas: 2'), { migrations: [renameNodes] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.project.format).toBe(FORMAT_VERSION);
    expect(result.project.meta.name).toBe('Legacy');
    expect(result.project.components.map((c) => [c.id, c.kind, c.replicas])).toEqual([['a', 'redis', 2]]);
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
