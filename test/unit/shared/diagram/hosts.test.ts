/**
 * Host regions (shared/diagram/hosts.ts): every member inside its host's region, no non-member
 * swallowed by a region of a host it does not run on, nested outlines for a node on several hosts,
 * and chips clear of every node, edge label, zone title and other chip — on the HA template and
 * on generated projects with random hosts (property).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arrange } from '../../../../shared/diagram/arrange';
import { contains, overlapArea } from '../../../../shared/diagram/box';
import { diagramOf } from '../../../../shared/diagram/diagram';
import { HOST_CHIP_MAX_WIDTH, hostRegions } from '../../../../shared/diagram/hosts';
import type { Box, Diagram } from '../../../../shared/diagram/types';
import { componentHostIds, runsOnAHost } from '../../../../shared/model/hosts';
import type { Project } from '../../../../shared/model/types';
import { diagramProject, templateProjects } from '../../../support/diagram-projects';
import { onHosts, withHosts } from '../../../support/hosts';

function arranged(p: Project): Project {
  const moves = arrange(p, { all: true });
  return { ...p, components: p.components.map((c) => ({ ...c, position: moves.get(c.id) ?? c.position })) };
}

const ha = (): Project => arranged(templateProjects().find((t) => t.name === 'ha')!.project);
const area = (b: Box) => b.w * b.h;

/** Everything wrong with the host regions of `d` for `p` (empty: all promises hold). */
function hostProblems(p: Project, d: Diagram): string[] {
  const problems: string[] = [];
  const hosts = d.hosts ?? [];
  const byId = new Map(p.components.map((c) => [c.id, c] as const));
  const chips = hosts.flatMap((h) => h.groups.map((g) => ({ host: h.id, chip: g.chip })));
  const obstacles: [string, Box][] = [
    ...d.nodes.map((n) => [`node ${n.id}`, n.outer] as [string, Box]),
    ...d.edges.map((e) => [`label ${e.id}`, e.label.box] as [string, Box]),
    ...d.zones.map((z) => [`title ${z.id}`, z.title] as [string, Box]),
  ];
  for (const h of hosts) {
    const expected = p.components
      .filter((c) => componentHostIds(p, c).includes(h.host) && runsOnAHost(c))
      .map((c) => c.id)
      .sort();
    const members = h.groups.flatMap((g) => g.members);
    if (JSON.stringify([...members].sort()) !== JSON.stringify(expected)) problems.push(`${h.id}: members ${members}`);
    for (const g of h.groups) {
      g.members.forEach((id, i) => {
        const n = d.nodes.find((x) => x.id === id)!;
        if (!contains(g.rects[i]!, n.outer)) problems.push(`${h.id}: ${id} outside its region`);
      });
      for (const n of d.nodes) {
        if (componentHostIds(p, byId.get(n.id)!).includes(h.host)) continue;
        // Margins may graze a neighbour; a region never takes in (half of) a node not on the host.
        const covered = g.rects.reduce((s, r) => s + overlapArea(r, n.outer), 0);
        if (covered >= area(n.outer) / 2) problems.push(`${h.id}: takes in ${n.id}`);
      }
      for (const [what, b] of obstacles) if (overlapArea(g.chip, b) > 0) problems.push(`${h.id}: chip over ${what}`);
      const outline = g.outline.flat();
      if (outline.length < 4) problems.push(`${h.id}: no outline`);
      const xs = outline.map((q) => q.x);
      const ys = outline.map((q) => q.y);
      const { x, y, w, h: hh } = g.box;
      if (Math.min(...xs) !== x || Math.max(...xs) !== x + w || Math.min(...ys) !== y || Math.max(...ys) !== y + hh)
        problems.push(`${h.id}: outline is not the region's border`);
    }
  }
  for (let i = 0; i < chips.length; i++)
    for (let j = i + 1; j < chips.length; j++)
      if (overlapArea(chips[i]!.chip, chips[j]!.chip) > 0)
        problems.push(`chips of ${chips[i]!.host} and ${chips[j]!.host} overlap`);
  for (const { chip } of chips) if (!contains(d.bounds, chip)) problems.push('chip outside the bounds');
  return problems;
}

describe('host regions', () => {
  it('are absent for a project without hosts (its diagram stays as it was)', () => {
    const p = ha();
    const d = diagramOf(p);
    expect(d.hosts).toBeUndefined();
    expect(Object.keys(d).sort()).toEqual(['bounds', 'edges', 'nodes', 'zones']);
    expect(hostRegions(p, d)).toEqual([]);
  });

  it('draw the HA template on three hosts: each nextauth replica host holds it, chips clear', () => {
    let p = withHosts(ha(), 'alpha', 'beta', 'gamma');
    p = onHosts(p, 'nextauth', 'alpha', 'beta', 'gamma');
    const d = diagramOf(p);
    expect(hostProblems(p, d)).toEqual([]);
    const ids = d.hosts!.map((h) => h.host);
    expect(ids).toEqual(['alpha', 'beta', 'gamma']);
    for (const h of d.hosts!) expect(h.groups.some((g) => g.members.includes('nextauth' as never))).toBe(true);
    // Everything else runs on the first host.
    const others = d.hosts!.slice(1).flatMap((h) => h.groups.flatMap((g) => g.members));
    expect(new Set(others)).toEqual(new Set(['nextauth']));
  });

  it('nest the outlines of a node on several hosts instead of drawing them over each other', () => {
    let p = withHosts(ha(), 'a', 'b', 'c');
    p = onHosts(p, 'nextauth', 'a', 'b', 'c');
    const d = diagramOf(p);
    const rectOf = (host: string) => {
      const g = d.hosts!.find((h) => h.host === host)!.groups.find((x) => x.members.includes('nextauth' as never))!;
      return g.rects[g.members.indexOf('nextauth' as never)]!;
    };
    const [a, b, c] = [rectOf('a'), rectOf('b'), rectOf('c')];
    expect(contains(b, a) && contains(c, b)).toBe(true);
    expect(b.w).toBeGreaterThan(a.w);
    expect(c.w).toBeGreaterThan(b.w);
  });

  it('split a host whose members lie apart into groups, each with its own chip', () => {
    let p = withHosts(ha(), 'main', 'edge');
    // The load balancer (left) and the database side (right) are far apart on one host.
    const far = [...p.components].filter(runsOnAHost).sort((x, y) => x.position.x - y.position.x);
    p = onHosts(p, far[0]!.id, 'edge');
    p = onHosts(p, far[far.length - 1]!.id, 'edge');
    const d = diagramOf(p);
    const edge = d.hosts!.find((h) => h.host === 'edge')!;
    expect(edge.groups.length).toBe(2);
    expect(hostProblems(p, d)).toEqual([]);
  });

  it('keep a hostile (long, control-character) host name to a bounded chip', () => {
    let p = withHosts(ha(), 'h1');
    p = { ...p, hosts: [{ ...p.hosts![0]!, name: `evil\u202e\n${'W'.repeat(300)}` }] };
    const d = diagramOf(p);
    expect(hostProblems(p, d)).toEqual([]);
    for (const g of d.hosts![0]!.groups) expect(g.chip.w).toBeLessThanOrEqual(HOST_CHIP_MAX_WIDTH);
  });

  it('hold on generated projects with random hosts (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 30 }),
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(fc.nat(3), { maxLength: 4 }), { minLength: 40, maxLength: 40 }),
        (n, seed, hostCount, picks) => {
          const names = ['h0', 'h1', 'h2', 'h3'].slice(0, hostCount);
          let p = withHosts(arranged(diagramProject(n, seed)), ...names);
          p.components.filter(runsOnAHost).forEach((c, i) => {
            const on = [...new Set((picks[i % picks.length] ?? []).map((k) => names[k % hostCount]!))];
            if (on.length > 0) p = onHosts(p, c.id, ...on);
          });
          const d = diagramOf(p);
          expect(hostProblems(p, d)).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });
});
