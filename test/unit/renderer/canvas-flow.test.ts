/**
 * The canvas draws the geometry of shared/diagram with React Flow (`projectToFlow`,
 * `createFlowMapper`): one node per component at its position, one region per zone, one edge per
 * link and per route along its orthogonal path, each with its own label in front of the port it
 * names. These tests read the React Flow objects the mapper hands to the canvas, so what they
 * check is what the user sees — not the geometry module alone.
 *
 * Edge paths come from an orthogonal router that may still change its choices, so paths are
 * checked for their properties (orthogonal, leaving the source's right border, ending at the
 * port) and never for exact coordinates.
 */
import { describe, expect, it } from 'vitest';
import { boxesOverlap, checkDiagram, diagramCheckInput, type CheckInput } from '../../../shared/diagram/check';
import { diagramOf } from '../../../shared/diagram/diagram';
import { dropDiagram } from '../../../shared/diagram/drop';
import { LABEL_ARROW_GAP } from '../../../shared/diagram/layout';
import {
  BADGE_WIDTH,
  MAX_STACK,
  NODE_HEADER,
  NODE_WIDTH,
  PORT_ROW,
  STACK_OFFSET,
  nodeHeight,
  portY,
  wrapName,
} from '../../../shared/diagram/metrics';
import { outerBox } from '../../../shared/diagram/nodes';
import { routeEdges } from '../../../shared/diagram/route';
import type { Box, Point } from '../../../shared/diagram/types';
import { routeUrl } from '../../../shared/model/constraints';
import {
  moveComponents,
  type Component,
  type LinkId,
  type Position,
  type Project,
  type ZoneId,
} from '../../../shared/model/index';
import { checkProject, type Diagnostic } from '../../../shared/rules/index';
import {
  createFlowMapper,
  OUT_Y,
  projectToFlow,
  type ComponentNode,
  type FlowGraph,
  type PortEdge,
  type ZoneNode,
} from '../../../renderer/src/flow';
import { NO_SELECTION } from '../../../renderer/src/store/editor';
import { cid, dropRoute, link, patchComponent, patchRoute, template } from '../../support/fixtures';

const TEMPLATE_IDS = ['default', 'manual', 'ha'] as const;

const components = (g: FlowGraph) => g.nodes.filter((n): n is ComponentNode => n.type === 'component');
const zones = (g: FlowGraph) => g.nodes.filter((n): n is ZoneNode => n.type === 'zone');
const node = (g: FlowGraph, id: string) => {
  const n = components(g).find((c) => c.id === id);
  if (!n) throw new Error(`no node ${id}`);
  return n;
};
const edge = (g: FlowGraph, id: string) => {
  const e = drawnEdges(g).find((x) => x.id === id);
  if (!e) throw new Error(`no edge ${id}`);
  return e;
};
/** A label as drawn: during a drag the moved ones are placed from `liveLabels` (live-paths.ts). */
const labelOf = (g: FlowGraph, id: string) => {
  const label = g.labels.find((l) => l.id === id);
  const at = g.liveLabels?.get(id);
  return label && at ? { ...label, x: at.x, y: at.y } : label;
};
const componentOf = (p: Project, id: string): Component => {
  const c = p.components.find((x) => x.id === id);
  if (!c) throw new Error(`no component ${id}`);
  return c;
};
const zoneBox = (z: ZoneNode): Box => ({
  x: z.position.x,
  y: z.position.y,
  w: z.measured!.width!,
  h: z.measured!.height!,
});
const labelBox = (l: FlowGraph['labels'][number]): Box => ({ x: l.x, y: l.y, w: l.w, h: l.h });
/** The box a drawn node keeps others out of: its box with the replica cards, where it is drawn. */
const drawnOuter = (g: FlowGraph, p: Project, id: string): Box => ({
  ...outerBox(componentOf(p, id)),
  ...node(g, id).position,
});
const contains = (outer: Box, inner: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h;
const withPositions = (p: Project, moves: ReadonlyMap<string, Position>): Project =>
  moveComponents(p, new Map([...moves].map(([id, at]) => [cid(id), at])));

/** A free place below and right of everything the project draws. */
const beyond = (p: Project): Position => {
  const b = diagramOf(p).bounds;
  return { x: b.x + b.w + 400, y: b.y + b.h + 200 };
};

/** What a graph shows, without React Flow's bookkeeping. */
const strip = (graph: FlowGraph) => ({
  nodes: graph.nodes.map((n) => ({ id: n.id, position: n.position, measured: n.measured, data: n.data })),
  edges: graph.edges.map((e: PortEdge) => ({ id: e.id, className: e.className, data: e.data })),
  labels: graph.labels,
  bounds: graph.bounds,
});

/** The port each edge ends at: the link's or the route's port. */
function portOfEdge(p: Project, edgeId: string): string {
  if (edgeId.startsWith('route:')) return p.routes.find((r) => `route:${r.id}` === edgeId)!.port;
  return p.links.find((l) => l.id === edgeId)!.port;
}

/** Where an edge into `port` of a drawn node must end: the port row's left end (the header for a port the kind lacks). */
function anchorOf(g: FlowGraph, target: string, port: string): Point {
  const n = node(g, target);
  const i = n.data.ports.findIndex((r) => r.name === port);
  return { x: n.position.x, y: n.position.y + (i >= 0 ? portY(i) : NODE_HEADER / 2) };
}

/**
 * The path promises of one drawn edge: orthogonal, leaving its source's right border (past the
 * replica cards) moving right — or its top or bottom border moving away from it, when that gives
 * the cheaper route — and ending at the port's anchor moving right.
 */
function expectPathToPort(g: FlowGraph, p: Project, e: PortEdge): void {
  const points = e.data!.points;
  const what = `${e.id}: ${JSON.stringify(points)}`;
  expect(points.length, what).toBeGreaterThanOrEqual(2);
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    expect(a.x === b.x || a.y === b.y, `${what}: segment ${i} is not orthogonal`).toBe(true);
  }
  const source = drawnOuter(g, p, e.source);
  const [first, second] = [points[0]!, points[1]!];
  if (first.x === second.x) {
    // From the top border moving up, or from the bottom border (past the cards) moving down.
    const up = second.y < first.y;
    expect(first.y, `${what}: starts at the source's ${up ? 'top' : 'bottom'} border`).toBe(
      up ? source.y : source.y + source.h,
    );
    expect(first.x, what).toBeGreaterThan(source.x);
    expect(first.x, what).toBeLessThan(source.x + source.w);
  } else {
    expect(first.x, `${what}: starts at the source's right border`).toBe(source.x + source.w);
    expect(first.y, what).toBeGreaterThanOrEqual(source.y);
    expect(first.y, what).toBeLessThanOrEqual(source.y + node(g, e.source).height!);
    expect(second.y === first.y && second.x > first.x, `${what}: leaves moving right`).toBe(true);
  }
  const last = points[points.length - 1]!;
  const before = points[points.length - 2]!;
  expect(last, what).toEqual(anchorOf(g, e.target, portOfEdge(p, e.id)));
  expect(before.y === last.y && before.x < last.x, `${what}: arrives moving right`).toBe(true);
}

/**
 * The label promises of one drawn edge: right-aligned just before the arrow of the port it
 * names, on a label row of the target (PORT_ROW apart), and lying on its own edge (a horizontal run of the
 * path passes under the whole label).
 */
function expectLabelOnEdge(g: FlowGraph, p: Project, e: PortEdge): void {
  const label = labelOf(g, e.id);
  expect(label, `${e.id} has a label`).toBeDefined();
  const anchor = anchorOf(g, e.target, portOfEdge(p, e.id));
  expect(label!.x + label!.w, `${e.id}: label ends before the arrow`).toBe(anchor.x - LABEL_ARROW_GAP);
  const cy = label!.y + label!.h / 2;
  const row = (cy - node(g, e.target).position.y - portY(0)) / PORT_ROW;
  expect(Number.isInteger(row), `${e.id}: label centre ${cy} is on a label row`).toBe(true);
  const points = e.data!.points;
  const under = points.some((a, i) => {
    const b = points[i + 1];
    return (
      b !== undefined &&
      a.y === cy &&
      b.y === cy &&
      Math.min(a.x, b.x) <= label!.x &&
      Math.max(a.x, b.x) >= label!.x + label!.w
    );
  });
  expect(under, `${e.id}: the path runs under its label at y ${cy}: ${JSON.stringify(points)}`).toBe(true);
}

/**
 * The readability checker's input built from the React Flow objects themselves (node positions,
 * label boxes, edge points, zone regions), with what each zone should hold from the model.
 */
function flowCheckInput(g: FlowGraph, p: Project, moves?: ReadonlyMap<string, Position>): CheckInput {
  const diagram = diagramOf(p, moves ? { moves: new Map([...moves].map(([id, at]) => [cid(id), at])) } : {});
  const members = new Map(diagram.zones.map((z) => [z.id, z] as const));
  return {
    ...diagramCheckInput(diagram, p),
    nodes: components(g).map((n) => ({ id: n.id, box: drawnOuter(g, p, n.id) })),
    labels: g.labels.map((l) => ({ id: l.id, box: labelBox(l) })),
    edges: g.edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      points: e.data!.points,
      link: e.data!.variant === 'link',
    })),
    zones: zones(g).map((z) => {
      const box = zoneBox(z);
      const t = z.data.title;
      return {
        id: z.id,
        zone: members.get(z.id)?.zone ?? z.id,
        box,
        title: { x: box.x + t.x, y: box.y + t.y, w: t.w, h: t.h },
        members: members.get(z.id)?.members ?? [],
      };
    }),
  };
}

const ZONE_VIOLATIONS = new Set(['zone-split', 'zone-members', 'zone-contains', 'zone-foreign', 'zone-zone']);

/**
 * The edges as drawn: during a drag React Flow keeps the edges of the drawing before it, and
 * the moved ones take their paths from `live` (renderer/src/canvas/live-paths.ts).
 */
function drawnEdges(g: FlowGraph): PortEdge[] {
  return g.edges.map((e) => {
    const points = g.live?.get(e.id);
    return points ? { ...e, data: { ...e.data!, points } } : e;
  });
}

describe('canvas nodes', () => {
  it('has one component node per component, at its position, with name, kind, replicas and their cards', () => {
    const project = template('ha');
    const g = projectToFlow(project);
    expect(components(g).map((n) => n.id)).toEqual(project.components.map((c) => c.id));
    for (const c of project.components) {
      const n = node(g, c.id);
      expect(n.position).toEqual(c.position);
      expect(n.width).toBe(NODE_WIDTH);
      expect(n.height).toBe(nodeHeight(n.data.ports.length));
      // React Flow needs no DOM measurement: the size is declared.
      expect(n.measured).toEqual({ width: n.width, height: n.height });
      expect(n.type).toBe('component');
    }
    const nextauth = node(g, 'nextauth');
    expect(nextauth.data).toMatchObject({
      name: 'nextauth',
      nameLines: ['nextauth'],
      kindLabel: 'nextAuth server',
      category: 'nextauth',
      replicas: 3,
      stack: 2,
    });
    expect(nextauth.data.detail).toBe('3 × nextAuth server');
    expect(nextauth.ariaLabel).toBe('nextauth, nextAuth server, 3 replicas');
    // "Reverse proxy · HAProxy" does not fit the kind line: the flavour alone (the icon says the kind).
    expect(node(g, 'lb').data.detail).toBe('HAProxy');
    expect(node(projectToFlow(template('manual')), 'mysql').data.detail).toBe('Database · MySQL');
    expect(node(g, 'lb').data.stack).toBe(0);
  });

  it('draws one replica card per extra replica, at most two, and keeps other things clear of them', () => {
    const base = template('manual');
    for (const [replicas, stack] of [
      [1, 0],
      [2, 1],
      [3, 2],
      [7, MAX_STACK],
    ] as const) {
      const project = patchComponent(base, 'redis', { replicas });
      const g = projectToFlow(project);
      expect(node(g, 'redis').data.stack, `${replicas} replicas`).toBe(stack);
      const outer = outerBox(componentOf(project, 'redis'));
      expect(outer.w).toBe(NODE_WIDTH + stack * STACK_OFFSET);
      expect(outer.h).toBe(nodeHeight(1) + stack * STACK_OFFSET);
      // Edges leave from the outermost card.
      for (const e of g.edges.filter((x) => x.source === 'redis')) expectPathToPort(g, project, e);
    }
  });

  it('breaks a name into at most two lines (only the second ends in …), escaped as the node shows it', () => {
    const project = template('manual');
    const g = projectToFlow(project);
    for (const c of project.components) {
      const lines = node(g, c.id).data.nameLines;
      expect(lines).toEqual(wrapName(c.name));
      expect(lines.length).toBeGreaterThanOrEqual(1);
      expect(lines.length).toBeLessThanOrEqual(2);
      expect(lines[0]!.endsWith('…')).toBe(false);
    }
    expect(node(g, 'proxy').data.nameLines).toEqual(['nginx']);
    // Every template name is shown in full (two lines at most, no ellipsis).
    expect(node(g, 'apns').data.nameLines).toEqual(['Apple Push', 'Notification service']);
    for (const c of project.components) expect(node(g, c.id).data.nameLines.join(' ')).toBe(c.name);
    // Only a name longer than two lines can hold ends in an ellipsis, on its second line.
    const long = projectToFlow(
      patchComponent(project, 'apns', { name: 'Apple Push Notification service for the customer’s production tenant' }),
    );
    const lines = node(long, 'apns').data.nameLines;
    expect(lines).toHaveLength(2);
    expect(lines[1]!.endsWith('…')).toBe(true);
    // A line break in a name cannot add a line to the node: it is shown escaped.
    const odd = projectToFlow(patchComponent(project, 'redis', { name: 'Re\ndis\u202e' }));
    expect(node(odd, 'redis').data.name).toBe('Re\\ndis\\u202e');
    for (const line of node(odd, 'redis').data.nameLines) expect(line).not.toMatch(/[\n\u202e]/);
  });

  it('declares one target handle per catalog port (left, on its row) and one source handle on the right', () => {
    const g = projectToFlow(template('manual'));
    const nextauth = node(g, 'nextauth');
    expect(nextauth.data.ports.map((p) => `${p.number} ${p.protocol}`)).toEqual(['8888 http', '8009 ws', '8889 http']);
    const targets = nextauth.handles!.filter((h) => h.type === 'target' && h.id!.startsWith('port:'));
    expect(targets.map((h) => h.id)).toEqual(['port:rest', 'port:ws', 'port:mobile']);
    targets.forEach((h, i) => {
      expect(h.position).toBe('left');
      expect(h.y + h.height! / 2).toBe(portY(i));
      expect(h.x + h.width! / 2).toBe(0);
    });
    const out = nextauth.handles!.filter((h) => h.type === 'source');
    expect(out.map((h) => h.id)).toEqual(['out']);
    expect(out[0]!.position).toBe('right');
    expect(out[0]!.x + out[0]!.width! / 2).toBe(NODE_WIDTH);
    expect(out[0]!.y + out[0]!.height! / 2).toBe(OUT_Y);
    // Clients have no ports: no port handles, and a node the height of its header.
    expect(node(g, 'mobile-app').data.ports).toEqual([]);
    expect(node(g, 'mobile-app').handles!.filter((h) => h.id!.startsWith('port:'))).toEqual([]);
    expect(node(g, 'mobile-app').height).toBe(NODE_HEADER);
  });

  it('shows the component’s own port numbers (flavour, overrides), on the node and on the labels', () => {
    let project = patchComponent(template('manual'), 'mysql', { flavour: 'postgres' });
    project = patchComponent(project, 'nextauth', { portOverrides: { rest: 8890 } });
    const g = projectToFlow(project);
    expect(node(g, 'mysql').data.ports.map((p) => `${p.number} ${p.protocol}`)).toEqual(['5432 postgres']);
    expect(node(g, 'nextauth').data.ports[0]).toMatchObject({ name: 'rest', number: 8890 });
    expect(node(g, 'nextauth').data.ports[2]).toMatchObject({ name: 'mobile', number: 8889, label: 'Mobile API' });
    expect(labelOf(g, 'nextauth-to-mysql')!.text).toBe('postgres 5432');
    expect(labelOf(g, 'app-to-rest')!.text).toBe('http 8890');
    expect(labelOf(g, 'mgmt-to-nextauth')!.text).toBe('http 8890');
  });

  it('sizes every node by its ports', () => {
    const project = template('ha');
    const g = projectToFlow(project);
    for (const c of project.components) {
      const n = node(g, c.id);
      expect(outerBox(c).h).toBe(nodeHeight(n.data.ports.length) + n.data.stack * STACK_OFFSET);
    }
  });
});

describe('canvas edges', () => {
  it('draws one edge per link, to its target port, with its own label: protocol and port number', () => {
    const project = template('manual');
    const g = projectToFlow(project);
    expect(g.edges).toHaveLength(project.links.length + project.routes.length);
    for (const l of project.links) {
      const e = edge(g, l.id);
      expect(e).toMatchObject({ source: l.from, target: l.to, type: 'port' });
      expect(e.data).toMatchObject({ variant: 'link', links: [l.id], routes: [] });
      expect(e.className).toContain('pl-edge--link');
      expect(labelOf(g, l.id)).toMatchObject({ variant: 'link' });
    }
    expect(labelOf(g, 'nextauth-to-mysql')!.text).toBe('mysql 3306');
    expect(labelOf(g, 'nextauth-to-redis')!.text).toBe('redis 6379');
    expect(labelOf(g, 'mgmt-to-nextauth')!.text).toBe('http 8888');
    // Two clients reach the proxy's https port: each edge has its own label.
    expect(labelOf(g, 'mobile-to-proxy')!.text).toBe('https 443');
    expect(labelOf(g, 'admin-to-proxy')!.text).toBe('https 443');
    expect(labelOf(g, 'admin-to-proxy')!.title).toBe('Administrator → nginx: https 443');
    expect(edge(g, 'admin-to-proxy').ariaLabel).toBe('Administrator to nginx on https 443');
    // One label per edge, in the edges' order.
    expect(g.labels.map((l) => l.id)).toEqual(g.edges.map((e) => e.id));
  });

  it('draws one dashed edge per route, from the entry point to the target port, labelled with its public URL', () => {
    const project = template('manual');
    const g = projectToFlow(project);
    const routeEdges = g.edges.filter((e) => e.data!.variant === 'route');
    expect(routeEdges.map((e) => e.id)).toEqual(project.routes.map((r) => `route:${r.id}`));
    for (const r of project.routes) {
      const e = edge(g, `route:${r.id}`);
      expect(e).toMatchObject({ source: r.via, target: r.target });
      expect(e.className).toContain('pl-edge--route');
      expect(e.data).toMatchObject({ variant: 'route', routes: [r.id], links: [] });
      expect(labelOf(g, e.id)).toMatchObject({ text: routeUrl(r), variant: 'route' });
    }
    expect(labelOf(g, 'route:ws')!.text).toBe('wss://auth.example.com/');
    expect(edge(g, 'route:ws').ariaLabel).toBe('Public URL wss://auth.example.com/ through nginx to nextauth');
    // Routes and links have their own arrows.
    expect(edge(g, 'route:ws').markerEnd).not.toEqual(edge(g, 'mobile-to-proxy').markerEnd);
  });

  it('draws two routes to one port as two edges, each with its own label', () => {
    const project = patchRoute(template('manual'), 'idp', { port: 'accounts' });
    const g = projectToFlow(project);
    expect(edge(g, 'route:idp').data!.routes).toEqual(['idp']);
    expect(edge(g, 'route:accounts').data!.routes).toEqual(['accounts']);
    expect(labelOf(g, 'route:idp')!.text).toBe('https://idp.auth.example.com/');
    expect(labelOf(g, 'route:accounts')!.text).toBe('https://accounts.auth.example.com/');
    for (const id of ['route:idp', 'route:accounts']) {
      expectPathToPort(g, project, edge(g, id));
      expectLabelOnEdge(g, project, edge(g, id));
    }
  });

  it.each(TEMPLATE_IDS)('%s: every path is orthogonal, from the source’s right border to the port it names', (id) => {
    const project = template(id);
    const g = projectToFlow(project, checkProject(project));
    expect(g.edges.length).toBeGreaterThan(5);
    for (const e of g.edges) {
      expectPathToPort(g, project, e);
      expectLabelOnEdge(g, project, e);
    }
  });

  it('ends an edge to a port the kind lacks at the node’s header, labelled with the port name', () => {
    const base = template('manual');
    const project: Project = {
      ...base,
      links: [...base.links, { id: 'odd' as LinkId, from: cid('nextauth'), to: cid('redis'), port: 'no-such-port' }],
    };
    const g = projectToFlow(project);
    const e = edge(g, 'odd');
    expect(e.data!.points.at(-1)).toEqual({ x: node(g, 'redis').position.x, y: node(g, 'redis').position.y + OUT_Y });
    expect(labelOf(g, 'odd')!.text).toBe('no-such-port');
    expectPathToPort(g, project, e);
    expectLabelOnEdge(g, project, e);
  });

  it('stacks the labels of several edges into one port in rows, in the order of their sources', () => {
    let project = template('manual');
    const mobile = componentOf(project, 'mobile-app');
    const proxy = componentOf(project, 'proxy');
    // Two more clients, one above and one below the others, both into the proxy's https port.
    project = {
      ...project,
      components: [
        ...project.components,
        { ...mobile, id: cid('tablet'), name: 'Tablet', position: { x: 0, y: proxy.position.y + 260 } },
        { ...mobile, id: cid('kiosk'), name: 'Kiosk', position: { x: 0, y: proxy.position.y - 200 } },
      ],
    };
    project = link(link(project, 'tablet', 'proxy', 'https'), 'kiosk', 'proxy', 'https');
    const g = projectToFlow(project);
    const into = g.edges.filter((e) => e.target === 'proxy' && e.data!.variant === 'link');
    expect(into).toHaveLength(4);
    for (const e of into) {
      expectPathToPort(g, project, e);
      expectLabelOnEdge(g, project, e);
    }
    const labels = into.map((e) => labelOf(g, e.id)!);
    // One of them on the port's own row, the others on rows of their own, none overlapping.
    const anchor = anchorOf(g, 'proxy', 'https');
    const centres = labels.map((l) => l.y + l.h / 2);
    expect(new Set(centres).size).toBe(labels.length);
    expect(centres).toContain(anchor.y);
    for (const a of labels)
      for (const b of labels)
        if (a !== b) expect(boxesOverlap(labelBox(a), labelBox(b)), `${a.id} / ${b.id}`).toBe(false);
    // Higher sources take higher rows, so the edges do not cross on their way in.
    const sourceY = (e: PortEdge) => node(g, e.source).position.y;
    const bySource = [...into].sort((a, b) => sourceY(a) - sourceY(b)).map((e) => e.id);
    const byRow = [...into].sort((a, b) => labelOf(g, a.id)!.y - labelOf(g, b.id)!.y).map((e) => e.id);
    expect(byRow).toEqual(bySource);
  });
});

describe('canvas zones', () => {
  it.each(TEMPLATE_IDS)('%s: draws each zone as one region holding exactly its members, and reads cleanly', (id) => {
    const project = template(id);
    const g = projectToFlow(project, checkProject(project));
    const report = checkDiagram(flowCheckInput(g, project));
    // The templates as shipped: nothing overlaps, zones are whole and disjoint. (Whether an edge
    // runs through a node is the router's promise, checked in shared/diagram/readability.test.ts.)
    expect(report.violations.filter((v) => v.kind !== 'edge-node')).toEqual([]);
    const drawn = new Set(zones(g).map((z) => z.id.split(':')[1]));
    for (const zone of project.zones)
      expect(drawn.has(zone.id), zone.id).toBe(project.components.some((c) => c.zone === zone.id));
    // As React Flow nodes: background, below the components, not interactive, titled.
    for (const z of zones(g)) {
      expect(z).toMatchObject({
        type: 'zone',
        zIndex: -1,
        selectable: false,
        draggable: false,
        connectable: false,
        deletable: false,
        focusable: false,
      });
      const zone = project.zones.find((x) => z.id === `zone:${x.id}` || z.id.startsWith(`zone:${x.id}:`))!;
      expect(z.data).toMatchObject({ name: zone.name, kind: zone.kind });
      expect(contains({ x: 0, y: 0, w: zoneBox(z).w, h: zoneBox(z).h }, z.data.title)).toBe(true);
    }
    const kinds = g.nodes.map((n) => n.type);
    expect(kinds.indexOf('component')).toBeGreaterThan(kinds.lastIndexOf('zone'));
  });

  it('draws the canvas exactly as the diagram geometry says', () => {
    const project = template('manual');
    const g = projectToFlow(project);
    const d = diagramOf(project);
    expect(components(g).map((n) => ({ ...n.position, w: n.width, h: n.height }))).toEqual(d.nodes.map((n) => n.box));
    expect(zones(g).map((z) => ({ id: z.id, box: zoneBox(z) }))).toEqual(
      d.zones.map((z) => ({ id: z.id, box: z.box })),
    );
    expect(g.edges.map((e) => ({ id: e.id, points: e.data!.points }))).toEqual(
      d.edges.map((e) => ({ id: e.id, points: e.points })),
    );
    expect(g.labels.map((l) => ({ text: l.text, box: labelBox(l) }))).toEqual(d.edges.map((e) => e.label));
    expect(g.bounds).toEqual(d.bounds);
  });

  it('splits an internet zone in two regions only when it holds clients and something else', () => {
    const project = template('manual');
    const g = projectToFlow(project);
    const internet = zones(g).filter((z) => z.id.startsWith('zone:internet'));
    expect(internet.map((z) => [z.id, z.data.part])).toEqual([
      ['zone:internet:in', 'in'],
      ['zone:internet:out', 'out'],
    ]);
    const members = (z: ZoneNode) =>
      components(g)
        .filter((n) => contains(zoneBox(z), drawnOuter(g, project, n.id)))
        .map((n) => n.id)
        .sort();
    expect(members(internet[0]!)).toEqual(['admin', 'mobile-app']);
    expect(members(internet[1]!)).toEqual(['apns', 'fcm', 'license']);
    // Without its clients the internet is one region; a client in another zone never splits it.
    const noClients = patchComponent(patchComponent(project, 'mobile-app', { zone: 'dmz' as ZoneId }), 'admin', {
      zone: 'dmz' as ZoneId,
    });
    const whole = zones(projectToFlow(noClients)).filter((z) => z.id.startsWith('zone:internet'));
    expect(whole.map((z) => [z.id, z.data.part])).toEqual([['zone:internet', 'whole']]);
    expect(zones(projectToFlow(noClients)).find((z) => z.id === 'zone:dmz')!.data.part).toBe('whole');
  });

  it('grows a region to follow a member dragged away, never splitting it', () => {
    const map = createFlowMapper();
    const project = template('manual');
    map({ project });
    const far = new Map([['redis', beyond(project)]]);
    const frame = map({ project, moves: far });
    const internal = zones(frame).filter((z) => z.id.startsWith('zone:internal'));
    expect(internal.map((z) => z.id)).toEqual(['zone:internal']);
    for (const c of project.components.filter((x) => x.zone === 'internal'))
      expect(contains(zoneBox(internal[0]!), drawnOuter(frame, project, c.id)), c.id).toBe(true);
    const report = checkDiagram(flowCheckInput(frame, project, far));
    expect(report.violations.filter((v) => v.kind === 'zone-split' || v.kind === 'zone-contains')).toEqual([]);
  });

  it('draws no region for a zone without members, and none around a component without a zone', () => {
    const base = template('manual');
    let project: Project = { ...base, zones: [...base.zones, { id: 'empty' as ZoneId, name: 'Empty', kind: 'host' }] };
    // Redis leaves its zone, and the drawing, to the right of everything.
    project = {
      ...project,
      components: project.components.map((c) =>
        c.id === 'redis' ? { ...c, zone: undefined, position: beyond(base) } : c,
      ),
    };
    const g = projectToFlow(project);
    expect(zones(g).map((z) => z.id)).not.toContain('zone:empty');
    const report = checkDiagram(flowCheckInput(g, project));
    expect(report.violations.filter((v) => ZONE_VIOLATIONS.has(v.kind))).toEqual([]);
    const redis = drawnOuter(g, project, 'redis');
    for (const z of zones(g)) expect(contains(zoneBox(z), redis), z.id).toBe(false);
  });
});

describe('diagnostics badges', () => {
  it('counts errors and warnings on the nodes a diagnostic names', () => {
    const project = dropRoute(template('manual'), 'ws');
    const diagnostics = checkProject(project);
    const g = projectToFlow(project, diagnostics);
    const active = diagnostics.filter((d) => !d.suppressed);
    for (const c of project.components) {
      const involved = active.filter((d) => d.elements.some((e) => e.type === 'component' && e.id === c.id));
      expect(node(g, c.id).data.errors, c.id).toBe(involved.filter((d) => d.severity === 'error').length);
      expect(node(g, c.id).data.warnings, c.id).toBe(involved.filter((d) => d.severity === 'warning').length);
    }
    const na010 = diagnostics.find((d) => d.rule === 'NA010')!;
    const badged = na010.elements.find((e) => e.type === 'component')!;
    expect(node(g, badged.id).data.errors).toBeGreaterThan(0);
    expect(node(g, badged.id).ariaLabel).toMatch(/, \d+ errors?/);
  });

  it('badges edges, their labels and zones, and colours the edge; suppressed diagnostics do not count', () => {
    const project = template('manual');
    const diagnostics: Diagnostic[] = [
      { rule: 'T1', severity: 'error', message: 'link', elements: [{ type: 'link', id: 'nextauth-to-mysql' }] },
      { rule: 'T2', severity: 'warning', message: 'route', elements: [{ type: 'route', id: 'idp' }] },
      { rule: 'T3', severity: 'warning', message: 'zone', elements: [{ type: 'zone', id: 'dmz' }] },
      { rule: 'T4', severity: 'error', message: 'zone', elements: [{ type: 'zone', id: 'internet' }] },
      {
        rule: 'T5',
        severity: 'error',
        message: 'accepted',
        elements: [
          { type: 'link', id: 'nextauth-to-redis' },
          { type: 'component', id: 'redis' },
        ],
        suppressed: { reason: 'accepted' },
      },
      { rule: 'T6', severity: 'info', message: 'note', elements: [{ type: 'link', id: 'nextauth-to-fcm' }] },
    ];
    const g = projectToFlow(project, diagnostics);
    expect(edge(g, 'nextauth-to-mysql').className).toContain('has-errors');
    expect(edge(g, 'nextauth-to-mysql').data).toMatchObject({ errors: 1, warnings: 0 });
    expect(labelOf(g, 'nextauth-to-mysql')).toMatchObject({ errors: 1, warnings: 0 });
    expect(edge(g, 'route:idp').className).toContain('has-warnings');
    expect(labelOf(g, 'route:idp')).toMatchObject({ errors: 0, warnings: 1 });
    // Only the route named: its neighbours from the same entry point to the same node stay clean.
    expect(labelOf(g, 'route:accounts')).toMatchObject({ errors: 0, warnings: 0 });
    expect(edge(g, 'route:accounts').className).not.toContain('has-');
    expect(zones(g).find((z) => z.id === 'zone:dmz')!.data).toMatchObject({ errors: 0, warnings: 1 });
    // Both regions of the internet carry its badge.
    for (const z of zones(g).filter((x) => x.id.startsWith('zone:internet')))
      expect(z.data, z.id).toMatchObject({ errors: 1, warnings: 0 });
    for (const id of ['nextauth-to-redis', 'nextauth-to-fcm']) {
      expect(edge(g, id).className).not.toContain('has-');
      expect(labelOf(g, id)).toMatchObject({ errors: 0, warnings: 0 });
    }
    expect(node(g, 'redis').data).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('widens a label for its badges, keeping it before the arrow and on its edge', () => {
    const project = template('manual');
    const clean = projectToFlow(project);
    const diagnostics: Diagnostic[] = [
      { rule: 'T1', severity: 'error', message: 'a', elements: [{ type: 'link', id: 'nextauth-to-mysql' }] },
      { rule: 'T2', severity: 'error', message: 'b', elements: [{ type: 'link', id: 'nextauth-to-mysql' }] },
      { rule: 'T3', severity: 'warning', message: 'c', elements: [{ type: 'link', id: 'nextauth-to-mysql' }] },
      { rule: 'T4', severity: 'warning', message: 'd', elements: [{ type: 'route', id: 'ws' }] },
    ];
    const g = projectToFlow(project, diagnostics);
    // One badge per severity present (a dot and its count), whatever the count.
    const mysql = [labelOf(clean, 'nextauth-to-mysql')!, labelOf(g, 'nextauth-to-mysql')!];
    expect(mysql[1]!.w).toBe(mysql[0]!.w + 2 * BADGE_WIDTH);
    expect(mysql[1]!.x + mysql[1]!.w).toBe(mysql[0]!.x + mysql[0]!.w);
    const ws = [labelOf(clean, 'route:ws')!, labelOf(g, 'route:ws')!];
    expect(ws[1]!.w).toBe(ws[0]!.w + BADGE_WIDTH);
    for (const id of ['nextauth-to-mysql', 'route:ws']) {
      expectPathToPort(g, project, edge(g, id));
      expectLabelOnEdge(g, project, edge(g, id));
    }
    // Other labels keep their size.
    expect(labelOf(g, 'nextauth-to-redis')!.w).toBe(labelOf(clean, 'nextauth-to-redis')!.w);
  });
});

describe('selection', () => {
  it('marks the store selection on nodes, edges and labels', () => {
    const g = projectToFlow(template('manual'), [], {
      components: ['nextauth'],
      links: ['nextauth-to-mysql'],
      routes: ['accounts'],
    });
    expect(node(g, 'nextauth').selected).toBe(true);
    expect(node(g, 'mgmt').selected).toBe(false);
    expect(edge(g, 'nextauth-to-mysql').selected).toBe(true);
    expect(edge(g, 'nextauth-to-redis').selected).toBe(false);
    expect(edge(g, 'route:accounts').selected).toBe(true);
    expect(edge(g, 'route:idp').selected).toBe(false);
    expect(labelOf(g, 'nextauth-to-mysql')!.selected).toBe(true);
    expect(labelOf(g, 'route:accounts')!.selected).toBe(true);
    expect(labelOf(g, 'route:idp')!.selected).toBe(false);
    expect(labelOf(g, 'mobile-to-proxy')!.selected).toBe(false);
  });

  it('maps an empty project to nothing', () => {
    const empty: Project = { ...template('manual'), components: [], links: [], routes: [] };
    expect(projectToFlow(empty)).toEqual({ nodes: [], edges: [], labels: [], bounds: { x: 0, y: 0, w: 0, h: 0 } });
  });
});

describe('memoised mapper', () => {
  it('keeps unchanged nodes, edges and labels (same objects) and replaces what moved', () => {
    const map = createFlowMapper();
    const project = template('manual');
    const diagnostics = checkProject(project);
    const first = map({ project, diagnostics, selection: NO_SELECTION });
    const moved = withPositions(project, new Map([['redis', { x: 1900, y: 700 }]]));
    const second = map({ project: moved, diagnostics, selection: NO_SELECTION });
    expect(node(second, 'redis')).not.toBe(node(first, 'redis'));
    expect(node(second, 'redis').position).toEqual({ x: 1900, y: 700 });
    expect(node(second, 'mysql')).toBe(node(first, 'mysql'));
    expect(node(second, 'nextauth')).toBe(node(first, 'nextauth'));
    expect(edge(second, 'mobile-to-proxy')).toBe(edge(first, 'mobile-to-proxy'));
    expect(labelOf(second, 'mobile-to-proxy')).toBe(labelOf(first, 'mobile-to-proxy'));
    expect(zones(second).find((z) => z.id === 'zone:dmz')).toBe(zones(first).find((z) => z.id === 'zone:dmz'));
    expect(zones(second).find((z) => z.id === 'zone:internal')).not.toBe(
      zones(first).find((z) => z.id === 'zone:internal'),
    );
    expect(edge(second, 'nextauth-to-redis')).not.toBe(edge(first, 'nextauth-to-redis'));
    // The result is what a mapper without memory draws.
    expect(strip(second)).toEqual(strip(projectToFlow(moved, diagnostics)));
    // Nothing changed: everything is reused, down to the arrays.
    const third = map({ project: moved, diagnostics, selection: NO_SELECTION });
    expect(third.nodes).toBe(second.nodes);
    expect(third.edges).toBe(second.edges);
    expect(third.labels).toBe(second.labels);
  });

  it('after a drop recomputes only what the drop affects, once; undo and redo map in full', () => {
    const map = createFlowMapper();
    const project = template('manual');
    const diagnostics = checkProject(project);
    const before = map({ project, diagnostics, selection: NO_SELECTION });
    const moved = withPositions(project, new Map([['redis', { x: 1900, y: 700 }]]));
    const dropped = map({ project: moved, diagnostics, selection: NO_SELECTION, dropped: moved });
    const exact = dropDiagram(diagramOf(project), moved);
    // (The move is one where the drop's routes differ from a full route: the test tells them apart.)
    expect(exact.edges.map((e) => e.points)).not.toEqual(diagramOf(moved).edges.map((e) => e.points));
    for (const e of exact.edges) expect(edge(dropped, e.id).data!.points).toEqual(e.points);
    expect(edge(dropped, 'mobile-to-proxy')).toBe(edge(before, 'mobile-to-proxy'));
    expect(node(dropped, 'redis').position).toEqual({ x: 1900, y: 700 });
    // Undo: another document, drawn in full; redo meets the dropped document again: in full too.
    const undone = map({ project, diagnostics, selection: NO_SELECTION, dropped: moved });
    expect(strip(undone)).toEqual(strip(projectToFlow(project, diagnostics)));
    const redone = map({ project: moved, diagnostics, selection: NO_SELECTION, dropped: moved });
    expect(strip(redone)).toEqual(strip(projectToFlow(moved, diagnostics)));
  });

  it('draws a drop it is not to route provisionally, then exactly as a drop routed at once', () => {
    const project = template('manual');
    const diagnostics = checkProject(project);
    const moved = withPositions(project, new Map([['redis', { x: 1900, y: 700 }]]));
    const map = createFlowMapper();
    map({ project, diagnostics, selection: NO_SELECTION });
    const asked: unknown[] = [];
    const routeDrop = (routing: unknown) => (asked.push(routing), true);
    const provisional = map({ project: moved, diagnostics, selection: NO_SELECTION, dropped: moved, routeDrop });
    const plan = provisional.dropRoute!;
    expect(plan).toBeDefined();
    expect(asked).toEqual([plan.routing]);
    // The moved node and every label are where the drop puts them already.
    const exact = dropDiagram(diagramOf(project), moved);
    expect(node(provisional, 'redis').position).toEqual({ x: 1900, y: 700 });
    for (const e of exact.edges)
      expect(labelOf(provisional, e.id)).toMatchObject({ x: e.label.box.x, y: e.label.box.y });
    // Mapping again (a selection) keeps waiting for the same plan.
    const selected = map({
      project: moved,
      diagnostics,
      selection: { ...NO_SELECTION, components: ['redis'] },
      routeDrop,
    });
    expect(selected.dropRoute).toBe(plan);
    // The answer: the drop as `dropDiagram` computes it, and nothing left to route.
    const { obstacles, requests, rays } = plan.routing;
    const routes = routeEdges(obstacles, requests, {}, rays);
    const done = map({ project: moved, diagnostics, selection: NO_SELECTION, routeDrop, routedDrop: { plan, routes } });
    expect(done.dropRoute).toBeUndefined();
    for (const e of exact.edges) expect(edge(done, e.id).data!.points).toEqual(e.points);
    const atOnce = createFlowMapper();
    atOnce({ project, diagnostics, selection: NO_SELECTION });
    expect(strip(done)).toEqual(
      strip(atOnce({ project: moved, diagnostics, selection: NO_SELECTION, dropped: moved })),
    );
    // Patched from the drawing before the drop, it draws what a mapper without memory draws:
    // the nodes as the full diagram has them, every edge and label from the drop's geometry.
    const fresh = strip(projectToFlow(moved, diagnostics));
    expect(strip(done).nodes).toEqual(fresh.nodes);
    for (const l of done.labels) expect(l).toEqual(fresh.labels.find((x) => x.id === l.id));
    for (const e of done.edges) {
      const f = fresh.edges.find((x) => x.id === e.id)!;
      expect({ ...e.data, points: [] }).toEqual({ ...f.data, points: [] });
      expect(e.className).toBe(f.className);
      expect(e.ariaLabel).toBe(projectToFlow(moved, diagnostics).edges.find((x) => x.id === e.id)!.ariaLabel);
    }
  });

  it('ignores the routes of a drop another document replaced while they were found (undo)', () => {
    const project = template('manual');
    const diagnostics = checkProject(project);
    const moved = withPositions(project, new Map([['redis', { x: 1900, y: 700 }]]));
    const map = createFlowMapper();
    map({ project, diagnostics, selection: NO_SELECTION });
    const routeDrop = () => true;
    const plan = map({ project: moved, diagnostics, selection: NO_SELECTION, dropped: moved, routeDrop }).dropRoute!;
    const undone = map({ project, diagnostics, selection: NO_SELECTION, dropped: moved, routeDrop });
    expect(undone.dropRoute).toBeUndefined();
    const { obstacles, requests, rays } = plan.routing;
    const routedDrop = { plan, routes: routeEdges(obstacles, requests, {}, rays) };
    const late = map({ project, diagnostics, selection: NO_SELECTION, routeDrop, routedDrop });
    expect(strip(late)).toEqual(strip(projectToFlow(project, diagnostics)));
  });

  it('routes a drop at once when the caller declines it, as without a router', () => {
    const project = template('manual');
    const moved = withPositions(project, new Map([['redis', { x: 1900, y: 700 }]]));
    const map = createFlowMapper();
    map({ project });
    const graph = map({ project: moved, dropped: moved, routeDrop: () => false });
    expect(graph.dropRoute).toBeUndefined();
    const exact = dropDiagram(diagramOf(project), moved);
    for (const e of exact.edges) expect(edge(graph, e.id).data!.points).toEqual(e.points);
  });

  it('hands React Flow the same arrays when a change leaves them as they were', () => {
    const map = createFlowMapper();
    const project = template('manual');
    const first = map({ project });
    // Selecting a component changes its node only; edges and labels stay the same arrays.
    const second = map({ project, selection: { ...NO_SELECTION, components: ['redis'] } });
    expect(second.edges).toBe(first.edges);
    expect(second.labels).toBe(first.labels);
    expect(second.nodes).not.toBe(first.nodes);
    expect(node(second, 'redis')).not.toBe(node(first, 'redis'));
    expect(node(second, 'redis').data).toBe(node(first, 'redis').data);
    expect(node(second, 'mysql')).toBe(node(first, 'mysql'));
    // Selecting an edge changes that edge and its label only.
    const third = map({ project, selection: { ...NO_SELECTION, links: ['nextauth-to-mysql'] } });
    expect(third.nodes.filter((n, i) => n !== second.nodes[i]).map((n) => n.id)).toEqual(['redis']);
    expect(third.edges.filter((e, i) => e !== second.edges[i]).map((e) => e.id)).toEqual(['nextauth-to-mysql']);
    expect(third.labels.filter((l, i) => l !== second.labels[i]).map((l) => l.id)).toEqual(['nextauth-to-mysql']);
  });

  it('during a drag redraws only the moved node and its edges, and maps exactly again once the drag ends', () => {
    const map = createFlowMapper();
    const project = template('manual');
    const diagnostics = checkProject(project);
    const selection = { ...NO_SELECTION, components: ['nextauth'] };
    const start = map({ project, diagnostics, selection });
    const origin = componentOf(project, 'nextauth').position;
    let at = origin;
    for (let i = 1; i <= 10; i++) {
      at = { x: origin.x + i * 8, y: origin.y + i * 12 };
      // The document stays as it was; the drag's positions come beside it.
      const moves = new Map([['nextauth', at]]);
      const frame = map({ project, diagnostics, selection, moves });
      // React Flow keeps its edges array (no lookup rebuilt per frame); moved paths come beside it.
      expect(frame.edges).toBe(start.edges);
      // The label layer keeps its array too; the moved labels (those in front of the dragged
      // node's ports) come beside it.
      expect(frame.labels).toBe(start.labels);
      expect([...frame.liveLabels!.keys()].sort()).toEqual(
        start.edges
          .filter((e) => e.target === 'nextauth')
          .map((e) => e.id)
          .sort(),
      );
      expect([...frame.live!.keys()].sort()).toEqual(
        start.edges
          .filter((e) => e.source === 'nextauth' || e.target === 'nextauth')
          .map((e) => e.id)
          .sort(),
      );
      expect(node(frame, 'nextauth').position).toEqual(at);
      expect(node(frame, 'nextauth')).not.toBe(node(start, 'nextauth'));
      // Moved only: the node's content is the same object, so it does not re-render.
      expect(node(frame, 'nextauth').data).toBe(node(start, 'nextauth').data);
      expect(node(frame, 'nextauth').selected).toBe(true);
      for (const n of components(frame)) if (n.id !== 'nextauth') expect(n, n.id).toBe(node(start, n.id));
      for (const e of drawnEdges(frame)) {
        const touches = e.source === 'nextauth' || e.target === 'nextauth';
        const before = start.edges.find((x) => x.id === e.id);
        if (touches) {
          expect(e, e.id).not.toBe(before);
          expectPathToPort(frame, project, e);
          expectLabelOnEdge(frame, project, e);
        } else {
          expect(e, e.id).toBe(before);
          expect(labelOf(frame, e.id), e.id).toBe(labelOf(start, e.id));
        }
      }
      expect(frame.nodes.map((n) => n.id)).toEqual(start.nodes.map((n) => n.id));
      // The dragged component's zone follows it, and only the zones it is in change.
      const internal = zones(frame).find((z) => z.id === 'zone:internal')!;
      expect(contains(zoneBox(internal), drawnOuter(frame, project, 'nextauth'))).toBe(true);
      expect(zones(frame).find((z) => z.id === 'zone:dmz')).toBe(zones(start).find((z) => z.id === 'zone:dmz'));
    }
    const moved = withPositions(project, new Map([['nextauth', at]]));
    const end = map({ project: moved, diagnostics, selection });
    expect(strip(end)).toEqual(strip(projectToFlow(moved, diagnostics, selection)));
  });

  it('draws each drag frame from the last one exactly as it would draw the frame afresh', () => {
    const map = createFlowMapper();
    const project = template('manual');
    const diagnostics = checkProject(project);
    const selection = { ...NO_SELECTION, components: ['nextauth', 'redis'] };
    map({ project, diagnostics, selection });
    const origin = componentOf(project, 'nextauth').position;
    const redis = componentOf(project, 'redis').position;
    // Far enough to grow zones and reorder label rows; back over the start on the way.
    for (const step of [1, 5, 20, 60, -10, 0]) {
      const moves = new Map([
        ['nextauth', { x: origin.x + step * 16, y: origin.y + step * 10 }],
        ['redis', { x: redis.x - step * 4, y: redis.y + step * 12 }],
      ]);
      const frame = map({ project, diagnostics, selection, moves });
      // A new selection object with the same ids: the fresh mapper draws the frame in full.
      const fresh = createFlowMapper();
      fresh({ project, diagnostics, selection });
      const full = fresh({ project, diagnostics, selection: { ...selection }, moves });
      expect(strip(frame), `step ${step}`).toEqual(strip(full));
      expect([...frame.live!].sort(), `step ${step}`).toEqual([...full.live!].sort());
      expect([...frame.liveLabels!].sort(), `step ${step}`).toEqual([...full.liveLabels!].sort());
    }
  });

  it('moves several dragged components together, each with its edges', () => {
    const map = createFlowMapper();
    const project = template('manual');
    const start = map({ project });
    const moves = new Map([
      ['mysql', { x: 1900, y: 900 }],
      ['redis', { x: 1900, y: 1100 }],
    ]);
    const frame = map({ project, moves });
    expect(node(frame, 'mysql').position).toEqual({ x: 1900, y: 900 });
    expect(node(frame, 'redis').position).toEqual({ x: 1900, y: 1100 });
    expect(node(frame, 'nextauth')).toBe(node(start, 'nextauth'));
    for (const id of ['nextauth-to-mysql', 'nextauth-to-redis']) {
      expect(edge(frame, id)).not.toBe(edge(start, id));
      expectPathToPort(frame, project, edge(frame, id));
      expectLabelOnEdge(frame, project, edge(frame, id));
    }
    expect(edge(frame, 'nextauth-to-fcm')).toBe(edge(start, 'nextauth-to-fcm'));
    const moved = withPositions(project, moves);
    const end = map({ project: moved });
    expect(strip(end)).toEqual(strip(projectToFlow(moved)));
  });

  it('a drag that ends without a move (cancelled) shows the document as it was', () => {
    const map = createFlowMapper();
    const project = template('manual');
    const start = map({ project });
    map({ project, moves: new Map([['mysql', { x: 100, y: 100 }]]) });
    const after = map({ project });
    expect(strip(after)).toEqual(strip(start));
    expect(node(after, 'nextauth')).toBe(node(start, 'nextauth'));
  });

  it('keeps following the drag when the selection changes during it', () => {
    const map = createFlowMapper();
    const project = template('manual');
    map({ project });
    const moves = new Map([['redis', { x: 1900, y: 600 }]]);
    map({ project, moves });
    const selection = { ...NO_SELECTION, components: ['redis'] };
    const frame = map({ project, selection, moves });
    expect(node(frame, 'redis')).toMatchObject({ position: { x: 1900, y: 600 }, selected: true });
    expectPathToPort(frame, project, edge(frame, 'nextauth-to-redis'));
  });

  // Label rows keep their order for the whole drag (drag.ts redoes only what moved), so an edge
  // that touches no moved node keeps its path and its label together.
  it('keeps every label on its own edge during a drag that reorders the edges into a port', () => {
    const map = createFlowMapper();
    const project = template('manual');
    const start = map({ project });
    const admin = componentOf(project, 'admin').position;
    const frame = map({ project, moves: new Map([['mobile-app', { x: admin.x, y: admin.y + 160 }]]) });
    for (const e of drawnEdges(frame)) expectLabelOnEdge(frame, project, e);
    // admin → nginx touches no moved node: it keeps its path, and so its label.
    expect(labelOf(frame, 'admin-to-proxy')).toBe(labelOf(start, 'admin-to-proxy'));
  });
});
