/**
 * "Arrange": the traffic-order layout of shared/diagram (`arrange`, `layoutPositions`, and the
 * column order of `trafficColumns`/`trafficTier`), and its application to the document as one
 * undo step (`applyAutoLayout`, renderer/src/canvas/layout.ts).
 *
 * Columns left to right: clients, entry points, nextAuth services, data stores and external
 * services; "Arrange all" lays out every component that is not pinned, "Arrange new" only the
 * components not placed yet, next to the placed ones they are most connected to.
 */
import { describe, expect, it } from 'vitest';
import { inflate, intersects } from '../../../../shared/diagram/box';
import { arrange, placedComponents } from '../../../../shared/diagram/arrange';
import { layoutPositions } from '../../../../shared/diagram/layout';
import { ZONE_PAD_TOP, ZONE_PAD_X } from '../../../../shared/diagram/zones';
import { outerBox } from '../../../../shared/diagram/nodes';
import { trafficColumns, trafficLayers, trafficTier } from '../../../../shared/diagram/order';
import { saveProject } from '../../../../shared/format/index';
import {
  moveComponents,
  type Component,
  type ComponentId,
  type Position,
  type Project,
} from '../../../../shared/model/index';
import { applyAutoLayout, autoLayout } from '../../../../renderer/src/canvas/layout';
import { createEditorStore } from '../../../../renderer/src/store/editor';
import { diagramProject } from '../../../support/diagram-projects';
import { cid, link, patchComponent, route, template } from '../../../support/fixtures';

const TEMPLATE_IDS = ['default', 'manual', 'ha'] as const;

const apply = (project: Project, moves: ReadonlyMap<string, Position>): Project =>
  moveComponents(project, moves as ReadonlyMap<ComponentId, Position>);
const at = (project: Project, ids: readonly string[], position: Position) =>
  apply(project, new Map(ids.map((id) => [id, position])));
const componentOf = (p: Project, id: string): Component => {
  const c = p.components.find((x) => x.id === id);
  if (!c) throw new Error(`no component ${id}`);
  return c;
};
const pos = (p: Project, id: string): Position => componentOf(p, id).position;
const pin = (p: Project, ids: readonly string[]): Project =>
  ids.reduce((q, id) => patchComponent(q, id, { pinned: true }), p);

/** A free place below and right of every component. */
function beyond(p: Project): Position {
  const boxes = p.components.map((c) => outerBox(c));
  return {
    x: Math.max(...boxes.map((b) => b.x + b.w)) + 400,
    y: Math.max(...boxes.map((b) => b.y + b.h)) + 200,
  };
}

function expectNoOverlap(project: Project, margin = 8) {
  const all = project.components.map((c) => [c.id, outerBox(c)] as const);
  for (let i = 0; i < all.length; i++)
    for (let j = i + 1; j < all.length; j++)
      expect(intersects(inflate(all[i]![1], margin), all[j]![1]), `${all[i]![0]} overlaps ${all[j]![0]}`).toBe(false);
}

/** Every link and route between traffic tiers points right: its target starts right of its source's box. */
function expectTiersLeftToRight(project: Project) {
  const byId = new Map(project.components.map((c) => [c.id as string, c]));
  const pairs = [
    ...project.links.map((l) => [l.from, l.to] as const),
    ...project.routes.map((r) => [r.via, r.target] as const),
  ];
  let between = 0;
  for (const [a, b] of pairs) {
    const from = byId.get(a)!;
    const to = byId.get(b)!;
    if (trafficTier(from) >= trafficTier(to)) continue;
    between++;
    const box = outerBox(from);
    expect(to.position.x, `${a} → ${b}`).toBeGreaterThanOrEqual(box.x + box.w);
  }
  expect(between).toBeGreaterThan(0);
}

describe('traffic order', () => {
  it('puts clients first, then entry points, nextAuth services, and data stores and external services', () => {
    const tiers = (id: (typeof TEMPLATE_IDS)[number]) =>
      Object.fromEntries(template(id).components.map((c) => [c.id, trafficTier(c)]));
    expect(tiers('manual')).toEqual({
      'mobile-app': 0,
      admin: 0,
      // Calls the REST API from inside: with the services, not with the internet's clients.
      'business-app': 2,
      proxy: 1,
      nextauth: 2,
      mgmt: 2,
      mysql: 3,
      redis: 3,
      license: 3,
      fcm: 3,
      apns: 3,
    });
    expect(tiers('default')).toMatchObject({ portmap: 1 });
    expect(tiers('ha')).toMatchObject({ lb: 1, 'redis-sentinel': 3 });
  });

  it('gives each tier a column, and a component that only sends the column before the first it reaches', () => {
    const manual = template('manual');
    expect(Object.fromEntries(trafficColumns(manual))).toEqual({
      'mobile-app': 0,
      admin: 0,
      proxy: 1,
      // Feeders of the services tier (they call nextauth's REST API): a column before it.
      'business-app': 2,
      mgmt: 2,
      nextauth: 3,
      mysql: 4,
      redis: 4,
      license: 4,
      fcm: 4,
      apns: 4,
    });
    expect([...trafficLayers(manual).feeders]).toEqual([2]);
    // A client that only sends to a data store (two tiers on): just before it.
    const direct = link(
      { ...manual, links: manual.links.filter((l) => l.from !== 'admin') },
      'admin',
      'mysql',
      'mysql',
    );
    expect(trafficColumns(direct).get(cid('admin'))).toBe(trafficColumns(direct).get(cid('mysql'))! - 1);
    // Something sends to it: it stays with the clients.
    const answered = link(direct, 'nextauth', 'admin', 'https');
    expect(trafficColumns(answered).get(cid('admin'))).toBe(0);
  });

  it('gives a feeder column only to a component that sends into its tier and gets nothing back from it', () => {
    const manual = template('manual');
    // nextauth calling mgmt back: a cycle, so mgmt stays in the services column; the business
    // application still feeds it.
    const cycle = trafficLayers(link(manual, 'nextauth', 'mgmt', 'dashboard'));
    expect(cycle.column.get(cid('mgmt'))).toBe(cycle.column.get(cid('nextauth')));
    expect(cycle.column.get(cid('business-app'))).toBe(cycle.column.get(cid('nextauth'))! - 1);
    // Without the business application and mgmt's link, no feeder: the services column follows the proxy.
    const none = trafficLayers({
      ...manual,
      components: manual.components.filter((c) => c.id !== 'business-app'),
      links: manual.links.filter((l) => l.from !== 'business-app' && l.from !== 'mgmt'),
    });
    expect(none.feeders.size).toBe(0);
    expect(none.column.get(cid('mgmt'))).toBe(2);
    // Inside the last tier (Sentinel → Redis) the chain stays in one column (the drawing's width).
    const ha = trafficLayers(template('ha'));
    expect(ha.column.get(cid('redis-sentinel'))).toBe(ha.column.get(cid('redis')));
    expect(ha.column.get(cid('mgmt'))).toBe(ha.column.get(cid('nextauth'))! - 1);
  });

  it('leaves no empty column for a tier nobody uses, and ignores links against the tiers', () => {
    const manual = template('manual');
    const keep = new Set(['nextauth', 'mysql']);
    const small: Project = {
      ...manual,
      components: manual.components.filter((c) => keep.has(c.id)),
      links: manual.links.filter((l) => keep.has(l.from) && keep.has(l.to)),
      routes: [],
    };
    expect(Object.fromEntries(trafficColumns(small))).toEqual({ nextauth: 0, mysql: 1 });
    // A database calling nextauth back does not turn the columns around.
    const backwards = link(small, 'mysql', 'nextauth', 'rest');
    expect(Object.fromEntries(trafficColumns(backwards))).toEqual({ nextauth: 0, mysql: 1 });
    expect(trafficColumns({ ...manual, components: [], links: [], routes: [] }).size).toBe(0);
  });
});

describe('placed components', () => {
  it('are those not at (0, 0) and not on top of an earlier placed one', () => {
    const manual = template('manual');
    expect(placedComponents(manual).size).toBe(manual.components.length);
    let p = at(manual, ['redis'], { x: 0, y: 0 });
    // A copy dropped on nextauth: the later one in the document is the one that moves.
    p = at(p, ['license'], { x: pos(manual, 'nextauth').x + 10, y: pos(manual, 'nextauth').y + 10 });
    const placed = placedComponents(p);
    expect(placed.has(cid('redis'))).toBe(false);
    expect(placed.has(cid('nextauth'))).toBe(true);
    expect(placed.has(cid('license'))).toBe(false);
    expect(placed.size).toBe(manual.components.length - 2);
  });
});

describe('layoutPositions', () => {
  it.each(TEMPLATE_IDS)('%s: every component, corner at the origin, one x per column, columns left to right', (id) => {
    const project = template(id);
    const laid = layoutPositions(project);
    expect([...laid.keys()].sort()).toEqual(project.components.map((c) => c.id).sort());
    const points = [...laid.values()];
    // The drawing's corner (zone paddings included) at the origin: no component on (0, 0).
    expect(Math.min(...points.map((p) => p.x))).toBe(ZONE_PAD_X);
    expect(Math.min(...points.map((p) => p.y))).toBe(ZONE_PAD_TOP);
    const column = trafficColumns(project);
    const xOf = new Map<number, Set<number>>();
    for (const [c, p] of laid) xOf.set(column.get(c)!, (xOf.get(column.get(c)!) ?? new Set()).add(p.x));
    const xs = [...xOf].sort((a, b) => a[0] - b[0]).map(([, set]) => [...set]);
    for (const set of xs) expect(set).toHaveLength(1);
    for (let i = 1; i < xs.length; i++) expect(xs[i]![0]!).toBeGreaterThan(xs[i - 1]![0]!);
  });
});

describe('arrange { all }', () => {
  const cases: [string, () => Project][] = [
    ...TEMPLATE_IDS.map((id) => [id, () => template(id)] as [string, () => Project]),
    ['30 components, seed 1', () => diagramProject(30, 1)],
    ['100 components, seed 2', () => diagramProject(100, 2)],
  ];

  it.each(cases)(
    '%s: lays out every component, nothing overlapping, links between tiers pointing right',
    (_n, make) => {
      const project = make();
      const moves = arrange(project, { all: true });
      expect([...moves.keys()].sort()).toEqual(project.components.map((c) => c.id).sort());
      for (const p of moves.values()) {
        expect(Number.isInteger(p.x) && Number.isInteger(p.y), JSON.stringify(p)).toBe(true);
        // A -0 would be written to the file as `-0`.
        expect(Object.is(p.x, -0) || Object.is(p.y, -0), JSON.stringify(p)).toBe(false);
      }
      const laid = apply(project, moves);
      expectNoOverlap(laid);
      expectTiersLeftToRight(laid);
    },
  );

  it('orders the manual template’s columns by traffic, and keeps the drawing’s top-left corner', () => {
    const project = template('manual');
    const laid = apply(project, arrange(project, { all: true }));
    const x = (id: string) => pos(laid, id).x;
    expect(x('mobile-app')).toBeLessThan(x('proxy'));
    expect(x('proxy')).toBeLessThan(x('nextauth'));
    expect(x('nextauth')).toBeLessThan(x('mysql'));
    // mgmt and the business application feed nextauth: a column of their own between the proxy
    // and nextauth, reaching back under the proxy's (its public URLs still point right).
    for (const feeder of ['mgmt', 'business-app']) {
      expect(x(feeder), feeder).toBe(x('mgmt'));
      expect(x(feeder) + 204, feeder).toBeLessThanOrEqual(x('nextauth'));
    }
    expect(x('mgmt')).toBeGreaterThanOrEqual(x('proxy') + 204);
    expect(x('mgmt')).toBeLessThan(x('proxy') + 2 * 204);
    expect(x('license')).toBe(x('mysql'));
    const corner = (p: Project) => ({
      x: Math.min(...p.components.map((c) => c.position.x)),
      y: Math.min(...p.components.map((c) => c.position.y)),
    });
    expect(corner(laid)).toEqual(corner(project));
  });

  it('is deterministic', () => {
    const project = template('ha');
    const a = arrange(project, { all: true });
    expect([...arrange(project, { all: true })]).toEqual([...a]);
    expect([...arrange(structuredClone(project), { all: true })]).toEqual([...a]);
    const big = diagramProject(100, 3);
    expect([...arrange(big, { all: true })]).toEqual([...arrange(diagramProject(100, 3), { all: true })]);
  });

  it.each(TEMPLATE_IDS)('%s: an arranged drawing arranged again stays where it is', (id) => {
    const once = apply(template(id), arrange(template(id), { all: true }));
    for (const [c, p] of arrange(once, { all: true })) expect(p, c).toEqual(pos(once, c));
    expect(arrange(once).size).toBe(0);
  });

  // Known bug (see the report of this rewrite): laying out from the origin puts the top-left
  // component at exactly (0, 0), where it counts as not placed — "Arrange new" then moves it
  // again, and "Arrange all" takes the corner from the others and shifts the drawing. Turn into
  // `it` once fixed.
  it('an imported drawing (all at the origin), once arranged, stays where it is', () => {
    const manual = template('manual');
    const imported = at(
      manual,
      manual.components.map((c) => c.id),
      { x: 0, y: 0 },
    );
    const once = apply(imported, arrange(imported));
    expect([...arrange(once)]).toEqual([]);
    for (const [c, p] of arrange(once, { all: true })) expect(p, c).toEqual(pos(once, c));
  });

  it('keeps pinned components where they are and lays out the others around them', () => {
    const manual = template('manual');
    const free = beyond(manual);
    const project = pin(at(manual, ['mysql'], free), ['nextauth', 'mysql']);
    const moves = arrange(project, { all: true });
    expect([...moves.keys()].sort()).toEqual(
      manual.components
        .map((c) => c.id as string)
        .filter((c) => c !== 'nextauth' && c !== 'mysql')
        .sort(),
    );
    const laid = apply(project, moves);
    expect(pos(laid, 'nextauth')).toEqual(pos(manual, 'nextauth'));
    expect(pos(laid, 'mysql')).toEqual(free);
    expectNoOverlap(laid);
    // Everything pinned: nothing to do.
    const all = pin(
      manual,
      manual.components.map((c) => c.id),
    );
    expect(arrange(all, { all: true }).size).toBe(0);
  });
});

describe('arrange new (the default)', () => {
  it('moves only what is not placed, next to the placed component it is linked to, without overlap', () => {
    const manual = template('manual');
    const project = at(manual, ['mysql', 'redis'], { x: 0, y: 0 });
    const moves = arrange(project);
    expect([...moves.keys()].sort()).toEqual(['mysql', 'redis']);
    const laid = apply(project, moves);
    for (const c of laid.components)
      if (c.id !== 'mysql' && c.id !== 'redis') expect(c.position, c.id).toEqual(pos(manual, c.id));
    expectNoOverlap(laid);
    // Where the layout puts them relative to nextauth (the one they are linked to), pushed
    // down only as far as they must be to overlap nothing.
    const layout = layoutPositions(project);
    for (const id of ['mysql', 'redis']) {
      expect(pos(laid, id).x - pos(laid, 'nextauth').x, id).toBe(
        layout.get(cid(id))!.x - layout.get(cid('nextauth'))!.x,
      );
      expect(pos(laid, id).y - pos(laid, 'nextauth').y, id).toBeGreaterThanOrEqual(
        layout.get(cid(id))!.y - layout.get(cid('nextauth'))!.y,
      );
    }
    expectTiersLeftToRight(laid);
  });

  it('places a new component by the placed one it has the most edges with', () => {
    const manual = template('manual');
    const mgmt = componentOf(manual, 'mgmt');
    let project: Project = {
      ...manual,
      components: [...manual.components, { ...mgmt, id: cid('mgmt-2'), name: 'mgmt 2', position: { x: 0, y: 0 } }],
    };
    // nextauth away from where the layout would put it, so the two candidates give different places.
    project = at(project, ['nextauth'], beyond(project));
    // One link to nextauth, three public URLs through the proxy: the proxy wins.
    project = link(project, 'mgmt-2', 'nextauth', 'rest');
    for (const port of ['dashboard', 'accounts', 'idp'])
      project = route(project, {
        via: 'proxy',
        target: 'mgmt-2',
        port,
        scheme: 'https',
        host: `${port}.two.example.com`,
        path: '/',
      });
    const moves = arrange(project);
    expect([...moves.keys()]).toEqual(['mgmt-2']);
    const laid = apply(project, moves);
    const layout = layoutPositions(project);
    const dx = (anchor: string) => layout.get(cid('mgmt-2'))!.x - layout.get(cid(anchor))!.x;
    expect(pos(laid, 'mgmt-2').x - pos(laid, 'proxy').x).toBe(dx('proxy'));
    // (Next to nextauth it would be elsewhere: the test tells the two apart.)
    expect(pos(laid, 'mgmt-2').x - pos(laid, 'nextauth').x).not.toBe(dx('nextauth'));
    expectNoOverlap(laid);
  });

  it('moves the later of two stacked components (a paste on top of the original)', () => {
    const manual = template('manual');
    const copy = { ...componentOf(manual, 'redis'), id: cid('redis-2'), name: 'Redis 2' };
    const project = { ...manual, components: [...manual.components, copy] };
    const moves = arrange(project);
    expect([...moves.keys()]).toEqual(['redis-2']);
    expectNoOverlap(apply(project, moves));
  });

  it('lays out a drawing whose components are all at the origin (an import) from (0, 0)', () => {
    const manual = template('manual');
    const project = at(
      manual,
      manual.components.map((c) => c.id),
      { x: 0, y: 0 },
    );
    const moves = arrange(project);
    expect(moves.size).toBe(project.components.length);
    const laid = apply(project, moves);
    expectNoOverlap(laid);
    expectTiersLeftToRight(laid);
    expect(Math.min(...laid.components.map((c) => c.position.x))).toBe(ZONE_PAD_X);
    expect(Math.min(...laid.components.map((c) => c.position.y))).toBe(ZONE_PAD_TOP);
  });

  it('does nothing when everything is placed, or there is nothing', () => {
    for (const id of TEMPLATE_IDS) expect(arrange(template(id)).size, id).toBe(0);
    const empty = { ...template('default'), components: [], links: [], routes: [] };
    expect(arrange(empty).size).toBe(0);
    expect(arrange(empty, { all: true }).size).toBe(0);
  });
});

describe('applyAutoLayout', () => {
  it('is the same layout', () => {
    const project = at(template('manual'), ['mysql', 'redis'], { x: 0, y: 0 });
    expect([...autoLayout(project)]).toEqual([...arrange(project)]);
    expect([...autoLayout(project, { all: true })]).toEqual([...arrange(project, { all: true })]);
  });

  it('applies through the store as one undo step, and an arranged drawing is no step at all', async () => {
    const store = createEditorStore();
    const project = at(template('manual'), ['mysql', 'redis'], { x: 0, y: 0 });
    store.getState().open(project, null, saveProject(project));
    expect(await applyAutoLayout(store)).toBe(2);
    expect(pos(store.getState().project!, 'mysql')).not.toEqual({ x: 0, y: 0 });
    expect(pos(store.getState().project!, 'redis')).not.toEqual({ x: 0, y: 0 });
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().project).toBe(project);
    store.getState().redo();
    // Nothing left to place: no step at all.
    expect(await applyAutoLayout(store)).toBe(0);
    expect(store.getState().history.past).toHaveLength(1);
    // Arrange all: one more step; again, none.
    const moved = await applyAutoLayout(store, { all: true });
    expect(moved).toBeGreaterThan(0);
    expect(store.getState().history.past).toHaveLength(2);
    expect(await applyAutoLayout(store, { all: true })).toBe(0);
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    expect(pos(store.getState().project!, 'mysql')).not.toEqual({ x: 0, y: 0 });
    expect(store.getState().history.past).toHaveLength(1);
  });

  it('does nothing without a document', async () => {
    expect(await applyAutoLayout(createEditorStore())).toBe(0);
  });
});
