import { describe, expect, it } from 'vitest';
import {
  boxesOverlap,
  checkDiagram,
  diagramCheckInput,
  segmentCrossesBox,
  type CheckInput,
} from '../../../../shared/diagram/check';
import type { Box, Diagram, DiagramNode, Point } from '../../../../shared/diagram/types';
import type { ComponentId, ZoneId } from '../../../../shared/model/types';
import { template } from '../../../support/fixtures';

const box = (x: number, y: number, w: number, h: number): Box => ({ x, y, w, h });
const pt = (x: number, y: number): Point => ({ x, y });

type Region = CheckInput['zones'][number];
type Edge = CheckInput['edges'][number];

/** A diagram with nothing in it; each test adds what it checks. */
function input(parts: Partial<CheckInput>): CheckInput {
  return {
    nodes: [],
    labels: [],
    edges: [],
    zones: [],
    zoneMembers: new Map(),
    internetZones: new Set(),
    ...parts,
  };
}

const region = (id: string, zone: string, b: Box, members: string[]): Region => ({
  id,
  zone,
  box: b,
  title: box(b.x + 8, b.y + 4, 80, 16),
  members,
});

const edge = (id: string, source: string, target: string, points: Point[], link = true): Edge => ({
  id,
  source,
  target,
  points,
  link,
});

const found = (i: CheckInput) => checkDiagram(i).violations.map((v) => ({ kind: v.kind, ids: v.ids }));

describe('boxesOverlap and segmentCrossesBox', () => {
  it('counts an overlap only beyond the tolerance, never a touch', () => {
    expect(boxesOverlap(box(0, 0, 10, 10), box(5, 5, 10, 10))).toBe(true);
    expect(boxesOverlap(box(0, 0, 10, 10), box(10, 0, 10, 10))).toBe(false);
    expect(boxesOverlap(box(0, 0, 10, 10), box(9.6, 0, 10, 10), 0.5)).toBe(false);
    expect(boxesOverlap(box(0, 0, 10, 10), box(9.4, 0, 10, 10), 0.5)).toBe(true);
    // A box thinner than the tolerance never counts, wherever it sits.
    expect(boxesOverlap(box(0, 0, 0.2, 10), box(-10, -10, 20, 20), 0.5)).toBe(false);
  });

  it('finds a segment through a box, not one along its border or beside it', () => {
    const b = box(0, 0, 100, 50);
    expect(segmentCrossesBox(pt(-10, 25), pt(110, 25), b)).toBe(true);
    expect(segmentCrossesBox(pt(50, -10), pt(50, 10), b)).toBe(true);
    expect(segmentCrossesBox(pt(-10, -10), pt(110, 60), b)).toBe(true);
    expect(segmentCrossesBox(pt(-10, 0), pt(110, 0), b)).toBe(false);
    expect(segmentCrossesBox(pt(-10, 25), pt(0, 25), b)).toBe(false);
    expect(segmentCrossesBox(pt(-10, 60), pt(110, 60), b)).toBe(false);
    // Diagonals are clipped, not judged by their bounding box.
    expect(segmentCrossesBox(pt(-20, 5), pt(5, -20), b)).toBe(false);
    expect(segmentCrossesBox(pt(-10, 10), pt(10, -10), b)).toBe(false);
    expect(segmentCrossesBox(pt(-10, 11), pt(11, -10), b)).toBe(true);
    // The inset keeps a segment that only grazes the border out.
    expect(segmentCrossesBox(pt(-10, 1), pt(110, 1), b, 2)).toBe(false);
  });
});

describe('checkDiagram: nodes', () => {
  it('reports two overlapping nodes', () => {
    const i = input({
      nodes: [
        { id: 'a', box: box(0, 0, 100, 50) },
        { id: 'b', box: box(90, 40, 100, 50) },
      ],
    });
    expect(found(i)).toEqual([{ kind: 'node-node', ids: ['a', 'b'] }]);
    expect(checkDiagram(i).violations[0]!.detail).toContain('10×10 px');
  });

  it('accepts nodes that touch, and overlaps within the tolerance', () => {
    const i = input({
      nodes: [
        { id: 'a', box: box(0, 0, 100, 50) },
        { id: 'b', box: box(100, 0, 100, 50) },
        { id: 'c', box: box(0, 49.7, 100, 50) },
      ],
    });
    expect(found(i)).toEqual([]);
    // The tolerance is an option: with none, the 0.3 px overlap counts.
    expect(checkDiagram(i, { tolerance: 0 }).violations.map((v) => v.ids)).toEqual([['a', 'c']]);
  });
});

describe('checkDiagram: labels', () => {
  const nodes = [
    { id: 'a', box: box(0, 0, 100, 50) },
    { id: 'b', box: box(300, 0, 100, 50) },
  ];

  it('reports a label on a node', () => {
    expect(found(input({ nodes, labels: [{ id: 'e1', box: box(280, 10, 40, 14) }] }))).toEqual([
      { kind: 'label-node', ids: ['e1', 'b'] },
    ]);
  });

  it('reports two overlapping labels', () => {
    const labels = [
      { id: 'e1', box: box(150, 10, 60, 14) },
      { id: 'e2', box: box(180, 20, 60, 14) },
    ];
    expect(found(input({ nodes, labels }))).toEqual([{ kind: 'label-label', ids: ['e1', 'e2'] }]);
  });

  it('reports a label over a zone title', () => {
    const zones = [region('zone:z', 'z', box(-20, -40, 440, 120), ['a', 'b'])];
    const labels = [{ id: 'e1', box: box(40, -40, 60, 14) }];
    const i = input({ nodes, labels, zones, zoneMembers: new Map([['z', ['a', 'b']]]) });
    expect(found(i)).toEqual([{ kind: 'label-zone-title', ids: ['e1', 'zone:z'] }]);
  });

  it('accepts labels clear of nodes, titles and each other', () => {
    const zones = [region('zone:z', 'z', box(-20, -40, 440, 120), ['a', 'b'])];
    const labels = [
      { id: 'e1', box: box(150, 10, 60, 14) },
      { id: 'e2', box: box(150, 24, 60, 14) },
      { id: 'e3', box: box(100, 0, 60, 10) },
    ];
    expect(found(input({ nodes, labels, zones, zoneMembers: new Map([['z', ['a', 'b']]]) }))).toEqual([]);
  });
});

describe('checkDiagram: edges through nodes', () => {
  const nodes = [
    { id: 'a', box: box(0, 0, 100, 50) },
    { id: 'm', box: box(200, 0, 100, 50) },
    { id: 'b', box: box(400, 0, 100, 50) },
  ];

  it('reports an edge through a node between its ends', () => {
    const i = input({ nodes, edges: [edge('e1', 'a', 'b', [pt(100, 25), pt(400, 25)])] });
    expect(found(i)).toEqual([{ kind: 'edge-node', ids: ['e1', 'm'] }]);
  });

  it('accepts an edge routed around the node in the way', () => {
    const i = input({
      nodes,
      edges: [edge('e1', 'a', 'b', [pt(100, 25), pt(150, 25), pt(150, 80), pt(350, 80), pt(350, 25), pt(400, 25)])],
    });
    expect(found(i)).toEqual([]);
  });

  it('reports an edge whose middle runs through its own target', () => {
    // Into b from the right, across b, then back to the anchor on b's left border.
    const i = input({
      nodes,
      edges: [edge('e1', 'a', 'b', [pt(100, 60), pt(550, 60), pt(550, 25), pt(380, 25), pt(380, 35), pt(400, 35)])],
    });
    expect(found(i)).toEqual([{ kind: 'edge-node', ids: ['e1', 'b'] }]);
    expect(checkDiagram(i).violations[0]!.detail).toContain('its target');
  });

  it('lets the first and last segments start and end on the border of their own nodes', () => {
    // The first segment starts 2 px inside a, the last ends 1 px inside b: both allowed.
    const i = input({
      nodes,
      edges: [edge('e1', 'a', 'b', [pt(98, 25), pt(150, 25), pt(150, 60), pt(380, 60), pt(380, 25), pt(401, 25)])],
    });
    expect(found(i)).toEqual([]);
  });

  it('names an edge end that has no node box', () => {
    const i = input({ nodes, edges: [edge('e1', 'a', 'ghost', [pt(100, 25), pt(150, 25)])] });
    expect(found(i)).toEqual([{ kind: 'unknown-node', ids: ['e1', 'ghost'] }]);
  });
});

describe('checkDiagram: zones', () => {
  const nodes = [
    { id: 'phone', box: box(0, 0, 100, 50) },
    { id: 'proxy', box: box(300, 0, 100, 50) },
    { id: 'fcm', box: box(600, 0, 100, 50) },
  ];
  const members = new Map([
    ['internet', ['phone', 'fcm']],
    ['dmz', ['proxy']],
  ]);
  const good = [
    region('zone:internet:in', 'internet', box(-20, -30, 140, 100), ['phone']),
    region('zone:dmz', 'dmz', box(280, -30, 140, 100), ['proxy']),
    region('zone:internet:out', 'internet', box(580, -30, 140, 100), ['fcm']),
  ];
  const zonesInput = (zones: Region[], zoneMembers = members) =>
    input({ nodes, zones, zoneMembers, internetZones: new Set(['internet']) });

  it('accepts an internet zone in two regions, each holding its own members', () => {
    expect(found(zonesInput(good))).toEqual([]);
  });

  it('reports an internet zone in three regions, and any other zone in two', () => {
    const three = [...good, region('zone:internet:x', 'internet', box(-20, 200, 140, 100), [])];
    expect(found(zonesInput(three))).toEqual([
      { kind: 'zone-split', ids: ['internet', 'zone:internet:in', 'zone:internet:out', 'zone:internet:x'] },
    ]);
    const dmzTwice = [
      good[0]!,
      region('zone:dmz:a', 'dmz', box(280, -30, 140, 100), ['proxy']),
      region('zone:dmz:b', 'dmz', box(280, 200, 140, 100), []),
      good[2]!,
    ];
    expect(found(zonesInput(dmzTwice))).toEqual([{ kind: 'zone-split', ids: ['dmz', 'zone:dmz:a', 'zone:dmz:b'] }]);
  });

  it('reports a zone with members but no region', () => {
    expect(found(zonesInput([good[0]!, good[2]!]))).toEqual([{ kind: 'zone-split', ids: ['dmz'] }]);
  });

  it('reports regions whose members differ from the model', () => {
    // The model puts phone and fcm in the internet zone; the regions list phone and proxy.
    const wrong = [
      region('zone:internet:in', 'internet', box(-20, -30, 140, 100), ['phone']),
      region('zone:dmz', 'dmz', box(280, -30, 140, 100), ['proxy']),
      region('zone:internet:out', 'internet', box(580, -30, 140, 100), []),
    ];
    expect(found(zonesInput(wrong))).toEqual([
      { kind: 'zone-members', ids: ['internet', 'fcm'] },
      { kind: 'zone-foreign', ids: ['zone:internet:out', 'fcm'] },
    ]);
    const extra = new Map([...members, ['internet', ['phone']]]);
    expect(found(zonesInput(good, extra))).toEqual([{ kind: 'zone-members', ids: ['internet', 'fcm'] }]);
  });

  it('reports a region that does not contain its member', () => {
    const short = [good[0]!, region('zone:dmz', 'dmz', box(280, -30, 110, 100), ['proxy']), good[2]!];
    expect(found(zonesInput(short))).toEqual([{ kind: 'zone-contains', ids: ['zone:dmz', 'proxy'] }]);
  });

  it('accepts a member sticking out by less than the tolerance', () => {
    const snug = [good[0]!, region('zone:dmz', 'dmz', box(300.3, 0, 99.5, 50), ['proxy']), good[2]!];
    expect(found(zonesInput(snug))).toEqual([]);
  });

  it('reports a foreign node inside a region, and one only partly inside', () => {
    const wide = [good[0]!, region('zone:dmz', 'dmz', box(280, -30, 440, 100), ['proxy']), good[2]!];
    const result = found(zonesInput(wide));
    expect(result).toContainEqual({ kind: 'zone-foreign', ids: ['zone:dmz', 'fcm'] });
    const partly = [good[0]!, region('zone:dmz', 'dmz', box(280, -30, 340, 100), ['proxy'])];
    expect(found(zonesInput(partly, new Map([...members, ['internet', ['phone']]])))).toEqual([
      { kind: 'zone-foreign', ids: ['zone:dmz', 'fcm'] },
    ]);
  });

  it('reports overlapping regions of two zones', () => {
    const overlapping = [good[0]!, region('zone:dmz', 'dmz', box(110, -30, 310, 100), ['proxy']), good[2]!];
    expect(found(zonesInput(overlapping))).toEqual([{ kind: 'zone-zone', ids: ['zone:internet:in', 'zone:dmz'] }]);
  });

  it('reports the two regions of one internet zone overlapping', () => {
    const nodes2 = [
      { id: 'phone', box: box(0, 0, 100, 50) },
      { id: 'fcm', box: box(0, 200, 100, 50) },
    ];
    const zones = [
      region('zone:internet:in', 'internet', box(-20, -30, 140, 200), ['phone']),
      region('zone:internet:out', 'internet', box(-20, 160, 140, 120), ['fcm']),
    ];
    const i = input({
      nodes: nodes2,
      zones,
      zoneMembers: new Map([['internet', ['phone', 'fcm']]]),
      internetZones: new Set(['internet']),
    });
    expect(found(i)).toEqual([{ kind: 'zone-zone', ids: ['zone:internet:in', 'zone:internet:out'] }]);
  });

  it('names a region member that has no node box', () => {
    const zones = [region('zone:z', 'z', box(0, 0, 100, 100), ['ghost'])];
    expect(found(input({ zones, zoneMembers: new Map([['z', ['ghost']]]) }))).toEqual([
      { kind: 'unknown-node', ids: ['zone:z', 'ghost'] },
    ]);
  });
});

describe('checkDiagram: left to right', () => {
  const nodes = [
    { id: 'a', box: box(0, 0, 100, 50) },
    { id: 'b', box: box(200, 0, 100, 50) },
    { id: 'c', box: box(50, 100, 100, 50) },
    { id: 'd', box: box(99.7, 200, 100, 50) },
  ];

  it('counts links whose target starts right of the source, ignoring routes', () => {
    const edges = [
      edge('ab', 'a', 'b', [pt(100, 25), pt(200, 25)]),
      edge('ac', 'a', 'c', [pt(100, 25), pt(100, 125), pt(50, 125)]),
      edge('ba', 'b', 'a', [pt(200, 40), pt(100, 40)]),
      // Starts 0.3 px left of a's right border: within the tolerance.
      edge('ad', 'a', 'd', [pt(100, 10), pt(120, 10), pt(120, 225), pt(99.7, 225)]),
      edge('route:x', 'b', 'a', [pt(200, 30), pt(100, 30)], false),
    ];
    const report = checkDiagram(input({ nodes, edges }));
    expect(report).toMatchObject({ links: 4, leftToRight: 2, leftToRightShare: 0.5 });
  });

  it('is 1 without links, and 1 when every link runs left to right', () => {
    expect(checkDiagram(input({ nodes })).leftToRightShare).toBe(1);
    const report = checkDiagram(input({ nodes, edges: [edge('ab', 'a', 'b', [pt(100, 25), pt(200, 25)])] }));
    expect(report).toMatchObject({ links: 1, leftToRight: 1, leftToRightShare: 1 });
  });
});

describe('checkDiagram at scale', () => {
  /** A clean grid diagram: n nodes in rows, an edge and a label between neighbours, a region per 20 nodes. */
  function grid(n: number): CheckInput {
    const cols = 20;
    const nodes = Array.from({ length: n }, (_, i) => ({
      id: `n${i}`,
      box: box((i % cols) * 300, Math.floor(i / cols) * 200, 180, 80),
    }));
    const edges: Edge[] = [];
    const labels: { id: string; box: Box }[] = [];
    for (let i = 0; i + 1 < n; i++) {
      if ((i + 1) % cols === 0) continue;
      const a = nodes[i]!.box;
      const y = a.y + 40;
      edges.push(edge(`e${i}`, `n${i}`, `n${i + 1}`, [pt(a.x + 180, y), pt(a.x + 300, y)]));
      labels.push({ id: `e${i}`, box: box(a.x + 190, y - 20, 100, 16) });
    }
    const zones: Region[] = [];
    const zoneMembers = new Map<string, string[]>();
    for (let row = 0; row * cols < n; row++) {
      const members = nodes.slice(row * cols, (row + 1) * cols).map((x) => x.id);
      zones.push(region(`zone:r${row}`, `r${row}`, box(-10, row * 200 - 40, cols * 300, 140), members));
      zoneMembers.set(`r${row}`, members);
    }
    // Titles sit in the 40 px above the row's nodes, clear of the labels.
    return input({
      nodes,
      edges,
      labels,
      zones: zones.map((z) => ({ ...z, title: box(z.box.x, z.box.y, 60, 16) })),
      zoneMembers,
    });
  }

  it('checks 2,000 nodes with about 2,000 edges and labels, and finds a planted overlap', () => {
    const clean = grid(2000);
    expect(clean.edges.length).toBeGreaterThan(1800);
    const report = checkDiagram(clean);
    expect(report.violations).toEqual([]);
    expect(report.leftToRightShare).toBe(1);
    const moved = clean.nodes.map((x) => (x.id === 'n1000' ? { ...x, box: { ...x.box, x: x.box.x + 150 } } : x));
    expect(found({ ...clean, nodes: moved })).toContainEqual({ kind: 'node-node', ids: ['n1000', 'n1001'] });
  });
});

describe('diagramCheckInput', () => {
  it('takes outer node boxes, labels, paths and regions from a diagram, and zone members from the model', () => {
    const project = template('default');
    const node = (id: string, x: number): DiagramNode => ({
      id: id as ComponentId,
      box: box(x, 0, 100, 50),
      nameLines: [id],
      ports: [],
      stack: 1,
      outer: box(x, 0, 106, 56),
    });
    const diagram: Diagram = {
      nodes: [node('mobile-app', 0), node('portmap', 300)],
      edges: [
        {
          id: 'mobile-to-portmap',
          variant: 'link',
          source: 'mobile-app' as ComponentId,
          target: 'portmap' as ComponentId,
          port: 'https',
          points: [pt(106, 25), pt(300, 25)],
          label: { text: 'https', box: box(150, 5, 60, 18) },
        },
        {
          id: 'route:ws',
          variant: 'route',
          source: 'portmap' as ComponentId,
          target: 'nextauth' as ComponentId,
          port: 'ws',
          points: [pt(406, 25), pt(600, 25)],
          label: { text: 'wss://auth.example.com/', box: box(420, 5, 160, 18) },
        },
      ],
      zones: [
        {
          id: 'zone:internet:in',
          zone: 'internet' as ZoneId,
          part: 'in',
          name: 'Internet',
          kind: 'internet',
          box: box(-20, -40, 150, 120),
          title: box(-12, -36, 60, 20),
          members: ['mobile-app' as ComponentId],
        },
      ],
      bounds: box(-20, -40, 700, 120),
    };
    const input = diagramCheckInput(diagram, project);
    expect(input.nodes).toEqual([
      { id: 'mobile-app', box: box(0, 0, 106, 56) },
      { id: 'portmap', box: box(300, 0, 106, 56) },
    ]);
    expect(input.labels.map((l) => l.id)).toEqual(['mobile-to-portmap', 'route:ws']);
    expect(input.edges.map((e) => [e.id, e.link])).toEqual([
      ['mobile-to-portmap', true],
      ['route:ws', false],
    ]);
    expect(input.zones).toEqual([
      {
        id: 'zone:internet:in',
        zone: 'internet',
        box: box(-20, -40, 150, 120),
        title: box(-12, -36, 60, 20),
        members: ['mobile-app'],
      },
    ]);
    expect(input.zoneMembers.get('internet')).toEqual(['mobile-app', 'admin', 'license', 'fcm', 'apns']);
    expect(input.zoneMembers.get('dmz')).toEqual(['portmap']);
    expect([...input.internetZones]).toEqual(['internet']);
    // Only part of the template is drawn: the checker says what is missing.
    const kinds = new Set(checkDiagram(input).violations.map((v) => v.kind));
    expect(kinds).toEqual(new Set(['unknown-node', 'zone-split', 'zone-members']));
  });
});
