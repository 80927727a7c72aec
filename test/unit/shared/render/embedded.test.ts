import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_PICTURE_BYTES,
  pictureKind,
  PNG_PROJECT_KEYWORD,
  projectFromPicture,
  readPicture,
} from '../../../../shared/render/embedded';
import { addPngText } from '../../../../shared/render/png-text';
import { projectMetadata } from '../../../../shared/render/svg-embed';

const PROJECT = 'format: 1\nmeta:\n  name: "Acme <&) \\\\ endstream 9 0 obj"\n  description: ""\n';

const ONE_PIXEL = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);

const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');

/** One indirect object: a dictionary or value, and stream data when given. */
interface Obj {
  readonly num: number;
  readonly body: string;
  readonly stream?: Uint8Array;
}

/** A PDF file of `objects` (offsets in the xref table are right, though the reader does not need them). */
function pdf(objects: readonly Obj[], trailer = '/Root 1 0 R'): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xff\xff\xff\xff\n', 'latin1')];
  const offsets: number[] = [];
  let size = parts[0]!.length;
  for (const o of objects) {
    const head = Buffer.from(`${o.num} 0 obj\n${o.body}\n`, 'latin1');
    const chunk = o.stream
      ? Buffer.concat([head, Buffer.from('stream\n'), o.stream, Buffer.from('\nendstream\nendobj\n')])
      : Buffer.concat([head, Buffer.from('endobj\n')]);
    offsets.push(size);
    parts.push(chunk);
    size += chunk.length;
  }
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} ${trailer} >>\nstartxref\n${size}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/** What PDFKit writes: catalog, name tree, file specification, compressed embedded file. */
function attachmentPdf(
  text: string | Uint8Array,
  options: { name?: string; filter?: string; data?: Uint8Array; length?: string; extra?: Obj[] } = {},
): Uint8Array {
  const name = options.name ?? '(acme.portolan.yaml)';
  const raw = typeof text === 'string' ? utf8(text) : text;
  const data = options.data ?? deflateSync(raw);
  const filter = options.filter ?? '/Filter /FlateDecode';
  return pdf([
    { num: 1, body: '<< /Type /Catalog /Pages 2 0 R /Names 3 0 R >>' },
    { num: 2, body: '<< /Type /Pages /Count 0 /Kids [] >>' },
    { num: 3, body: `<< /EmbeddedFiles << /Names [ ${name} 4 0 R ] >> >>` },
    { num: 4, body: `<< /Type /Filespec /F ${name} /UF ${name} /EF << /F 5 0 R >> >>` },
    {
      num: 5,
      body: `<< /Type /EmbeddedFile /Subtype /application#2Fyaml /Length ${options.length ?? data.length} ${filter} >>`,
      stream: data,
    },
    ...(options.extra ?? []),
  ]);
}

describe('pictureKind', () => {
  it('tells pictures from project files by their first bytes', () => {
    expect(pictureKind(ONE_PIXEL)).toBe('png');
    expect(pictureKind(bytes('%PDF-1.7\n'))).toBe('pdf');
    expect(pictureKind(bytes(`${' '.repeat(500)}%PDF-1.4`))).toBe('pdf');
    expect(pictureKind(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(pictureKind(bytes('\xef\xbb\xbf\n  <?xml version="1.0"?><svg/>'))).toBe('svg');
    expect(pictureKind(utf8(PROJECT))).toBeUndefined();
    expect(pictureKind(utf8('# a comment\nformat: 1\n'))).toBeUndefined();
    expect(pictureKind(new Uint8Array())).toBeUndefined();
    expect(readPicture(utf8(PROJECT))).toBeUndefined();
  });
});

describe('a PNG', () => {
  it('gives back the project byte for byte', () => {
    const png = addPngText(ONE_PIXEL, PNG_PROJECT_KEYWORD, PROJECT);
    expect(projectFromPicture(png)).toEqual({ kind: 'png', text: PROJECT });
  });

  it('without a project, or damaged, says so with a code', () => {
    expect(readPicture(ONE_PIXEL)).toMatchObject({ ok: false, kind: 'png', code: 'picture-no-project' });
    const png = addPngText(ONE_PIXEL, PNG_PROJECT_KEYWORD, PROJECT);
    expect(readPicture(png.subarray(0, 60))).toMatchObject({ ok: false, code: 'picture-damaged' });
    expect(projectFromPicture(png.subarray(0, 60))).toBeUndefined();
  });

  it('refuses a picture over the size limit before reading it', () => {
    const huge = new Uint8Array(MAX_PICTURE_BYTES + 1);
    huge.set(ONE_PIXEL);
    expect(readPicture(huge)).toMatchObject({ ok: false, code: 'picture-too-large' });
  });
});

describe('an SVG', () => {
  it('gives back the project from its metadata', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg">${projectMetadata(PROJECT)}</svg>`;
    expect(projectFromPicture(utf8(svg))).toEqual({ kind: 'svg', text: PROJECT });
  });

  it('without a project, or not UTF-8, says so', () => {
    expect(readPicture(utf8('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toMatchObject({
      code: 'picture-no-project',
    });
    expect(readPicture(bytes('<svg>\xff</svg>'))).toMatchObject({ code: 'picture-not-utf8' });
  });
});

describe('a PDF', () => {
  it('gives back the attached project file, compressed or stored', () => {
    expect(projectFromPicture(attachmentPdf(PROJECT))).toEqual({ kind: 'pdf', text: PROJECT });
    expect(projectFromPicture(attachmentPdf(PROJECT, { filter: '', data: utf8(PROJECT) }))?.text).toBe(PROJECT);
    expect(projectFromPicture(attachmentPdf(PROJECT, { filter: '/Filter [/FlateDecode]' }))?.text).toBe(PROJECT);
  });

  it('skips stream data by its length, so bytes inside it are never taken for objects', () => {
    // Stored text that looks like PDF syntax: a file specification and an end of stream.
    const tricky = `${PROJECT}endstream\nendobj\n9 0 obj\n<< /Type /Filespec /F (evil.portolan.yaml) /EF << /F 2 0 R >> >>\nendobj\n`;
    expect(projectFromPicture(attachmentPdf(tricky, { filter: '', data: utf8(tricky) }))?.text).toBe(tricky);
  });

  it('resolves an indirect /Length', () => {
    const data = deflateSync(utf8(PROJECT));
    const file = attachmentPdf(PROJECT, { length: '6 0 R', extra: [{ num: 6, body: String(data.length) }] });
    expect(projectFromPicture(file)?.text).toBe(PROJECT);
  });

  it('reads names as UTF-16 hex strings and with escapes, and skips other attachments', () => {
    const hex = `<FEFF${Buffer.from('Ñandú.portolan.yaml', 'utf16le').swap16().toString('hex')}>`;
    expect(projectFromPicture(attachmentPdf(PROJECT, { name: hex }))?.text).toBe(PROJECT);
    expect(projectFromPicture(attachmentPdf(PROJECT, { name: '(acme\\(1\\)\\\\.portolan\\\n.yaml)' }))?.text).toBe(
      PROJECT,
    );
    expect(readPicture(attachmentPdf(PROJECT, { name: '(notes.txt)' }))).toMatchObject({
      code: 'picture-no-project',
    });
  });

  it('takes the last definition of an object (an incremental update)', () => {
    const updated = 'format: 1\nmeta:\n  name: Updated\n';
    const data = deflateSync(utf8(updated));
    const file = attachmentPdf(PROJECT, {
      extra: [{ num: 5, body: `<< /Type /EmbeddedFile /Length ${data.length} /Filter /FlateDecode >>`, stream: data }],
    });
    expect(projectFromPicture(file)?.text).toBe(updated);
  });

  it('finds a file specification inside an object stream (PDF 1.5)', () => {
    const data = deflateSync(utf8(PROJECT));
    const spec = '<< /Type /Filespec /F (acme.portolan.yaml) /EF << /F 5 0 R >> >>';
    const objStm = deflateSync(Buffer.from(`4 0 ${spec}`));
    const file = pdf([
      { num: 1, body: '<< /Type /Catalog /Pages 2 0 R >>' },
      { num: 2, body: '<< /Type /Pages /Count 0 /Kids [] >>' },
      {
        num: 3,
        body: `<< /Type /ObjStm /N 1 /First 4 /Length ${objStm.length} /Filter /FlateDecode >>`,
        stream: objStm,
      },
      { num: 5, body: `<< /Type /EmbeddedFile /Length ${data.length} /Filter /FlateDecode >>`, stream: data },
    ]);
    expect(projectFromPicture(file)?.text).toBe(PROJECT);
  });

  it('reports what it cannot read with a code', () => {
    expect(readPicture(pdf([{ num: 1, body: '<< /Type /Catalog >>' }]))).toMatchObject({
      ok: false,
      kind: 'pdf',
      code: 'picture-no-project',
    });
    expect(readPicture(attachmentPdf(PROJECT, { filter: '/Filter /ASCIIHexDecode' }))).toMatchObject({
      code: 'picture-unsupported',
    });
    expect(readPicture(attachmentPdf(PROJECT, { data: utf8('not zlib at all') }))).toMatchObject({
      code: 'picture-damaged',
    });
    expect(readPicture(attachmentPdf(bytes('\xff\xfe bad')))).toMatchObject({ code: 'picture-not-utf8' });
    const dangling = pdf([{ num: 4, body: '<< /Type /Filespec /F (a.portolan.yaml) /EF << /F 99 0 R >> >>' }]);
    expect(readPicture(dangling)).toMatchObject({ code: 'picture-damaged' });
  });

  it('stops a decompression bomb at the project size limit, quickly', () => {
    const bomb = deflateSync(Buffer.alloc(300 * 1024 * 1024), { level: 9 });
    const start = performance.now();
    expect(readPicture(attachmentPdf('', { data: bomb }))).toMatchObject({ code: 'picture-too-large' });
    expect(performance.now() - start).toBeLessThan(3000);
  });

  it('never throws on a truncated or damaged file', () => {
    const file = attachmentPdf(PROJECT);
    for (let n = 0; n <= file.length; n++) {
      const read = readPicture(file.subarray(0, n));
      if (n >= 9) expect(read?.kind, `truncated to ${n}`).toBe('pdf');
    }
    fc.assert(
      fc.property(fc.nat(file.length - 1), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const damaged = new Uint8Array(file);
        damaged[at] = damaged[at]! ^ xor;
        readPicture(damaged);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (tail) => {
        readPicture(bytes(`%PDF-1.7\n${tail}`));
      }),
    );
  });

  it('stays linear on hostile syntax', () => {
    const hostile = [
      `%PDF-1.7\n${'1 0 obj\n('.repeat(200_000)}`,
      `%PDF-1.7\n1 0 obj\n${'['.repeat(100_000)}`,
      `%PDF-1.7\n${'1 0 obj\n<'.repeat(200_000)}`,
      `%PDF-1.7\n${'1 0 obj << /Length 5 >> stream\n'.repeat(100_000)}`,
      `%PDF-1.7\n${'1 0 obj\n'.repeat(300_000)}`,
      `%PDF-1.7\n${'9'.repeat(2_000_000)}`,
    ];
    for (const text of hostile) {
      const start = performance.now();
      expect(readPicture(bytes(text))).toMatchObject({ ok: false, kind: 'pdf' });
      expect(performance.now() - start, text.slice(0, 40)).toBeLessThan(3000);
    }
  });
});
