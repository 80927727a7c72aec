import { describe, expect, it } from 'vitest';
import { loadProject, saveProject } from '../../../../shared/format/index';
import { printable } from '../../../../shared/model/printable';
import { pictureContent, svgPicture } from '../../../../shared/render/picture';
import { redactedStrings, redactProject } from '../../../../shared/render/redact';
import { revisionOf } from '../../../../shared/render/revision';
import { projectFromSvg } from '../../../../shared/render/svg-embed';
import { xmlEscape } from '../../../../shared/render/xml';
import { TEMPLATES } from '../../../../shared/templates/index';
import { pictureFonts } from '../../../support/picture-fonts';
import { hostileProject, hostileProjectText, withoutFontData } from '../../../support/picture-projects';

const fonts = pictureFonts();
const OPTIONS = { theme: 'light', view: 'full', redact: false, date: '2024-05-01', fonts } as const;

function loaded(text: string) {
  const result = loadProject(text);
  if (!result.ok) throw new Error('does not load');
  return result.project;
}

describe('svgPicture', () => {
  it.each(TEMPLATES.map((t) => [t.id, t.text] as const))(
    'the %s template: carries its file byte for byte, titled from the project',
    (_id, text) => {
      const project = loaded(text);
      const svg = svgPicture(text, project, OPTIONS);
      expect(projectFromSvg(svg)).toBe(text);
      expect(svg).toContain(`<title>${xmlEscape(project.meta.name)}</title>`);
      expect(svg).toContain(revisionOf(text));
      expect(svg).toContain('2024-05-01');
      expect(svgPicture(text, project, OPTIONS)).toBe(svg);
    },
  );

  it('carries a hand-written file exactly: comments, spacing and line ends are not re-serialised', () => {
    const original = TEMPLATES[0]!.text;
    const text = `# written by hand <&) \\ ]]>\r\n${original.replace(/\n/g, '\r\n')}\n\n# end\n`;
    const project = loaded(text);
    expect(projectFromSvg(svgPicture(text, project, OPTIONS))).toBe(text);
  });

  it('keeps values with XML and PDF special characters intact (xmllint checks well-formedness in render-cli)', () => {
    const text = hostileProjectText();
    const project = loaded(text);
    for (const theme of ['light', 'dark'] as const)
      for (const view of ['full', 'overview'] as const) {
        const svg = svgPicture(text, project, { ...OPTIONS, theme, view });
        expect(projectFromSvg(svg)).toBe(text);
        expect(svg).toContain(xmlEscape(printable(project.meta.name)));
      }
  });
});

describe('redaction', () => {
  const project = hostileProject();
  const text = saveProject(project);
  const content = pictureContent(text, project, { redact: true, date: '2024-05-01' });
  const svg = svgPicture(text, project, { ...OPTIONS, redact: true });

  it('draws and embeds the redacted project, which loads', () => {
    expect(content.project).toEqual(redactProject(project));
    expect(content.embeddedText).toBe(saveProject(redactProject(project)));
    expect(projectFromSvg(svg)).toBe(content.embeddedText);
    expect(loadProject(content.embeddedText).ok).toBe(true);
    // The revision names the file the architect has, without carrying it.
    expect(content.title.revision).toBe(revisionOf(text));
  });

  it('leaves no redacted string in the picture, raw or escaped', () => {
    const replaced = redactedStrings(project);
    expect(replaced).toEqual(
      expect.arrayContaining([
        'login.acme-corp.com',
        'registry.acme-corp.internal',
        'db01.acme-corp.internal',
        'literal <&) \\ value for 10.20.30.40',
        'Customer <&) asked \\ for it on 2024-05-01',
      ]),
    );
    const visible = withoutFontData(svg);
    for (const s of replaced) {
      expect(visible, s).not.toContain(s);
      expect(visible, s).not.toContain(xmlEscape(s));
      expect(visible, s).not.toContain(xmlEscape(printable(s)));
    }
  });

  it('without redaction the same strings are there (the check above can fail)', () => {
    const plain = withoutFontData(svgPicture(text, project, OPTIONS));
    expect(plain).toContain('login.acme-corp.com');
    expect(plain).toContain('registry.acme-corp.internal');
  });
});
