import { crc32 as nodeCrc32, deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../../../shared/render/crc32';
import {
  addPngText,
  isPng,
  pngChunks,
  PngError,
  pngSize,
  readPngText,
  readPngTexts,
  type PngErrorCode,
} from '../../../../shared/render/png-text';

/** A 1×1 PNG written by another encoder (the CRCs in it are not ours). */
const ONE_PIXEL = new Uint8Array(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** A chunk built with Node's CRC-32, for texts written by "other programs". */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  Buffer.from(data).copy(out, 8);
  out.writeUInt32BE(nodeCrc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** ONE_PIXEL with `extra` chunks right after IHDR. */
function withChunks(...extra: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat([ONE_PIXEL.subarray(0, 33), ...extra, ONE_PIXEL.subarray(33)]));
}

const latin1 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'latin1'));
const utf8 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

function codeOf(fn: () => unknown): PngErrorCode | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (error instanceof PngError) return error.code;
    throw error;
  }
}

describe('crc32', () => {
  it('matches zlib on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expect(crc32(bytes)).toBe(nodeCrc32(bytes));
      }),
    );
  });
});

describe('reading a PNG', () => {
  it('lists the chunks of a PNG written elsewhere and reads its size', () => {
    expect(isPng(ONE_PIXEL)).toBe(true);
    expect(pngChunks(ONE_PIXEL).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(pngSize(ONE_PIXEL)).toEqual({ width: 1, height: 1 });
    expect(readPngTexts(ONE_PIXEL)).toEqual([]);
    expect(readPngText(ONE_PIXEL, 'portolan:project')).toBeUndefined();
  });

  it('reads tEXt, zTXt and iTXt (compressed and not) written by other programs', () => {
    const png = withChunks(
      chunk('tEXt', latin1('Title\0Caf\xe9')),
      chunk('zTXt', new Uint8Array([...latin1('Comment\0\0'), ...deflateSync(latin1('long comment '.repeat(50)))])),
      chunk('iTXt', new Uint8Array([...latin1('Plain\0\0\0en\0Klar\0'), ...utf8('grüße ✓')])),
      chunk('iTXt', new Uint8Array([...latin1('Packed\0\x01\0\0\0'), ...deflateSync(utf8('αβγ\r\n<&)\\'))])),
    );
    expect(readPngTexts(png)).toEqual([
      { kind: 'tEXt', keyword: 'Title', text: 'Café' },
      { kind: 'zTXt', keyword: 'Comment', text: 'long comment '.repeat(50) },
      { kind: 'iTXt', keyword: 'Plain', text: 'grüße ✓' },
      { kind: 'iTXt', keyword: 'Packed', text: 'αβγ\r\n<&)\\' },
    ]);
    expect(readPngText(png, 'Packed')).toBe('αβγ\r\n<&)\\');
  });

  it('ignores bytes after IEND', () => {
    const png = new Uint8Array([...ONE_PIXEL, 1, 2, 3]);
    expect(pngChunks(png).map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  });
});

describe('adding a text chunk', () => {
  it('round-trips any text exactly, compressed or not', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 500 }), fc.boolean(), (text, compress) => {
        // Lone surrogates are not text UTF-8 can carry; a project file never holds them.
        fc.pre(!/[\ud800-\udfff]/u.test(text.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
        const png = addPngText(ONE_PIXEL, 'portolan:project', text, { compress });
        expect(readPngText(png, 'portolan:project')).toBe(text);
      }),
    );
  });

  it('keeps every original chunk byte for byte and puts the new one right after IHDR', () => {
    const png = addPngText(ONE_PIXEL, 'portolan:project', 'format: 1\n');
    const chunks = pngChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'iTXt', 'IDAT', 'IEND']);
    expect(Buffer.from(png.subarray(0, 33))).toEqual(Buffer.from(ONE_PIXEL.subarray(0, 33)));
    const tail = ONE_PIXEL.length - 33;
    expect(Buffer.from(png.subarray(png.length - tail))).toEqual(Buffer.from(ONE_PIXEL.subarray(33)));
    const added = chunks[1]!;
    const end = added.offset + 8 + added.length;
    // The CRC is what zlib computes over type and data.
    expect(Buffer.from(png).readUInt32BE(end)).toBe(nodeCrc32(png.subarray(added.offset + 4, end)));
    // Compressed data is a zlib stream another inflater reads.
    const data = png.subarray(added.offset + 8, end);
    expect(Buffer.from(data.subarray(0, 21)).toString('latin1')).toBe('portolan:project\0\x01\0\0\0');
    expect(inflateSync(data.subarray(21)).toString('utf8')).toBe('format: 1\n');
  });

  it('replaces a text with the same keyword and keeps the others', () => {
    const first = addPngText(
      withChunks(chunk('tEXt', latin1('portolan:project\0old')), chunk('tEXt', latin1('Author\0Ana'))),
      'portolan:project',
      'new',
    );
    expect(readPngTexts(first).map((t) => [t.keyword, t.text])).toEqual([
      ['portolan:project', 'new'],
      ['Author', 'Ana'],
    ]);
    expect(addPngText(first, 'portolan:project', 'new')).toEqual(first);
  });

  it('is byte-stable', () => {
    const text = 'name: Acme\n'.repeat(1000);
    expect(addPngText(ONE_PIXEL, 'k', text)).toEqual(addPngText(ONE_PIXEL, 'k', text));
  });

  it('refuses keywords PNG does not allow', () => {
    for (const keyword of ['', 'x'.repeat(80), ' lead', 'trail ', 'two  spaces', 'nul\0', 'ü✓'])
      expect(
        codeOf(() => addPngText(ONE_PIXEL, keyword, 'x')),
        keyword,
      ).toBe('png-bad-text');
  });
});

describe('hostile and damaged PNGs', () => {
  const carrying = addPngText(ONE_PIXEL, 'portolan:project', 'format: 1\nmeta:\n  name: Acme\n');

  it('refuses what is not a PNG', () => {
    expect(codeOf(() => pngChunks(new Uint8Array()))).toBe('png-not-png');
    expect(codeOf(() => pngChunks(latin1('format: 1\n')))).toBe('png-not-png');
  });

  it('reports every truncation as an error, never a partial text', () => {
    for (let n = 0; n < carrying.length; n++) {
      const code = codeOf(() => readPngTexts(carrying.subarray(0, n)));
      expect(code, `truncated to ${n} bytes`).toBe(n < 8 ? 'png-not-png' : 'png-truncated');
    }
  });

  it('refuses impossible lengths and types, and a first chunk that is not IHDR', () => {
    const huge = new Uint8Array(carrying);
    new DataView(huge.buffer).setUint32(33, 0xfffffff0);
    expect(codeOf(() => pngChunks(huge))).toBe('png-bad-chunk');
    const past = new Uint8Array(carrying);
    new DataView(past.buffer).setUint32(33, 0x7ffffff0);
    expect(codeOf(() => pngChunks(past))).toBe('png-truncated');
    const badType = new Uint8Array(carrying);
    badType[37] = 0x31; // a digit in the type
    expect(codeOf(() => pngChunks(badType))).toBe('png-bad-chunk');
    const noHeader = new Uint8Array([...ONE_PIXEL.subarray(0, 8), ...ONE_PIXEL.subarray(33)]);
    expect(codeOf(() => pngChunks(noHeader))).toBe('png-bad-chunk');
  });

  it('detects a damaged text chunk by its CRC', () => {
    const damaged = new Uint8Array(carrying);
    damaged[33 + 8 + 25] = damaged[33 + 8 + 25]! ^ 0xff;
    expect(codeOf(() => readPngText(damaged, 'portolan:project'))).toBe('png-bad-crc');
  });

  it('refuses malformed text chunks', () => {
    const bad = (data: Uint8Array): PngErrorCode | 'no error' =>
      codeOf(() => readPngTexts(withChunks(chunk('iTXt', data))));
    expect(bad(latin1('\0\0\0\0\0x'))).toBe('png-bad-text'); // no keyword
    expect(bad(latin1('k\0\x02\0\0\0x'))).toBe('png-bad-text'); // compression flag 2
    expect(bad(latin1('k\0\x01\x01\0\0x'))).toBe('png-bad-text'); // unknown method
    expect(bad(latin1('k\0\0\0en'))).toBe('png-bad-text'); // ends inside the header
    expect(bad(latin1('k\0\x01\0\0\0not zlib'))).toBe('png-bad-text');
    expect(bad(new Uint8Array([...latin1('k\0\x01\0\0\0'), ...deflateSync(utf8('x')).subarray(0, 5)]))).toBe(
      'png-bad-text',
    );
    expect(bad(new Uint8Array([...latin1('k\0\0\0\0\0'), 0xc3, 0x28]))).toBe('png-not-utf8');
    expect(bad(new Uint8Array([...latin1('k\0\0\0\0\0'), 0xed, 0xa0, 0x80]))).toBe('png-not-utf8'); // a surrogate
  });

  it('stops a decompression bomb at the limit, quickly', () => {
    const bomb = deflateSync(Buffer.alloc(200 * 1024 * 1024), { level: 9 });
    const png = withChunks(chunk('iTXt', new Uint8Array([...latin1('portolan:project\0\x01\0\0\0'), ...bomb])));
    const start = performance.now();
    expect(codeOf(() => readPngText(png, 'portolan:project'))).toBe('png-too-large');
    expect(performance.now() - start).toBeLessThan(2000);
    // A small limit applies to stored text too.
    const stored = withChunks(chunk('tEXt', latin1(`k\0${'x'.repeat(100)}`)));
    expect(codeOf(() => readPngTexts(stored, undefined, { maxTextBytes: 10 }))).toBe('png-too-large');
  });

  it('reads only the keyword asked for, so an unrelated damaged chunk does not stop it', () => {
    const png = addPngText(withChunks(chunk('iTXt', latin1('Other\0\x01\0\0\0not zlib'))), 'portolan:project', 'ok');
    expect(readPngText(png, 'portolan:project')).toBe('ok');
    expect(codeOf(() => readPngTexts(png))).toBe('png-bad-text');
  });

  it('never throws anything but a PngError, whatever follows the signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (tail) => {
        const bytes = new Uint8Array([...ONE_PIXEL.subarray(0, 8), ...tail]);
        codeOf(() => readPngTexts(bytes));
      }),
    );
    // Mutations of a real file: flipped bytes anywhere.
    fc.assert(
      fc.property(fc.nat(carrying.length - 1), fc.integer({ min: 1, max: 255 }), (at, xor) => {
        const bytes = new Uint8Array(carrying);
        bytes[at] = bytes[at]! ^ xor;
        codeOf(() => readPngTexts(bytes));
      }),
    );
  });
});
