import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readWoffFile, svgFonts } from '../../../electron/node/render-fonts';
import { saveProject } from '../../../shared/format/index';
import { PNG_PROJECT_KEYWORD, projectFromPicture } from '../../../shared/render/embedded';
import { renderPicture } from '../../../shared/render/picture';
import { addPngText } from '../../../shared/render/png-text';
import { checkProject, type Diagnostic } from '../../../shared/rules/index';
import { pictureFile, pictureSvg, type PictureSource } from '../../../renderer/src/picture/compose';
import { base64OfDataUrl, PICTURE_FONTS } from '../../../renderer/src/picture/fonts';
import { PictureOpenError, projectTextOfPicture } from '../../../renderer/src/picture/open-picture';
import {
  defaultSettings,
  describeOutput,
  pictureFileName,
  pictureProblems,
  type PictureSettings,
} from '../../../renderer/src/picture/options';
import { hasBundledWoff, readBundledWoff } from '../../../renderer/src/picture/pdf-font-files';
import { isPictureName, OPEN_ACCEPT } from '../../../renderer/src/picture/picture-names';
import { canvasPixels, svgDataUrl } from '../../../renderer/src/picture/raster';
import { renderPdf as cliPdf } from '../../../electron/node/render-pdf';
import { projectFileStem } from '../../../shared/model/file-name';
import { SUBSET_RANGES } from '../../../shared/render/font-subsets';
import { composePdf, type PdfDocumentClass, type SvgToPdf } from '../../../shared/render/pdf-compose';
import { pdfFontPlan } from '../../../shared/render/pdf-fonts';
import { pdfObjects } from '../../support/pdf-objects';
import { fileURLToPath } from 'node:url';
import { MAX_PNG_SIDE } from '../../../shared/render/picture-size';
import { template } from '../../support/fixtures';
import { tinyPng } from '../../support/tiny-png';

const SETTINGS: PictureSettings = {
  format: 'svg',
  scale: 1,
  paper: 'a4',
  landscape: true,
  theme: 'light',
  view: 'full',
  redact: false,
  problemBadges: true,
};

const source = (id: 'default' | 'manual' | 'ha' = 'manual'): PictureSource => {
  const project = template(id);
  return { project, text: saveProject(project), diagnostics: checkProject(project), date: '2026-03-14' };
};

describe('the editor draws the SVG the CLI draws', () => {
  it('embeds the very font files the CLI reads from @fontsource', async () => {
    expect(PICTURE_FONTS).toEqual(await svgFonts());
  });

  it('the same project and options give byte-identical SVG', async () => {
    const fonts = await svgFonts();
    for (const id of ['default', 'manual', 'ha'] as const)
      for (const redact of [false, true])
        for (const view of ['full', 'overview'] as const) {
          const s = source(id);
          const editor = pictureSvg(s, { theme: 'dark', view, redact, problemBadges: false });
          const cli = renderPicture(s.text, s.project, { theme: 'dark', view, redact, date: s.date, fonts }).svg;
          expect(editor === cli, `${id} ${view} redact=${redact}`).toBe(true);
        }
  });

  it('carries the project file: the SVG opens as the same text', async () => {
    const s = source('ha');
    const file = await pictureFile(s, SETTINGS);
    expect(file.name).toBe(`${projectFileStem(s.project.meta.name)}.svg`);
    expect(file.type).toBe('image/svg+xml');
    expect(projectTextOfPicture(file.name, file.bytes)).toBe(s.text);
  });
});

/** The manual template renamed so every fallback subset of the PDF is needed. */
function scripts(): PictureSource {
  const project = template('manual');
  const renamed = {
    ...project,
    meta: { ...project.meta, name: 'Łódź – Привет Ελλάδα', description: 'Hà Nội ἀρχή Ѣ' },
    components: project.components.map((c, i) => (i === 0 ? { ...c, name: 'Шлюз Gateway' } : c)),
  };
  return { project: renamed, text: saveProject(renamed), diagnostics: checkProject(renamed), date: '2026-03-14' };
}

describe('PDF in the editor', () => {
  // Under Node both sides get PDFKit's Node build, so the bytes must match exactly: the same
  // composition, the same font files, the same fallback runs. (In the browser PDFKit deflates
  // with fflate instead of zlib: test/e2e/picture.test.ts compares those PDFs object by object.)
  it('is byte for byte the CLI’s PDF of the same project and options, non-Latin names included', async () => {
    const fonts = await svgFonts();
    for (const [s, paper, landscape, redact] of [
      [source('manual'), 'a4', true, false],
      [source('ha'), 'fit', false, true],
      [scripts(), 'letter', false, false],
    ] as const) {
      const settings: PictureSettings = { ...SETTINGS, format: 'pdf', paper, landscape, redact, problemBadges: false };
      const editor = await pictureFile(s, settings);
      const { svg, content } = renderPicture(s.text, s.project, {
        theme: 'light',
        view: 'full',
        redact,
        date: s.date,
        fonts,
      });
      const warnings: string[] = [];
      const cli = await cliPdf(svg, content, { paper, landscape }, (w) => warnings.push(w));
      expect(warnings).toEqual([]);
      expect(Buffer.from(editor.bytes).equals(Buffer.from(cli)), `${s.project.meta.name} ${paper}`).toBe(true);
    }
  }, 60_000);

  it('PDFKit’s browser build (the editor’s) writes the same objects as its Node build, only deflated otherwise', async () => {
    const s = scripts();
    const { svg, content } = renderPicture(s.text, s.project, {
      theme: 'dark',
      view: 'full',
      redact: false,
      date: s.date,
      fonts: await svgFonts(),
    });
    // The browser build by its path: the package's exports give Node the Node build.
    const browserBuild = fileURLToPath(new URL('../../../node_modules/pdfkit/js/pdfkit.browser.mjs', import.meta.url));
    const { default: BrowserPDFDocument } = (await import(browserBuild)) as { default: PdfDocumentClass };
    const { default: SVGtoPDF } = (await import('svg-to-pdfkit')) as unknown as { default: SvgToPdf };
    const browser = await composePdf(
      svg,
      content,
      { paper: 'a3', landscape: true },
      {
        PDFDocument: BrowserPDFDocument,
        SVGtoPDF,
        readWoff: readBundledWoff,
      },
    );
    const node = await cliPdf(svg, content, { paper: 'a3', landscape: true });
    expect(Buffer.from(browser).equals(Buffer.from(node))).toBe(false); // fflate and zlib deflate differently
    expect(pdfObjects(browser)).toEqual(pdfObjects(node));
    expect(projectFromPicture(browser)).toEqual({ kind: 'pdf', text: s.text });
  }, 30_000);

  it('embeds the fallback subsets a non-Latin name needs (no boxes for Cyrillic, Greek, Polish, Vietnamese)', async () => {
    const embedded = async (s: PictureSource) => {
      const file = await pictureFile(s, { ...SETTINGS, format: 'pdf' });
      return new TextDecoder('latin1').decode(file.bytes).match(/\/FontFile2 /g)?.length ?? 0;
    };
    // One font program per face in use: the six fallback subsets come on top of the Latin faces.
    expect((await embedded(scripts())) - (await embedded(source('manual')))).toBeGreaterThanOrEqual(6);
  }, 30_000);

  it('bundles every font file the PDF may ask for, byte for byte the CLI’s', async () => {
    const every = Object.values(SUBSET_RANGES.Inter)
      .map((ranges) => String.fromCodePoint(ranges.at(-1)![1]))
      .join('');
    const files = pdfFontPlan(every).files;
    expect(files.length).toBe(16);
    for (const file of files) {
      expect(hasBundledWoff(file), `${file.family} ${file.weight} ${file.subset}`).toBe(true);
      expect(Buffer.from(await readBundledWoff(file)).equals(Buffer.from(await readWoffFile(file)))).toBe(true);
    }
    await expect(readBundledWoff({ family: 'JetBrains Mono', weight: 400, subset: 'cyrillic' })).rejects.toThrow(
      /bundles no font file JetBrains Mono 400 cyrillic/,
    );
  }, 30_000);

  it('is a PDF whose attachment is the project file, on the chosen paper', async () => {
    const s = source('manual');
    const file = await pictureFile(s, { ...SETTINGS, format: 'pdf', paper: 'a3', landscape: true });
    expect(new TextDecoder().decode(file.bytes.subarray(0, 5))).toBe('%PDF-');
    expect(file.name).toMatch(/\.pdf$/);
    expect(projectFromPicture(file.bytes)).toEqual({ kind: 'pdf', text: s.text });
    // A3 landscape: 1190.55 × 841.89 points.
    expect(new TextDecoder('latin1').decode(file.bytes)).toMatch(/\/MediaBox \[0 0 1190\.55 841\.89\]/);
  }, 30_000);

  it('redacted: the attachment is the redacted project, never the original text', async () => {
    const s = source('manual');
    const file = await pictureFile(s, { ...SETTINGS, format: 'pdf', redact: true });
    const carried = projectFromPicture(file.bytes)!.text;
    expect(carried).not.toBe(s.text);
    for (const route of s.project.routes) expect(carried).not.toContain(route.host);
  }, 30_000);
});

describe('picture options', () => {
  it('names files after the project, the view, redaction and scale', () => {
    expect(pictureFileName('Acme production', { ...SETTINGS, format: 'png', scale: 2 })).toBe('acme-production@2x.png');
    expect(pictureFileName('Acme production', { ...SETTINGS, format: 'png', scale: 1 })).toBe('acme-production.png');
    expect(pictureFileName('Acme', { ...SETTINGS, format: 'pdf', view: 'overview', redact: true })).toBe(
      'acme-overview-redacted.pdf',
    );
  });

  it('a hostile or empty name still gives a plain file name', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.constantFrom('svg', 'png', 'pdf'),
        (name, format) => {
          expect(pictureFileName(name, { ...SETTINGS, format })).toMatch(
            /^[a-z0-9]+(-[a-z0-9]+)*(@2x)?\.(svg|png|pdf)$/,
          );
        },
      ),
    );
    expect(pictureFileName('../../etc/passwd', SETTINGS)).toBe('etc-passwd.svg');
    expect(pictureFileName('', SETTINGS)).toBe('deployment.svg');
  });

  it('starts from the audience switches', () => {
    const s = defaultSettings({ redact: true, problemBadges: false });
    expect(s.redact).toBe(true);
    expect(s.problemBadges).toBe(false);
    expect(s.format).toBe('png');
  });

  it('badges: unsuppressed errors and warnings, once per element they name', () => {
    const d = (severity: Diagnostic['severity'], ids: string[], suppressed = false) =>
      ({
        rule: 'NA001',
        severity,
        message: 'm',
        elements: ids.map((id) => ({ type: 'component', id })),
        suppressed,
      }) as unknown as Diagnostic;
    expect(
      pictureProblems([d('error', ['a', 'a', 'b']), d('warning', ['c']), d('info', ['d']), d('error', ['e'], true)]),
    ).toEqual([
      { element: 'a', severity: 'error' },
      { element: 'b', severity: 'error' },
      { element: 'c', severity: 'warning' },
    ]);
  });

  it('says what the file will be', () => {
    const size = { width: 1452, height: 902 };
    expect(describeOutput({ ...SETTINGS, format: 'png', scale: 2 }, size)).toBe('PNG · 2904 × 1804 px');
    expect(describeOutput({ ...SETTINGS, format: 'svg' }, size)).toBe('SVG · vector, 1452 × 902');
    expect(describeOutput({ ...SETTINGS, format: 'pdf', paper: 'a4', landscape: true }, size)).toBe(
      'PDF · vector, A4 landscape (297 × 210 mm), fitted',
    );
    expect(describeOutput({ ...SETTINGS, format: 'pdf', paper: 'fit' }, size)).toMatch(/^PDF · vector, one page/);
  });
});

describe('PNG in the browser: sizes and limits', () => {
  it('refuses a canvas the browser cannot draw, and says what to choose instead', () => {
    expect(canvasPixels({ width: 1000, height: 500 }, 2)).toEqual({ width: 2000, height: 1000 });
    const big = canvasPixels({ width: MAX_PNG_SIDE, height: 100 }, 2);
    expect('tooLarge' in big && big.tooLarge).toMatch(
      /^At 2× the picture would be 65534 × 200 pixels.*Choose 1×, SVG or PDF/,
    );
    const area = canvasPixels({ width: 20_000, height: 20_000 }, 1);
    expect('tooLarge' in area).toBe(true);
  });

  it('makes a data: URL of the SVG (the page allows data: images, not blob: ones) that holds it exactly', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><text>Zürich &amp; ✓</text></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const bytes = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe(svg);
  });

  it('reads the base64 of a bundled font only from a base64 data: URL', () => {
    expect(base64OfDataUrl('data:font/woff2;base64,AAAA')).toBe('AAAA');
    expect(() => base64OfDataUrl('/assets/inter.woff2')).toThrow();
  });
});

describe('opening a picture', () => {
  it('knows pictures by name and offers them in the chooser', () => {
    expect(isPictureName('Acme.PNG')).toBe(true);
    expect(isPictureName('acme.portolan.yaml')).toBe(false);
    expect(isPictureName('png')).toBe(false);
    expect(OPEN_ACCEPT.split(',')).toEqual(['.yaml', '.yml', '.svg', '.png', '.pdf']);
  });

  it('a PNG with a project opens as that project', () => {
    const s = source('default');
    const png = addPngText(tinyPng(), PNG_PROJECT_KEYWORD, s.text);
    expect(projectTextOfPicture('acme.png', png)).toBe(s.text);
  });

  it('a picture without a project, a damaged one and a file that is no picture fail clearly', () => {
    const fail = (bytes: Uint8Array) => {
      try {
        projectTextOfPicture('photo.png', bytes);
      } catch (error) {
        expect(error).toBeInstanceOf(PictureOpenError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(fail(tinyPng())).toMatch(/^photo\.png holds no Portolan project: only pictures exported by Portolan/);
    expect(fail(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatch(
      /holds no Portolan project/,
    );
    const damaged = addPngText(tinyPng(), PNG_PROJECT_KEYWORD, 'format: 1');
    damaged[40] = damaged[40]! ^ 0xff;
    expect(fail(damaged)).toMatch(/^photo\.png: .*\(picture-/);
    expect(fail(new TextEncoder().encode('format: 1\n'))).toBe('photo.png is not an SVG, PNG or PDF file');
  });
});
