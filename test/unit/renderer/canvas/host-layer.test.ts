/**
 * The canvas's side of host regions: the colours in canvas.css are the picture's (theme.ts), the
 * mapper hands the layer regions only for a project with hosts and the same array across drag
 * frames (no per-frame work), recomputed when the document changes; and the palette's Host entry
 * adds a host and shows the project inspector.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagramOf } from '../../../../shared/diagram/diagram';
import { hostRegions } from '../../../../shared/diagram/hosts';
import { PALETTES } from '../../../../shared/render/theme';
import { hostsFor } from '../../../../renderer/src/canvas/host-regions';
import { createFlowMapper } from '../../../../renderer/src/flow';
import { addHostFromPalette, hostEntryMatches } from '../../../../renderer/src/palette/HostEntry';
import { filterKinds } from '../../../../renderer/src/palette/Palette';
import { createEditorStore } from '../../../../renderer/src/store/editor';
import { haOnThreeHosts } from '../../../support/host-projects';
import { template } from '../../../support/fixtures';
import { onHosts } from '../../../support/hosts';

const css = readFileSync('renderer/src/canvas/canvas.css', 'utf8');

/** `--host-i` in the light `:root` block, or in the dark one. */
function hostVariables(theme: 'light' | 'dark'): string[] {
  const dark = css.indexOf('@media (prefers-color-scheme: dark) {\n  :root {');
  expect(dark).toBeGreaterThan(0);
  const light = css.lastIndexOf(':root {', dark);
  const block = theme === 'dark' ? css.slice(dark, css.indexOf('\n}\n', dark)) : css.slice(light, dark);
  return [...block.matchAll(/--host-(\d): (#[0-9a-f]{6});/g)].map((m) => m[2]!);
}

describe('host colours', () => {
  it.each(['light', 'dark'] as const)('are the picture’s in canvas.css (%s)', (theme) => {
    expect(hostVariables(theme)).toEqual([...PALETTES[theme].hosts]);
  });

  it('differ from every zone and category colour', () => {
    for (const theme of ['light', 'dark'] as const) {
      const p = PALETTES[theme];
      const others = new Set([...Object.values(p.zone), ...Object.values(p.category)]);
      for (const h of p.hosts) expect(others.has(h), h).toBe(false);
      expect(new Set(p.hosts).size).toBe(p.hosts.length);
    }
  });
});

describe('hostsFor', () => {
  it('is undefined for a project without hosts', () => {
    const p = template('ha');
    expect(hostsFor(p, diagramOf(p))).toBeUndefined();
  });

  it('is the same array for the same document and diagram, and new when the document changes', () => {
    const p = haOnThreeHosts();
    const d = diagramOf(p);
    const first = hostsFor(p, d)!;
    expect(first).toEqual(hostRegions(p, d));
    expect(hostsFor(p, d)).toBe(first);
    // Nothing moves when mgmt goes to another host, so the mapper may keep the diagram: the regions still change.
    const moved = onHosts(p, 'mgmt', 'app-3');
    const again = hostsFor(moved, d)!;
    expect(again).not.toBe(first);
    expect(again.find((h) => h.host === 'app-3')!.groups.flatMap((g) => g.members)).toContain('mgmt');
  });
});

describe('the flow mapper', () => {
  it('hands no regions for a project without hosts', () => {
    const map = createFlowMapper();
    expect(map({ project: template('ha') }).hosts).toBeUndefined();
  });

  it('hands the same regions on every drag frame, and new ones after the drop', () => {
    const map = createFlowMapper();
    const p = haOnThreeHosts();
    const still = map({ project: p }).hosts!;
    expect(still.length).toBe(3);
    const at = p.components.find((c) => c.id === 'mgmt')!.position;
    for (let i = 1; i <= 3; i++) {
      const frame = map({ project: p, moves: new Map([['mgmt', { x: at.x - 40 * i, y: at.y }]]) });
      expect(frame.hosts).toBe(still);
    }
    const dropped = {
      ...p,
      components: p.components.map((c) => (c.id === 'mgmt' ? { ...c, position: { x: at.x - 120, y: at.y } } : c)),
    };
    const after = map({ project: dropped, dropped }).hosts!;
    expect(after).not.toBe(still);
    const group = after.find((h) => h.host === 'app-2')!.groups.find((g) => g.members.includes('mgmt' as never))!;
    expect(group.box.x).toBeLessThan(at.x - 120);
  });
});

describe('the palette’s Host entry', () => {
  it('is found by what a user would type, and not by component words', () => {
    for (const q of ['host', 'HOST', 'machine', 'server', 'vm']) expect(hostEntryMatches(q), q).toBe(true);
    for (const q of ['redis sentinel', 'mysql', 'nextauth']) expect(hostEntryMatches(q), q).toBe(false);
    expect(filterKinds('host machine')).toEqual([]);
  });

  it('adds a host, clears the selection and opens the inspector', () => {
    const store = createEditorStore();
    store.getState().open(template('ha'), null);
    store.getState().select({ components: ['nextauth' as never] });
    store.getState().togglePanel('inspector', false);
    const id = addHostFromPalette(store);
    expect(id).toBe('host-1');
    const s = store.getState();
    expect(s.project!.hosts!.map((h) => h.id)).toEqual(['host-1']);
    expect(s.selection.components).toEqual([]);
    expect(addHostFromPalette(store)).toBe('host-2');
    // One undo step per host.
    store.getState().undo();
    expect(store.getState().project!.hosts!.map((h) => h.id)).toEqual(['host-1']);
  });

  it('does nothing without a document', () => {
    expect(addHostFromPalette(createEditorStore())).toBeUndefined();
  });
});
