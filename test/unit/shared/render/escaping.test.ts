/**
 * Hostile project text in a picture: names, descriptions, zone names, hosts, environment values and
 * the title block full of markup, quotes, `]]>`, control characters, line breaks and bidi
 * overrides. The picture holds only characters XML allows, every `&` starts a reference, every
 * `<` starts markup the writer made, each name is there (as the canvas shows it), and the project
 * file comes back exactly. (test/integration/render-svg.test.ts parses the same pictures with
 * the real xmllint.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { saveProject } from '../../../../shared/format/index';
import { printable } from '../../../../shared/model/printable';
import type { Project } from '../../../../shared/model/types';
import { projectFromSvg } from '../../../../shared/render/svg-embed';
import { renderSvg } from '../../../../shared/render/svg';
import type { SvgOptions } from '../../../../shared/render/types';
import { xmlEscape } from '../../../../shared/render/xml';
import { arbitraryHostileProject, hostileText } from '../../../support/arbitraries';
import { template } from '../../../support/fixtures';
import { svgOptions } from '../../../support/picture-fonts';

/** Characters XML 1.0 forbids even as references. */
const NOT_XML = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
/** Every tag and reference the writer emits has this shape. */
const MARKUP = /<(?:\/?[a-zA-Z][\w:.-]*(?:\s[^<>]*)?\/?|\?xml [^<>]*\?)>|&(?:amp|lt|gt|quot|apos|#13);/g;

/** Problems with the picture's text, for a property to report (empty when it is sound). */
function markupProblems(svg: string): string[] {
  const problems: string[] = [];
  if (NOT_XML.test(svg)) problems.push('a character XML forbids');
  // Strip the writer's tags and references: no `<`, `>` or `&` may be left in the text.
  const rest = svg.replace(MARKUP, '');
  const stray = /[<>&]/.exec(rest);
  if (stray)
    problems.push(
      `a stray ${stray[0]} near ${JSON.stringify(rest.slice(Math.max(0, stray.index - 40), stray.index + 40))}`,
    );
  // Attribute values never hold a raw quote of their own kind (they are written with ").
  for (const tag of svg.match(/<[a-zA-Z][^<>]*>/g) ?? [])
    if (!/^<[\w:.-]+(?:\s+[\w:.-]+="[^"]*")*\s*\/?>$/.test(tag)) problems.push(`a malformed tag ${tag.slice(0, 80)}`);
  return problems;
}

const hostileOptions = (p: Project, title: string, description: string, caption: string): SvgOptions =>
  svgOptions({
    title: { name: title, description, date: title, revision: description },
    embeddedProject: saveProject(p),
    problems: p.components.map((c) => ({ element: c.id, severity: 'warning' as const })),
    highlight: { nodes: p.components.slice(0, 1).map((c) => c.id), edges: [], tlsEnds: [], caption },
  });

describe('hostile text in a picture', () => {
  it('stays text: XML characters only, markup only from the writer, the project file exact', () => {
    fc.assert(
      fc.property(arbitraryHostileProject, hostileText, hostileText, hostileText, (p, title, description, caption) => {
        for (const view of ['full', 'overview'] as const) {
          const svg = renderSvg(p, { ...hostileOptions(p, title, description, caption), view });
          expect(markupProblems(svg)).toEqual([]);
          expect(projectFromSvg(svg)).toBe(saveProject(p));
          for (const c of p.components) expect(svg.includes(`<title>${xmlEscape(printable(c.name))} — `)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('has a check that can fail', () => {
    expect(markupProblems('<svg><text>a < b</text></svg>')).not.toEqual([]);
    expect(markupProblems('<svg><text>a &b</text></svg>')).not.toEqual([]);
    expect(markupProblems('<svg><text x="1" y="2>3</text></svg>')).not.toEqual([]);
    expect(markupProblems('<svg><text>\u0001</text></svg>')).not.toEqual([]);
    expect(markupProblems('<svg><text x="1">a &amp; b</text></svg>')).toEqual([]);
  });

  it('shows control characters, line breaks and bidi overrides as the canvas does (escaped), never raw', () => {
    const manual = template('manual');
    const p: Project = {
      ...manual,
      components: manual.components.map((c, i) =>
        i === 0 ? { ...c, name: 'evil\u001b[31m\n</text><script>alert(1)</script>\u202e]]>' } : c,
      ),
    };
    const svg = renderSvg(p, svgOptions({ embeddedProject: saveProject(p) }));
    // What is drawn (the metadata keeps the file's exact text, a raw U+202E included).
    const drawn = svg.replace(/<metadata>.*<\/metadata>/s, '');
    expect(drawn.includes('<script>')).toBe(false);
    expect(drawn.includes('\u001b')).toBe(false);
    expect(drawn.includes('\u202e')).toBe(false);
    expect(svg.includes('evil\\u001b[31m\\n&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;\\u202e]]&gt;')).toBe(
      true,
    );
    expect(projectFromSvg(svg)).toBe(saveProject(p));
  });
});
