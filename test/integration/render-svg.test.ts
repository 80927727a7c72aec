/**
 * SVG pictures checked by a real XML parser: libxml2's `xmllint` (Debian libxml2-utils). The three
 * templates in both themes and both views are written to test-results/svg-*.svg (to look at)
 * and must parse; so must pictures of hostile projects, whose embedded project file libxml2 must
 * read back exactly — an independent check of the writer's escaping, beside the writer's own
 * reader (`projectFromSvg`).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { saveProject } from '../../shared/format/index';
import type { Project } from '../../shared/model/types';
import { PORTOLAN_NS, projectFromSvg } from '../../shared/render/svg-embed';
import { renderSvg } from '../../shared/render/svg';
import type { PictureView, SvgOptions } from '../../shared/render/types';
import { arbitraryHostileProject, hostileText } from '../support/arbitraries';
import { PROJECT_ROOT } from '../support/browser';
import { templateProjects } from '../support/diagram-projects';
import { svgOptions } from '../support/picture-fonts';
import { needTool } from '../support/tools';

const xmllint = needTool('xmllint', 'checking SVG pictures with a real XML parser (apt-get install libxml2-utils)');

const RESULTS = join(PROJECT_ROOT, 'test-results');
const work = mkdtempSync(join(tmpdir(), 'portolan-svg-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function lint(files: readonly string[]): { status: number | null; stderr: string } {
  const run = spawnSync('xmllint', ['--noout', '--nonet', ...files], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

/** The embedded project as libxml2 reads it (its XPath string value; xmllint adds a line feed). */
function embeddedByLibxml(file: string): { text: string; encoding: string } {
  const select = `//*[local-name()="project" and namespace-uri()="${PORTOLAN_NS}"]`;
  const run = (xpath: string) => spawnSync('xmllint', ['--nonet', '--xpath', xpath, file], { encoding: 'utf8' });
  const text = run(`string(${select})`);
  const encoding = run(`string(${select}/@encoding)`);
  expect(text.status, text.stderr).toBe(0);
  return { text: text.stdout.replace(/\n$/, ''), encoding: encoding.stdout.replace(/\n$/, '') };
}

const optionsFor = (project: Project, overrides: Partial<SvgOptions> = {}): SvgOptions =>
  svgOptions({
    title: { name: project.meta.name, description: project.meta.description, date: '2026-12-05', revision: '3fa9c21' },
    embeddedProject: saveProject(project),
    ...overrides,
  });

describe.skipIf(xmllint.skip)('SVG pictures parse as XML (xmllint)', () => {
  it('the three templates, light and dark, full and overview (written to test-results/svg-*.svg)', () => {
    mkdirSync(RESULTS, { recursive: true });
    const files: string[] = [];
    for (const { name, project } of templateProjects())
      for (const theme of ['light', 'dark'] as const)
        for (const view of ['full', 'overview'] as const) {
          const file = join(RESULTS, `svg-${name}-${theme}${view === 'overview' ? '-overview' : ''}.svg`);
          const svg = renderSvg(project, optionsFor(project, { theme, view }));
          writeFileSync(file, svg);
          files.push(file);
          expect(embeddedByLibxml(file)).toEqual({ text: saveProject(project), encoding: 'yaml' });
        }
    expect(files).toHaveLength(12);
    const result = lint(files);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('with problems and a highlighted flow', () => {
    const { project } = templateProjects().find((t) => t.name === 'ha')!;
    const file = join(RESULTS, 'svg-ha-light-presentation.svg');
    writeFileSync(
      file,
      renderSvg(
        project,
        optionsFor(project, {
          problems: [
            { element: 'nextauth', severity: 'error' },
            { element: project.routes[0]!.id, severity: 'warning' },
            { element: 'dmz', severity: 'warning' },
          ],
          highlight: {
            nodes: ['mobile-app', 'lb', 'nextauth'],
            edges: [project.links[0]!.id, `route:${project.routes[0]!.id}`],
            tlsEnds: ['lb'],
            caption: 'Mobile login: mobile app → wss://auth.example.com/ → load balancer (TLS ends) → nextauth:8009',
          },
        }),
      ),
    );
    expect(lint([file]).status).toBe(0);
  });

  it('hostile names, descriptions, hosts and environment values: parse, and the project comes back exactly', () => {
    const samples = fc.sample(fc.tuple(arbitraryHostileProject, hostileText, hostileText), { numRuns: 60, seed: 1313 });
    // The samples hold what the test is about: names with markup or control characters.
    expect(
      samples.some(([p]) => p.components.some((c) => [...c.name].some((ch) => ch < ' ' || '<>&"'.includes(ch)))),
    ).toBe(true);
    const files = samples.map(([project, title, caption], i) => {
      const view: PictureView = i % 2 === 0 ? 'full' : 'overview';
      const file = join(work, `hostile-${i}.svg`);
      const svg = renderSvg(
        project,
        optionsFor(project, {
          view,
          theme: i % 3 === 0 ? 'dark' : 'light',
          title: { name: title, description: project.meta.description, date: title, revision: caption },
          problems: project.components.map((c) => ({ element: c.id, severity: 'error' as const })),
          highlight: { nodes: [], edges: project.links.map((l) => l.id), tlsEnds: [], caption },
        }),
      );
      writeFileSync(file, svg);
      expect(projectFromSvg(svg)).toBe(saveProject(project));
      return { file, project };
    });
    const result = lint(files.map((f) => f.file));
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    for (const { file, project } of files) {
      const { text, encoding } = embeddedByLibxml(file);
      expect(encoding === 'yaml' ? text : (JSON.parse(text) as string)).toBe(saveProject(project));
    }
  });

  it('xmllint rejects what is not well-formed (the check can fail)', () => {
    const file = join(work, 'broken.svg');
    const svg = renderSvg(templateProjects()[0]!.project, svgOptions());
    writeFileSync(file, svg.replace('>nextauth</text>', '>next<auth</text>'));
    expect(lint([file]).status).not.toBe(0);
  });
});
