/**
 * The PDF composition with stand-ins for PDFKit and svg-to-pdfkit: what it asks of them — the
 * page, the document information, the fonts and their names, the fallback runs, the attachment —
 * and that the bytes it returns are the document's, in order. (The real libraries run in
 * test/unit/renderer/picture.test.ts, the CLI tests and the editor's end-to-end tests.)
 */
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../../shared/format/index';
import type { FontFile } from '../../../../shared/render/font-subsets';
import {
  composePdf,
  type PdfDocument,
  type PdfDocumentOptions,
  type SvgToPdfOptions,
} from '../../../../shared/render/pdf-compose';
import { pictureContent } from '../../../../shared/render/picture';
import { readWoffFile } from '../../../../electron/node/render-fonts';
import { TEMPLATES } from '../../../../shared/templates/index';

const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400"><text font-family="Inter">Łódź Привет</text></svg>';

function content(name = 'Acme') {
  const text = TEMPLATES.find((t) => t.id === 'manual')!.text.replace(/^ {2}name: .*$/m, `  name: ${name}`);
  const loaded = loadProject(text);
  if (!loaded.ok) throw new Error('the template does not load');
  return pictureContent(text, loaded.project, { redact: false, date: '2026-03-14' });
}

interface Seen {
  options?: PdfDocumentOptions;
  fonts: [string, Uint8Array][];
  svg?: string;
  at?: [number, number];
  svgOptions?: SvgToPdfOptions;
  file?: [Uint8Array, Record<string, unknown>];
}

/** A PDFKit stand-in: records the calls, and on end() emits its output in two chunks (or fails). */
function fakes(fail?: Error) {
  const seen: Seen = { fonts: [] };
  class FakeDocument implements PdfDocument {
    private readonly listeners = new Map<string, ((arg?: unknown) => void)[]>();
    constructor(options: PdfDocumentOptions) {
      seen.options = options;
    }
    registerFont(name: string, src: Uint8Array) {
      seen.fonts.push([name, src]);
      return this;
    }
    file(src: Uint8Array, options: Record<string, unknown>) {
      seen.file = [src, options];
      return this;
    }
    on(event: string, listener: (...args: never[]) => void) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener as (arg?: unknown) => void]);
      return this;
    }
    end() {
      const emit = (event: string, arg?: unknown) => this.listeners.get(event)?.forEach((l) => l(arg));
      queueMicrotask(() => {
        if (fail) return emit('error', fail);
        emit('data', new Uint8Array([1, 2]));
        emit('data', new Uint8Array([3]));
        emit('end');
      });
    }
  }
  const read: FontFile[] = [];
  const warnings: string[] = [];
  return {
    seen,
    read,
    warnings,
    sources: {
      PDFDocument: FakeDocument,
      SVGtoPDF: (_doc: PdfDocument, svg: string, x: number, y: number, options: SvgToPdfOptions) => {
        seen.svg = svg;
        seen.at = [x, y];
        seen.svgOptions = options;
        options.warningCallback('unsupported thing');
      },
      readWoff: (file: FontFile) => (read.push(file), readWoffFile(file)),
      onWarning: (w: string) => warnings.push(w),
    },
  };
}

describe('composePdf', () => {
  it('lays the picture on the paper, titled and dated by the title block, with no standard font', async () => {
    const { seen, sources } = fakes();
    const bytes = await composePdf(SVG, content(), { paper: 'a4', landscape: true }, sources);
    expect([...bytes]).toEqual([1, 2, 3]);
    expect(seen.options).toMatchObject({ size: [841.89, 595.28], margin: 0, pdfVersion: '1.7', font: null });
    expect(seen.options!.info).toMatchObject({ Title: 'Acme', CreationDate: new Date(Date.UTC(2026, 2, 14)) });
    expect(seen.svgOptions).toMatchObject({ preserveAspectRatio: 'xMidYMid meet' });
    // 800 × 400 px is 600 × 300 pt, scaled into the landscape A4's margins and centred.
    expect(seen.at![0]).toBeCloseTo((841.89 - seen.svgOptions!.width) / 2);
    expect(seen.svgOptions!.width / seen.svgOptions!.height).toBeCloseTo(2);
  });

  it('registers TrueType faces under their PDF names, and marks the runs the Latin faces lack', async () => {
    const { seen, read, sources } = fakes();
    await composePdf(SVG, content(), { paper: 'fit', landscape: false }, sources);
    expect(seen.fonts.map(([name]) => name)).toEqual([
      'Inter',
      'Inter-Bold',
      'JetBrains Mono',
      'JetBrains Mono-Bold',
      'Inter latin-ext',
      'Inter latin-ext-Bold',
      'Inter cyrillic',
      'Inter cyrillic-Bold',
    ]);
    for (const [, bytes] of seen.fonts) expect([...bytes.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    expect(read.every((f) => f.subset === 'latin' || f.family === 'Inter')).toBe(true);
    expect(seen.svg).toContain('<tspan font-family="Inter cyrillic">Привет</tspan>');
    expect(seen.svg).toContain('<tspan font-family="Inter latin-ext">Ł</tspan>');
    expect(seen.svgOptions!.fontCallback("'JetBrains Mono', monospace", true, false)).toBe('JetBrains Mono-Bold');
    expect(seen.svgOptions!.fontCallback('Inter cyrillic', false, false)).toBe('Inter cyrillic');
    expect(seen.svgOptions!.fontCallback('Helvetica, sans-serif', false, false)).toBe('Inter');
  });

  it('attaches the project file under the project’s file name, as UTF-8', async () => {
    const { seen, sources } = fakes();
    const c = content('Zürich <&> “Ops”');
    await composePdf(SVG, c, { paper: 'letter', landscape: false }, sources);
    const [bytes, options] = seen.file!;
    expect(new TextDecoder().decode(bytes)).toBe(c.embeddedText);
    expect(options).toMatchObject({
      name: 'zurich-ops.portolan.yaml',
      type: 'application/yaml',
      relationship: 'Source',
    });
  });

  it('passes svg-to-pdfkit’s warnings on, and fails with the document’s error', async () => {
    const ok = fakes();
    await composePdf(SVG, content(), { paper: 'a3', landscape: false }, ok.sources);
    expect(ok.warnings).toEqual(['unsupported thing']);
    const broken = fakes(new Error('disk on fire'));
    await expect(composePdf(SVG, content(), { paper: 'a4', landscape: false }, broken.sources)).rejects.toThrow(
      'disk on fire',
    );
    await expect(composePdf('<svg>', content(), { paper: 'a4', landscape: false }, ok.sources)).rejects.toThrow(
      /no width and height/,
    );
  });
});
