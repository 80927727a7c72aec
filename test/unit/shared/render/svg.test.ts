/**
 * The SVG picture (shared/render/svg.ts) against its promises: the canvas's geometry with every
 * component named in full, a title block and a legend that explains only what is drawn, both
 * themes, the overview without port rows, byte-stable output, a viewBox around everything, and
 * the project file inside. (Well-formedness is checked by the real `xmllint` in
 * test/integration/render-svg.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { saveProject } from '../../../../shared/format/index';
import { wrapName } from '../../../../shared/diagram/metrics';
import type { Project } from '../../../../shared/model/types';
import { projectFromSvg } from '../../../../shared/render/svg-embed';
import { pictureDiagram, renderSvg } from '../../../../shared/render/svg';
import { PALETTES } from '../../../../shared/render/theme';
import type { PictureProblem, SvgOptions } from '../../../../shared/render/types';
import { xmlEscape } from '../../../../shared/render/xml';
import { templateProjects } from '../../../support/diagram-projects';
import { patchComponent, patchRoute, template } from '../../../support/fixtures';
import { svgOptions } from '../../../support/picture-fonts';

const render = (project: Project, overrides: Partial<SvgOptions> = {}) =>
  renderSvg(
    project,
    svgOptions({
      title: {
        name: project.meta.name,
        description: project.meta.description,
        date: '2026-12-05',
        revision: '3fa9c21',
      },
      embeddedProject: saveProject(project),
      ...overrides,
    }),
  );

/** `toContain` without printing a whole picture when it fails. */
function has(svg: string, needle: string): void {
  expect(svg.includes(needle), `the picture contains ${JSON.stringify(needle)}`).toBe(true);
}
function hasNot(svg: string, needle: string): void {
  expect(svg.includes(needle), `the picture does not contain ${JSON.stringify(needle)}`).toBe(false);
}

const count = (svg: string, needle: string): number => svg.split(needle).length - 1;

/** The kinds of the legend's entries, in order (`zone-dmz` for a zone colour). */
const legend = (svg: string): string[] =>
  [...svg.matchAll(/class="pl-legend-item pl-legend-item--([a-z-]+)"/g)].map((m) => m[1]!);

function size(svg: string): { w: number; h: number; viewBox: number[] } {
  const root = /<svg [^>]*>/.exec(svg)![0];
  return {
    w: Number(/ width="(\d+)"/.exec(root)![1]),
    h: Number(/ height="(\d+)"/.exec(root)![1]),
    viewBox: / viewBox="([^"]+)"/.exec(root)![1]!.split(' ').map(Number),
  };
}

const templates = templateProjects();

describe('renderSvg: the three templates', () => {
  describe.each(templates)('$name', ({ project }) => {
    it.each(['light', 'dark'] as const)('draws every component by its full name (%s)', (theme) => {
      const svg = render(project, { theme });
      expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
        true,
      );
      hasNot(svg, 'foreignObject');
      for (const c of project.components) {
        const lines = wrapName(c.name);
        // Full names: two lines at most hold every template name, without an ellipsis.
        expect(lines.join(' ')).toBe(c.name);
        for (const line of lines) has(svg, `>${xmlEscape(line)}</text>`);
        has(svg, `<title>${xmlEscape(c.name)} — `);
      }
      expect(count(svg, 'class="pl-node"')).toBe(project.components.length);
      has(svg, `<title>${xmlEscape(project.meta.name)}</title>`);
      has(svg, `fill="${PALETTES[theme].bg}"`);
    });

    it('embeds the fonts and the project file', () => {
      const svg = render(project);
      expect(count(svg, '@font-face{')).toBe(4);
      has(svg, "font-family:'JetBrains Mono';font-style:normal;font-weight:600;src:url(data:font/woff2;base64,");
      expect(projectFromSvg(svg)).toBe(saveProject(project));
    });

    it('has a title block with the name, description, date and revision', () => {
      const svg = render(project, {
        title: {
          name: project.meta.name,
          description: project.meta.description,
          date: '2026-12-05',
          revision: '9c0ffee',
        },
      });
      expect(svg).toMatch(new RegExp(`class="pl-title"[^>]*>${project.meta.name}</text>`));
      expect(count(svg, 'class="pl-description"')).toBeGreaterThanOrEqual(1);
      has(svg, '>2026-12-05</text>');
      has(svg, '>9c0ffee</text>');
    });

    it('puts the whole diagram, the title block and the legend inside the viewBox', () => {
      for (const view of ['full', 'overview'] as const) {
        const svg = render(project, { view });
        const { w, h, viewBox } = size(svg);
        expect(viewBox).toEqual([0, 0, w, h]);
        const b = pictureDiagram(project, { view }).bounds;
        const [, dx, dy] = /class="pl-diagram" transform="translate\(([-\d.]+) ([-\d.]+)\)"/.exec(svg)!.map(Number);
        expect(dx! + b.x).toBeGreaterThanOrEqual(32);
        expect(dx! + b.x + b.w).toBeLessThanOrEqual(w - 32);
        expect(dy! + b.y).toBeGreaterThan(32);
        expect(dy! + b.y + b.h).toBeLessThan(h - 32);
        expect(Number.isInteger(w) && Number.isInteger(h)).toBe(true);
      }
    });

    it('draws the overview without port rows and without link labels', () => {
      const full = render(project, { view: 'full' });
      const overview = render(project, { view: 'overview' });
      const ports = pictureDiagram(project, { view: 'full' }).nodes.reduce((n, node) => n + node.ports.length, 0);
      expect(ports).toBeGreaterThan(0);
      expect(count(full, 'class="pl-port"')).toBe(ports);
      expect(count(overview, 'class="pl-port"')).toBe(0);
      expect(count(full, 'class="pl-label pl-label--link"')).toBe(project.links.length);
      expect(count(overview, 'class="pl-label pl-label--link"')).toBe(0);
      // Public URLs keep their labels; links are still drawn.
      expect(count(overview, 'class="pl-label pl-label--route"')).toBe(project.routes.length);
      expect(count(overview, 'class="pl-edge pl-edge--link"')).toBe(project.links.length);
      for (const r of project.routes) has(overview, `https://${r.host}/`.replace('https', r.scheme));
      for (const c of project.components) has(overview, `<title>${xmlEscape(c.name)} — `);
    });
  });
});

describe('renderSvg is byte-stable', () => {
  const project = template('ha');
  const problems: PictureProblem[] = [
    { element: 'nextauth', severity: 'error' },
    { element: 'proxy', severity: 'warning' },
    { element: project.routes[0]!.id, severity: 'warning' },
  ];

  it('gives the same bytes for the same input, whatever the object identity or problem order', () => {
    const a = render(project, { problems, theme: 'dark' });
    expect(render(project, { problems, theme: 'dark' })).toBe(a);
    expect(render(structuredClone(project), { problems: [...problems].reverse(), theme: 'dark' })).toBe(a);
  });

  it('writes no random ids and no date but the title block’s', () => {
    const svg = render(project);
    expect(svg).not.toMatch(/\bid="/);
    expect(svg.match(/\d{4}-\d{2}-\d{2}/g)).toEqual(['2026-12-05']);
    // Coordinates are rounded to 1/100 px and never written as -0 or with an exponent (the
    // icon's constant scale, 18/16, is written in full).
    expect(svg.replace(/base64,[^)]*/g, '').replace(/ scale\(1\.125\)/g, '')).not.toMatch(
      /\d\.\d{3}|[^\w.-]-0[^.\d]|\de[+-]\d/,
    );
  });

  it('changes when the project changes', () => {
    const moved = patchComponent(project, 'nextauth', { position: { x: 820, y: 250 } });
    expect(render(moved)).not.toBe(render(project));
  });
});

describe('the legend explains only what appears', () => {
  const manual = template('manual');

  it('lists the line styles, zone colours and TLS points of the manual template', () => {
    expect(legend(render(manual))).toEqual(['link', 'route', 'zone-internet', 'zone-dmz', 'zone-internal', 'tls']);
    // The overview's links carry no label, so the legend does not promise one.
    has(render(manual, { view: 'overview' }), '>Connection</text>');
    has(render(manual), '>Connection (protocol and port)</text>');
  });

  it('adds replica stacks and the host zone only where the drawing has them', () => {
    expect(legend(render(template('ha')))).toEqual([
      'link',
      'route',
      'zone-internet',
      'zone-dmz',
      'zone-internal',
      'zone-host',
      'replicas',
      'tls',
    ]);
    const replicated = patchComponent(manual, 'nextauth', { replicas: 2 });
    expect(legend(render(replicated))).toContain('replicas');
  });

  it('drops what is not drawn: no routes, no TLS, no zones', () => {
    const plain: Project = {
      ...manual,
      routes: [],
      zones: [],
      components: manual.components.map(({ zone: _zone, ...c }) => c),
    };
    expect(legend(render(plain))).toEqual(['link']);
    const noTls = manual.routes.reduce(
      (p, r) => patchRoute(p, r.id, { scheme: r.scheme === 'wss' ? 'ws' : 'http' }),
      manual,
    );
    expect(legend(render(noTls))).not.toContain('tls');
    hasNot(render(noTls), 'class="pl-tls"');
    const empty: Project = { ...manual, components: [], links: [], routes: [], zones: [] };
    expect(legend(render(empty))).toEqual([]);
    hasNot(render(empty), 'pl-legend');
  });

  it('shows problem badges only when problems are given, and only the severities drawn', () => {
    expect(legend(render(manual))).not.toContain('error');
    const warnings = render(manual, { problems: [{ element: 'proxy', severity: 'warning' }] });
    expect(legend(warnings)).toContain('warning');
    expect(legend(warnings)).not.toContain('error');
    expect(count(warnings, 'class="pl-badge pl-badge--warning"')).toBe(2); // the node's and the legend's
    // Infos get no badge on the canvas, so none here and no legend entry.
    const infos = render(manual, { problems: [{ element: 'proxy', severity: 'info' }] });
    hasNot(infos, 'pl-badge');
    // A problem on an element not drawn (a link label in the overview) adds nothing.
    const link = manual.links[0]!.id;
    const overview = render(manual, { view: 'overview', problems: [{ element: link, severity: 'error' }] });
    expect(legend(overview)).not.toContain('error');
    expect(count(render(manual, { problems: [{ element: link, severity: 'error' }] }), 'pl-badge--error')).toBe(2);
  });
});

describe('problems and presentation', () => {
  const manual = template('manual');

  it('colours an edge with problems and badges its label, node and zone', () => {
    const route = manual.routes[0]!;
    const svg = render(manual, {
      problems: [
        { element: route.id, severity: 'error' },
        { element: 'nextauth', severity: 'error' },
        { element: 'nextauth', severity: 'error' },
        { element: 'dmz', severity: 'warning' },
      ],
    });
    has(svg, `stroke="${PALETTES.light.error}" stroke-width="1.5" stroke-dasharray="6 4"`);
    expect(count(svg, 'class="pl-badge pl-badge--error"')).toBe(3); // route label, nextauth, legend
    expect(svg).toMatch(/pl-badge--error">.*?>2<\/text>/);
    expect(count(svg, 'class="pl-badge pl-badge--warning"')).toBe(2); // zone title, legend
  });

  it('emphasises the highlighted flow, dims the rest and marks only its TLS ends', () => {
    const route = manual.routes[0]!;
    const svg = render(manual, {
      highlight: {
        nodes: ['mobile-app', 'proxy', 'nextauth'],
        edges: [manual.links[0]!.id, `route:${route.id}`],
        tlsEnds: ['proxy'],
        caption: 'Mobile login <&> "wss"',
      },
    });
    const dimmedNodes = count(svg, 'class="pl-node" opacity="0.28"');
    expect(dimmedNodes).toBe(manual.components.length - 3);
    expect(count(svg, 'class="pl-edge pl-edge--route" opacity="0.28"')).toBe(manual.routes.length - 1);
    expect(count(svg, 'class="pl-tls"')).toBe(2); // the proxy's and the legend's
    has(svg, '>Mobile login &lt;&amp;&gt; &quot;wss&quot;</text>');
    expect(legend(svg)).toContain('highlight');
    // The route's own id is accepted too.
    const byRouteId = render(manual, { highlight: { nodes: [], edges: [route.id], tlsEnds: [] } });
    expect(count(byRouteId, 'class="pl-edge pl-edge--route" opacity="0.28"')).toBe(manual.routes.length - 1);
  });
});

describe('fonts', () => {
  it('refuses font data that is not base64 (it would break out of the style sheet)', () => {
    const bad = svgOptions({
      fonts: [{ family: 'Inter', weight: 400, woff2Base64: "AAAA') format('woff2')}</style>" }],
    });
    expect(() => renderSvg(template('manual'), bad)).toThrow(/not base64/);
  });

  it('draws without fonts too (then the viewer’s own faces)', () => {
    const svg = renderSvg(template('manual'), svgOptions({ fonts: [] }));
    hasNot(svg, '<style>');
    has(svg, 'class="pl-node"');
  });
});
