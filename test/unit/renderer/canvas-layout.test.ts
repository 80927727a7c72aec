import { describe, expect, it } from 'vitest';
import { saveProject } from '../../../shared/format/index';
import { moveComponents, type Position, type Project } from '../../../shared/model/index';
import { inflate, intersects, type Box } from '../../../renderer/src/canvas/geometry';
import { applyAutoLayout, autoLayout, placedComponents } from '../../../renderer/src/canvas/layout';
import { componentBox } from '../../../renderer/src/flow';
import { createEditorStore } from '../../../renderer/src/store/editor';
import { cid, template } from '../../support/fixtures';

const apply = (project: Project, moves: ReadonlyMap<string, Position>): Project =>
  moveComponents(project, moves as ReadonlyMap<ReturnType<typeof cid>, Position>);
const at = (project: Project, ids: readonly string[], position: Position) =>
  apply(project, new Map(ids.map((id) => [id, position])));
const boxes = (project: Project): Map<string, Box> => new Map(project.components.map((c) => [c.id, componentBox(c)]));

function expectNoOverlap(project: Project, margin = 8) {
  const all = [...boxes(project)];
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++)
      expect(intersects(inflate(all[i]![1], margin), all[j]![1]), `${all[i]![0]} overlaps ${all[j]![0]}`).toBe(false);
}

describe('placed components', () => {
  it('are those not at (0, 0) and not on top of an earlier placed one', () => {
    const manual = template('manual');
    expect(placedComponents(manual).size).toBe(manual.components.length);
    let p = at(manual, ['redis'], { x: 0, y: 0 });
    // A copy dropped on nextauth: the later one in the document is the one that moves.
    p = at(p, ['license'], { x: 650, y: 90 });
    const placed = placedComponents(p);
    expect(placed.has(cid('redis'))).toBe(false);
    expect(placed.has(cid('nextauth'))).toBe(true);
    expect(placed.has(cid('license'))).toBe(false);
    expect(placed.size).toBe(manual.components.length - 2);
  });
});

describe('auto-layout (elkjs, layered, left to right)', () => {
  it('lays out every component with { all }: snapped to the grid, nothing overlapping, links pointing right', async () => {
    const project = template('manual');
    const moves = await autoLayout(project, { all: true });
    expect([...moves.keys()].sort()).toEqual(project.components.map((c) => c.id).sort());
    for (const p of moves.values()) {
      expect(Number.isInteger(p.x / 16) && Number.isInteger(p.y / 16), JSON.stringify(p)).toBe(true);
      expect(Object.is(p.x, -0) || Object.is(p.y, -0)).toBe(false);
    }
    const laid = apply(project, moves);
    expectNoOverlap(laid, 24);
    const pos = new Map(laid.components.map((c) => [c.id as string, c.position]));
    for (const link of laid.links) {
      if (link.from === 'mgmt' && link.to === 'nextauth') continue; // same layer either way is fine
      expect(pos.get(link.from)!.x, `${link.from} → ${link.to}`).toBeLessThan(pos.get(link.to)!.x);
    }
    for (const route of laid.routes) expect(pos.get(route.via)!.x).toBeLessThan(pos.get(route.target)!.x);
    // Clients first, the data stores after nextauth.
    expect(pos.get('mobile-app')!.x).toBeLessThan(pos.get('proxy')!.x);
    expect(pos.get('nextauth')!.x).toBeLessThan(pos.get('mysql')!.x);
    // It keeps the drawing's top-left corner.
    const minX = Math.min(...laid.components.map((c) => c.position.x));
    const minY = Math.min(...laid.components.map((c) => c.position.y));
    expect(minX).toBe(Math.min(...project.components.map((c) => c.position.x)));
    expect(minY).toBe(Math.min(...project.components.map((c) => c.position.y)));
  });

  it('is deterministic', async () => {
    const project = template('ha');
    const a = await autoLayout(project, { all: true });
    const b = await autoLayout(project, { all: true });
    expect([...a]).toEqual([...b]);
  });

  it('moves only what is not placed, keeps everything else, and finds free room near its neighbours', async () => {
    const manual = template('manual');
    const project = at(manual, ['mysql', 'redis'], { x: 0, y: 0 });
    const moves = await autoLayout(project);
    expect([...moves.keys()].sort()).toEqual(['mysql', 'redis']);
    const laid = apply(project, moves);
    for (const c of laid.components) {
      if (c.id !== 'mysql' && c.id !== 'redis')
        expect(c.position).toEqual(manual.components.find((m) => m.id === c.id)!.position);
    }
    expectNoOverlap(laid);
    // Placed to the right of nextauth, which connects to them.
    const x = (id: string) => laid.components.find((c) => c.id === id)!.position.x;
    expect(x('mysql')).toBeGreaterThan(x('nextauth'));
    expect(x('redis')).toBeGreaterThan(x('nextauth'));
  });

  it('moves the later of two stacked components (a paste on top of the original)', async () => {
    const manual = template('manual');
    const copy = { ...manual.components.find((c) => c.id === 'redis')!, id: cid('redis-2'), name: 'Redis 2' };
    const project = { ...manual, components: [...manual.components, copy] };
    const moves = await autoLayout(project);
    expect([...moves.keys()]).toEqual(['redis-2']);
    expectNoOverlap(apply(project, moves));
  });

  it('lays out a drawing whose components are all at the origin (an import) from (0, 0)', async () => {
    const manual = template('manual');
    const project = at(
      manual,
      manual.components.map((c) => c.id),
      { x: 0, y: 0 },
    );
    const moves = await autoLayout(project);
    expect(moves.size).toBe(project.components.length);
    const laid = apply(project, moves);
    expectNoOverlap(laid, 24);
    expect(Math.min(...laid.components.map((c) => c.position.x))).toBe(0);
    expect(Math.min(...laid.components.map((c) => c.position.y))).toBe(0);
  });

  it('does nothing when everything is placed, or there is nothing', async () => {
    expect((await autoLayout(template('default'))).size).toBe(0);
    expect(
      (await autoLayout({ ...template('default'), components: [], links: [], routes: [] }, { all: true })).size,
    ).toBe(0);
  });

  it('applies through the store as one undo step', async () => {
    const store = createEditorStore();
    const project = at(template('manual'), ['mysql', 'redis'], { x: 0, y: 0 });
    store.getState().open(project, null, saveProject(project));
    expect(await applyAutoLayout(store)).toBe(2);
    expect(store.getState().project!.components.find((c) => c.id === 'mysql')!.position).not.toEqual({ x: 0, y: 0 });
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().project).toBe(project);
    store.getState().redo();
    // Nothing left to place: no step at all.
    expect(await applyAutoLayout(store)).toBe(0);
    expect(store.getState().history.past).toHaveLength(1);
  });
});
