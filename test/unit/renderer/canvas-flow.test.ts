import { describe, expect, it } from 'vitest';
import { addRoute, moveComponents, type Project, type RouteId } from '../../../shared/model/index';
import { checkProject, type Diagnostic } from '../../../shared/rules/index';
import { intersects, nodeHeight, OUT_Y, portY, type Box } from '../../../renderer/src/canvas/geometry';
import { unionLoops } from '../../../renderer/src/canvas/outline';
import { zoneAreas } from '../../../renderer/src/canvas/zones';
import {
  componentBox,
  createFlowMapper,
  projectToFlow,
  type ComponentNode,
  type FlowGraph,
  type PortEdge,
  type ZoneNode,
} from '../../../renderer/src/flow';
import { NO_SELECTION } from '../../../renderer/src/store/editor';
import { cid, patchComponent, template } from '../../support/fixtures';

const TEMPLATE_IDS = ['default', 'manual', 'ha'] as const;

const components = (g: FlowGraph) => g.nodes.filter((n): n is ComponentNode => n.type === 'component');
const zones = (g: FlowGraph) => g.nodes.filter((n): n is ZoneNode => n.type === 'zone');
const node = (g: FlowGraph, id: string) => components(g).find((n) => n.id === id)!;
const edge = (g: FlowGraph, id: string) => g.edges.find((e) => e.id === id)!;
const labelOf = (g: FlowGraph, id: string) => g.labels.find((l) => l.id === id);
const labelBox = (l: FlowGraph['labels'][number]): Box => ({ x: l.x - l.w / 2, y: l.y - l.h / 2, w: l.w, h: l.h });
const withoutRoute = (p: Project, id: string): Project => ({ ...p, routes: p.routes.filter((r) => r.id !== id) });
const zoneBox = (z: ZoneNode): Box => ({
  x: z.position.x,
  y: z.position.y,
  w: z.measured!.width!,
  h: z.measured!.height!,
});
const contains = (outer: Box, inner: Box) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.w <= outer.x + outer.w &&
  inner.y + inner.h <= outer.y + outer.h;
/** What a graph shows, without React Flow's bookkeeping. */
const strip = (graph: FlowGraph) => ({
  nodes: graph.nodes.map((n) => ({ id: n.id, position: n.position, data: n.data })),
  edges: graph.edges.map((e: PortEdge) => ({ id: e.id, sourceHandle: e.sourceHandle, data: e.data })),
  labels: graph.labels,
});

describe('canvas nodes', () => {
  it('has one component node per component, at its position, with name, kind and replicas', () => {
    const project = template('ha');
    const g = projectToFlow(project);
    expect(components(g).map((n) => n.id)).toEqual(project.components.map((c) => c.id));
    const nextauth = node(g, 'nextauth');
    expect(nextauth.position).toEqual(project.components.find((c) => c.id === 'nextauth')!.position);
    expect(nextauth.data).toMatchObject({
      name: 'nextauth',
      kindLabel: 'nextAuth server',
      category: 'nextauth',
      replicas: 3,
    });
    expect(node(g, 'lb').data.detail).toBe('Reverse proxy · HAProxy');
  });

  it('declares one target handle per catalog port (left, labelled number and protocol) and one source handle', () => {
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
    const out = nextauth.handles!.filter((h) => h.type === 'source' && h.id === 'out');
    expect(out).toHaveLength(1);
    expect(out[0]!.position).toBe('right');
    expect(out[0]!.y + out[0]!.height! / 2).toBe(OUT_Y);
    // The node is sized for its ports, and React Flow needs no DOM measurement for it.
    expect(nextauth.height).toBe(nodeHeight(3));
    expect(nextauth.measured).toEqual({ width: nextauth.width, height: nextauth.height });
    // Clients have no ports: only the outgoing handle (and hidden routing handles).
    expect(node(g, 'mobile-app').data.ports).toEqual([]);
    expect(node(g, 'mobile-app').handles!.filter((h) => h.id!.startsWith('port:'))).toEqual([]);
  });

  it('shows the component’s own port numbers: flavour and overrides', () => {
    let project = patchComponent(template('manual'), 'mysql', { flavour: 'postgres' });
    project = patchComponent(project, 'nextauth', { portOverrides: { mobile: 8890 } });
    const g = projectToFlow(project);
    expect(node(g, 'mysql').data.ports.map((p) => `${p.number} ${p.protocol}`)).toEqual(['5432 postgres']);
    expect(node(g, 'nextauth').data.ports[2]).toMatchObject({ name: 'mobile', number: 8890, label: 'Mobile API' });
  });
});

describe('canvas edges', () => {
  it('draws each link to its target port, labelled with protocol and port number (once per port)', () => {
    const project = template('manual');
    const g = projectToFlow(project);
    for (const link of project.links) {
      const e = edge(g, link.id);
      expect(e.source).toBe(link.from);
      expect(e.target).toBe(link.to);
      expect(e.targetHandle).toBe(`port:${link.port}`);
      expect(e.data!.variant).toBe('link');
    }
    expect(labelOf(g, 'nextauth-to-mysql')!.lines).toEqual(['mysql 3306']);
    expect(labelOf(g, 'nextauth-to-redis')!.lines).toEqual(['redis 6379']);
    // Two clients reach the proxy's https port: one label for the port.
    expect(labelOf(g, 'mobile-to-proxy')!.lines).toEqual(['https 443']);
    expect(labelOf(g, 'admin-to-proxy')).toBeUndefined();
  });

  it('leaves forward edges on the right and edges to a node not to the right on the left', () => {
    const g = projectToFlow(template('manual'));
    expect(edge(g, 'nextauth-to-mysql').sourceHandle).toBe('out');
    // mgmt sits under nextauth: the edge leaves mgmt on the left and loops into the rest port.
    expect(edge(g, 'mgmt-to-nextauth').sourceHandle).toBe('out-left');
    expect(edge(g, 'mgmt-to-nextauth').targetHandle).toBe('port:rest');
  });

  it('draws routes as dashed edges from the entry point to the target port, one label per pair listing the URLs', () => {
    const g = projectToFlow(template('manual'));
    const routeEdges = g.edges.filter((e) => e.data!.variant === 'route');
    expect(routeEdges.map((e) => e.id).sort()).toEqual(
      [
        'route:proxy:mgmt:accounts',
        'route:proxy:mgmt:dashboard',
        'route:proxy:mgmt:idp',
        'route:proxy:nextauth:mobile',
        'route:proxy:nextauth:ws',
      ].sort(),
    );
    const ws = edge(g, 'route:proxy:nextauth:ws');
    expect(ws).toMatchObject({ source: 'proxy', target: 'nextauth', sourceHandle: 'out', targetHandle: 'port:ws' });
    expect(ws.className).toContain('pl-edge--route');
    expect(ws.data!.routes).toEqual(['ws']);
    // nextauth's pair: the label sits on one of its edges and lists both URLs in port order.
    const pair = g.labels.filter((l) => l.id.startsWith('route:proxy:nextauth:'));
    expect(pair).toHaveLength(1);
    expect(pair[0]!.lines).toEqual(['wss://auth.example.com/', 'https://mobile.auth.example.com/']);
    expect([...pair[0]!.group].sort()).toEqual(['route:proxy:nextauth:mobile', 'route:proxy:nextauth:ws']);
    const mgmt = g.labels.filter((l) => l.id.startsWith('route:proxy:mgmt:'));
    expect(mgmt.map((l) => l.lines)).toEqual([
      ['https://dashboard.auth.example.com/', 'https://accounts.auth.example.com/', 'https://idp.auth.example.com/'],
    ]);
  });

  it('groups routes to the same port into one edge, and shortens long URL lists', () => {
    let project = template('manual');
    const extra = (host: string, path = '/', publicPort?: number) =>
      (project = addRoute(project, {
        via: cid('proxy'),
        scheme: 'https',
        host,
        path,
        target: cid('mgmt'),
        port: 'dashboard',
        tls: { terminate: true, reencrypt: false },
        ...(publicPort === undefined ? {} : { publicPort }),
      }).project);
    extra('admin.example.com', '/console', 8443);
    extra('ops.example.com');
    const g = projectToFlow(project);
    const dashboard = edge(g, 'route:proxy:mgmt:dashboard');
    expect(dashboard.data!.routes).toHaveLength(3);
    expect(g.edges.filter((e) => e.id === 'route:proxy:mgmt:dashboard')).toHaveLength(1);
    const label = g.labels.find((l) => l.id.startsWith('route:proxy:mgmt:'))!;
    expect(label.lines).toHaveLength(4);
    expect(label.lines[1]).toBe('https://admin.example.com:8443/console');
    expect(label.lines[3]).toBe('+2 more');
    expect(label.title).toContain('https://idp.auth.example.com');
  });
});

describe('canvas zones', () => {
  it.each(TEMPLATE_IDS)('%s: draws each zone as labelled background areas around its members only', (id) => {
    const project = template(id);
    const g = projectToFlow(project);
    const areas = zoneAreas(project, componentBox);
    const boxes = new Map(project.components.map((c) => [c.id as string, componentBox(c)]));
    for (const area of areas) {
      for (const member of area.members) {
        const box = boxes.get(member)!;
        expect(
          area.rects.some(
            (r) => r.x <= box.x && r.y <= box.y && r.x + r.w >= box.x + box.w && r.y + r.h >= box.y + box.h,
          ),
        ).toBe(true);
      }
      // No foreign component inside an area.
      for (const c of project.components) {
        if (c.zone === area.zone) continue;
        expect(
          area.rects.some((r) => intersects(r, boxes.get(c.id)!)),
          `${c.id} inside ${area.id}`,
        ).toBe(false);
      }
    }
    // Every zone with members is drawn; areas of different zones do not overlap.
    const withMembers = new Set(project.components.map((c) => c.zone));
    for (const zone of project.zones) expect(areas.some((a) => a.zone === zone.id)).toBe(withMembers.has(zone.id));
    for (const a of areas)
      for (const b of areas)
        if (a.zone !== b.zone)
          for (const r of a.rects)
            expect(
              b.rects.some((s) => intersects(r, s)),
              `${a.id} / ${b.id}`,
            ).toBe(false);
    // As React Flow nodes: background, below components, not interactive, labelled.
    const zoneNodes = zones(g);
    expect(zoneNodes).toHaveLength(areas.length);
    for (const z of zoneNodes) {
      expect(z).toMatchObject({
        zIndex: -1,
        selectable: false,
        draggable: false,
        connectable: false,
        deletable: false,
      });
      expect(z.data.outline).toMatch(/^M/);
      expect(project.zones.map((x) => x.name)).toContain(z.data.name);
    }
    const kinds = g.nodes.map((n) => n.type);
    expect(kinds.indexOf('component')).toBeGreaterThan(kinds.lastIndexOf('zone'));
  });

  it('splits a zone whose members are separated by other zones into separate areas', () => {
    // The internet holds the clients (left) and the external services (right), with the
    // proxy and the compose network between them.
    const areas = zoneAreas(template('manual'), componentBox).filter((a) => a.zone === 'internet');
    expect(areas.map((a) => [...a.members].sort())).toEqual(
      expect.arrayContaining([
        ['admin', 'mobile-app'],
        ['apns', 'fcm', 'license'],
      ]),
    );
  });

  it('outlines a union of rectangles as loops, holes included', () => {
    expect(unionLoops([{ x: 0, y: 0, w: 10, h: 10 }])).toEqual([
      [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
        { x: 0, y: 10 },
      ],
    ]);
    const ring = unionLoops([
      { x: 0, y: 0, w: 30, h: 10 },
      { x: 0, y: 20, w: 30, h: 10 },
      { x: 0, y: 0, w: 10, h: 30 },
      { x: 20, y: 0, w: 10, h: 30 },
    ]);
    expect(ring).toHaveLength(2);
    expect(
      unionLoops([
        { x: 0, y: 0, w: 10, h: 10 },
        { x: 5, y: 5, w: 10, h: 10 },
      ])[0],
    ).toHaveLength(8);
  });
});

describe('diagnostics badges', () => {
  it('counts errors and warnings on the nodes and edges a diagnostic names, red and amber', () => {
    const project = withoutRoute(template('manual'), 'ws');
    const diagnostics = checkProject(project);
    const g = projectToFlow(project, diagnostics);
    const active = diagnostics.filter((d) => !d.suppressed);
    for (const c of project.components) {
      const involved = active.filter((d) => d.elements.some((e) => e.type === 'component' && e.id === c.id));
      expect(node(g, c.id).data.errors).toBe(involved.filter((d) => d.severity === 'error').length);
      expect(node(g, c.id).data.warnings).toBe(involved.filter((d) => d.severity === 'warning').length);
    }
    const na010 = diagnostics.find((d) => d.rule === 'NA010')!;
    const badged = na010.elements.find((e) => e.type === 'component')!;
    expect(node(g, badged.id).data.errors).toBeGreaterThan(0);
    expect(node(g, badged.id).ariaLabel).toMatch(/\d+ errors?/);
  });

  it('badges edges and their labels, and colours the edge; suppressed diagnostics do not count', () => {
    const project = template('manual');
    const diagnostics: Diagnostic[] = [
      { rule: 'T1', severity: 'error', message: 'link', elements: [{ type: 'link', id: 'nextauth-to-mysql' }] },
      { rule: 'T2', severity: 'warning', message: 'route', elements: [{ type: 'route', id: 'idp' }] },
      { rule: 'T3', severity: 'warning', message: 'zone', elements: [{ type: 'zone', id: 'dmz' }] },
      {
        rule: 'T4',
        severity: 'error',
        message: 'accepted',
        elements: [{ type: 'link', id: 'nextauth-to-redis' }],
        suppressed: { reason: 'accepted' },
      },
    ];
    const g = projectToFlow(project, diagnostics);
    expect(edge(g, 'nextauth-to-mysql').className).toContain('has-errors');
    expect(labelOf(g, 'nextauth-to-mysql')).toMatchObject({ errors: 1, warnings: 0 });
    expect(edge(g, 'route:proxy:mgmt:idp').className).toContain('has-warnings');
    expect(g.labels.find((l) => l.id.startsWith('route:proxy:mgmt:'))).toMatchObject({ errors: 0, warnings: 1 });
    expect(zones(g).find((z) => z.data.kind === 'dmz')!.data.warnings).toBe(1);
    expect(edge(g, 'nextauth-to-redis').className).not.toContain('has-');
    expect(labelOf(g, 'nextauth-to-redis')).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('shows a badge-only label on an edge without text', () => {
    const diagnostics: Diagnostic[] = [
      { rule: 'T1', severity: 'error', message: 'x', elements: [{ type: 'link', id: 'admin-to-proxy' }] },
    ];
    const g = projectToFlow(template('manual'), diagnostics);
    expect(labelOf(g, 'admin-to-proxy')).toMatchObject({ lines: [], errors: 1 });
  });
});

describe('label placement', () => {
  it.each(TEMPLATE_IDS)('%s: no label overlaps another label or a component', (id) => {
    const project = template(id);
    const g = projectToFlow(project, checkProject(project));
    const boxes = project.components.map(componentBox);
    const labels = g.labels.map(labelBox);
    expect(labels.length).toBeGreaterThan(5);
    labels.forEach((a, i) => {
      for (const b of boxes) expect(intersects(a, b), `${g.labels[i]!.id} covers a component`).toBe(false);
      labels.forEach((b, j) => {
        if (j > i) expect(intersects(a, b), `${g.labels[i]!.id} / ${g.labels[j]!.id}`).toBe(false);
      });
    });
  });
});

describe('memoised mapper', () => {
  it('keeps unchanged nodes and edges (same objects) and replaces what moved', () => {
    const map = createFlowMapper();
    const project = template('manual');
    const diagnostics = checkProject(project);
    const first = map({ project, diagnostics, selection: NO_SELECTION });
    const moved = moveComponents(project, new Map([[cid('redis'), { x: 1200, y: 600 }]]));
    const second = map({ project: moved, diagnostics, selection: NO_SELECTION });
    expect(node(second, 'redis')).not.toBe(node(first, 'redis'));
    expect(node(second, 'redis').position).toEqual({ x: 1200, y: 600 });
    expect(node(second, 'mysql')).toBe(node(first, 'mysql'));
    expect(edge(second, 'mobile-to-proxy')).toBe(edge(first, 'mobile-to-proxy'));
    // Nothing changed: everything is reused.
    const third = map({ project: moved, diagnostics, selection: NO_SELECTION });
    expect(third.nodes.every((n, i) => n === second.nodes[i])).toBe(true);
    expect(third.edges.every((e, i) => e === second.edges[i])).toBe(true);
  });

  it('marks the store selection on nodes, edges and labels', () => {
    const g = projectToFlow(template('manual'), [], {
      components: ['nextauth'],
      links: ['nextauth-to-mysql'],
      routes: ['accounts'],
    });
    expect(node(g, 'nextauth').selected).toBe(true);
    expect(node(g, 'mgmt').selected).toBe(false);
    expect(edge(g, 'nextauth-to-mysql').selected).toBe(true);
    expect(edge(g, 'route:proxy:mgmt:accounts').selected).toBe(true);
    expect(edge(g, 'route:proxy:mgmt:idp').selected).toBe(false);
    expect(labelOf(g, 'nextauth-to-mysql')!.selected).toBe(true);
  });

  it('during a drag updates only what moved, and maps exactly again once the drag ends', () => {
    const map = createFlowMapper();
    const project = template('manual');
    const diagnostics = checkProject(project);
    const selection = { ...NO_SELECTION, components: ['nextauth'] };
    const start = map({ project, diagnostics, selection });
    let at = { x: 0, y: 0 };
    for (let i = 1; i <= 10; i++) {
      at = { x: 640 + i * 8, y: 80 + i * 4 };
      // The document stays as it was; the drag's positions come beside it.
      const frame = map({ project, diagnostics, selection, moves: new Map([['nextauth', at]]) });
      expect(node(frame, 'nextauth').position).toEqual(at);
      expect(node(frame, 'nextauth').data).toBe(node(start, 'nextauth').data);
      // Unaffected parts keep their identity during the drag.
      expect(node(frame, 'redis')).toBe(node(start, 'redis'));
      expect(edge(frame, 'mobile-to-proxy')).toBe(edge(start, 'mobile-to-proxy'));
      expect(labelOf(frame, 'mobile-to-proxy')).toBe(labelOf(start, 'mobile-to-proxy'));
      expect(frame.nodes.map((n) => n.id)).toEqual(start.nodes.map((n) => n.id));
      // The dragged component's zone follows it.
      const box = { ...componentBox(project.components.find((c) => c.id === 'nextauth')!), ...at };
      const area = zones(frame).find((z) => z.id.startsWith('zone:internal:') && contains(zoneBox(z), box));
      expect(area, `an internal zone around nextauth at ${at.x},${at.y}`).toBeDefined();
    }
    const moved = moveComponents(project, new Map([[cid('nextauth'), at]]));
    const end = map({ project: moved, diagnostics, selection });
    const exact = projectToFlow(moved, diagnostics, selection);
    expect(strip(end)).toEqual(strip(exact));
  });

  it('moves several dragged components together, each with its edges', () => {
    const map = createFlowMapper();
    const project = template('manual');
    const start = map({ project });
    const moves = new Map([
      ['mysql', { x: 1400, y: 900 }],
      ['redis', { x: 1400, y: 1100 }],
    ]);
    const frame = map({ project, moves });
    expect(node(frame, 'mysql').position).toEqual({ x: 1400, y: 900 });
    expect(node(frame, 'redis').position).toEqual({ x: 1400, y: 1100 });
    expect(node(frame, 'nextauth')).toBe(node(start, 'nextauth'));
    const end = map({ project: moveComponents(project, new Map([...moves].map(([id, at]) => [cid(id), at]))) });
    expect(node(end, 'mysql').position).toEqual({ x: 1400, y: 900 });
  });

  it('hands React Flow the same arrays and labels when a change leaves them as they were', () => {
    const map = createFlowMapper();
    const project = template('manual');
    const first = map({ project });
    // Selecting a component changes its node only; edges and labels stay the same objects.
    const second = map({ project, selection: { ...NO_SELECTION, components: ['redis'] } });
    expect(second.edges).toBe(first.edges);
    expect(second.labels).toBe(first.labels);
    expect(second.nodes).not.toBe(first.nodes);
    expect(node(second, 'mysql')).toBe(node(first, 'mysql'));
    // Moving a component re-places labels; those that land where they were keep their object.
    const moved = map({ project: moveComponents(project, new Map([[cid('redis'), { x: 1400, y: 1200 }]])) });
    const kept = moved.labels.filter((l) => first.labels.includes(l));
    expect(kept.length).toBeGreaterThan(0);
  });

  it('a drag that ends without a move (cancelled) shows the document as it was', () => {
    const map = createFlowMapper();
    const project = template('manual');
    const start = map({ project });
    map({ project, moves: new Map([['mysql', { x: 100, y: 100 }]]) });
    expect(strip(map({ project }))).toEqual(strip(start));
  });

  it('keeps following the drag when the selection changes during it', () => {
    const map = createFlowMapper();
    const project = template('manual');
    map({ project });
    const moves = new Map([['redis', { x: 1200, y: 600 }]]);
    map({ project, moves });
    const selection = { ...NO_SELECTION, components: ['redis'] };
    const frame = map({ project, selection, moves });
    expect(node(frame, 'redis')).toMatchObject({ position: { x: 1200, y: 600 }, selected: true });
  });

  it('places the labels a drag displaces so they cover neither the dragged node nor each other', () => {
    const map = createFlowMapper();
    const project = template('manual');
    map({ project });
    const nextauth = project.components.find((c) => c.id === 'nextauth')!;
    for (let i = 1; i <= 12; i++) {
      const at = { x: nextauth.position.x - i * 12, y: nextauth.position.y + i * 6 };
      const frame = map({ project, moves: new Map([['nextauth', at]]) });
      const box = { ...componentBox(nextauth), ...at };
      const labels = frame.labels.map(labelBox);
      labels.forEach((a, j) => {
        expect(intersects(a, box), `${frame.labels[j]!.id} covers nextauth`).toBe(false);
        labels.forEach((b, k) => {
          if (k > j) expect(intersects(a, b), `${frame.labels[j]!.id} / ${frame.labels[k]!.id}`).toBe(false);
        });
      });
    }
  });

  it('follows route ids to the drawn edge', () => {
    let project = template('manual');
    project = {
      ...project,
      routes: project.routes.map((r) => (r.id === ('idp' as RouteId) ? { ...r, port: 'accounts' } : r)),
    };
    const g = projectToFlow(project);
    expect(edge(g, 'route:proxy:mgmt:accounts').data!.routes).toEqual(['accounts', 'idp']);
    expect(g.edges.some((e) => e.id === 'route:proxy:mgmt:idp')).toBe(false);
  });

  it('maps an empty project to nothing', () => {
    const empty = { ...template('manual'), components: [], links: [], routes: [] };
    expect(projectToFlow(empty)).toEqual({ nodes: [], edges: [], labels: [] });
  });

  it('sizes boxes by ports for every component', () => {
    const project = template('ha');
    const g = projectToFlow(project);
    for (const c of project.components) expect(componentBox(c).h).toBe(nodeHeight(node(g, c.id).data.ports.length));
  });
});
