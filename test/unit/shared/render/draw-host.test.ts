/**
 * Host regions in the SVG picture (shared/render/draw-host.ts via renderSvg): drawn only for a
 * project that declares hosts, one group per host with its outline and chip, between the zones
 * and the edges, the legend's "Host" entry only then, the redacted name in a redacted picture,
 * and hostile names escaped. (Well-formedness by libxml2: test/integration/host-picture.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { saveProject } from '../../../../shared/format/index';
import type { Project } from '../../../../shared/model/types';
import { hostOutlinePath } from '../../../../shared/render/draw-host';
import { renderPicture } from '../../../../shared/render/picture';
import { renderSvg } from '../../../../shared/render/svg';
import { PALETTES } from '../../../../shared/render/theme';
import { templateProjects } from '../../../support/diagram-projects';
import { HA_HOSTS, arranged, haOnThreeHosts } from '../../../support/host-projects';
import { svgOptions } from '../../../support/picture-fonts';

const render = (p: Project, theme: 'light' | 'dark' = 'light') => renderSvg(p, svgOptions({ theme, fonts: [] }));
const legend = (svg: string): string[] =>
  [...svg.matchAll(/class="pl-legend-item pl-legend-item--([a-z-]+)"/g)].map((m) => m[1]!);
const hostGroups = (svg: string) => [...svg.matchAll(/<g class="pl-host pl-host--(\d)" data-host="([^"]+)">/g)];

describe('host regions in the picture', () => {
  it('are absent, and not in the legend, for a project without hosts', () => {
    const p = arranged(templateProjects().find((t) => t.name === 'ha')!.project);
    const svg = render(p);
    expect(svg).not.toContain('pl-host');
    expect(legend(svg)).not.toContain('host');
  });

  it.each(['light', 'dark'] as const)('draw each host once, coloured, named, explained (%s)', (theme) => {
    const svg = render(haOnThreeHosts(), theme);
    expect(hostGroups(svg).map((m) => [m[1], m[2]])).toEqual([
      ['0', 'app-1'],
      ['1', 'app-2'],
      ['2', 'app-3'],
    ]);
    for (const name of HA_HOSTS) expect(svg).toContain(`>${name}</text>`);
    for (const colour of PALETTES[theme].hosts.slice(0, 3)) expect(svg).toContain(`stroke="${colour}"`);
    expect(legend(svg)).toContain('host');
    expect(svg).toContain('>Host (where containers run)</text>');
    // Above the zones, below the edges and nodes.
    const at = (needle: string) => svg.indexOf(needle);
    expect(at('class="pl-zone ')).toBeLessThan(at('class="pl-host '));
    expect(at('class="pl-host ')).toBeLessThan(at('class="pl-edge'));
  });

  it('shows the redacted name, never the real one, in a redacted picture', () => {
    let p = haOnThreeHosts();
    p = { ...p, hosts: p.hosts!.map((h, i) => ({ ...h, name: `customer-dc${i}.acme.internal` })) };
    const { svg, content } = renderPicture(saveProject(p), p, {
      theme: 'light',
      view: 'full',
      redact: true,
      date: '2026-12-05',
      fonts: [],
    });
    const hostText = [...svg.matchAll(/<g class="pl-host__chip">.*?<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(svg).not.toContain('acme');
    const redacted = content.project.hosts!.map((h) => h.name);
    for (const name of redacted) expect(name).not.toContain('acme');
    for (const text of hostText) expect(redacted).toContain(text);
    expect(hostText.length).toBeGreaterThan(0);
  });

  it('escapes a hostile host name', () => {
    let p = haOnThreeHosts();
    p = { ...p, hosts: p.hosts!.map((h) => ({ ...h, name: `<x a="1">&\u202e` })) };
    const svg = render(p);
    expect(svg).not.toContain('<x a=');
    expect(svg).toContain('&lt;x a=&quot;1&quot;&gt;&amp;');
    expect(svg).not.toContain('\u202e');
  });

  it('is byte-stable', () => {
    const p = haOnThreeHosts();
    expect(render(p)).toBe(render(p));
  });
});

describe('hostOutlinePath', () => {
  it('draws one closed sub-path per loop, with rounded corners', () => {
    const square = [
      { x: 0, y: 0 },
      { x: 40, y: 0 },
      { x: 40, y: 40 },
      { x: 0, y: 40 },
    ];
    const d = hostOutlinePath([square, square.map((p) => ({ x: p.x + 100, y: p.y }))]);
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/Z/g)).toHaveLength(2);
    expect(d.match(/Q/g)).toHaveLength(8);
    expect(hostOutlinePath([])).toBe('');
  });
});
