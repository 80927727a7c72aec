import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { revisionOf, sha256, sha256Hex } from '../../../../shared/render/revision';
import { TEMPLATES } from '../../../../shared/templates/index';

const nodeSha = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

describe('revisionOf', () => {
  it('is the first 7 hex digits of SHA-256 of the UTF-8 bytes', () => {
    // FIPS 180-4 examples, and the empty string.
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(revisionOf('abc')).toBe('ba7816b');
  });

  it('matches Node crypto at every padding boundary (lengths 0–200)', () => {
    for (let n = 0; n <= 200; n++) {
      const text = 'x'.repeat(n);
      expect(sha256Hex(text), `length ${n}`).toBe(nodeSha(text));
    }
  });

  it('matches Node crypto on random text, any code point (UTF-8 up to four bytes)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 })),
        (text) => {
          expect(sha256Hex(text)).toBe(nodeSha(Buffer.from(text, 'utf8')));
          expect(revisionOf(text)).toBe(nodeSha(Buffer.from(text, 'utf8')).slice(0, 7));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('is the same with Node crypto as the digest (as the CLI passes it)', () => {
    const nodeDigest = (bytes: Uint8Array): Uint8Array => createHash('sha256').update(bytes).digest();
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expect(revisionOf(text, nodeDigest)).toBe(revisionOf(text));
      }),
      { numRuns: 300 },
    );
    for (const t of TEMPLATES) expect(revisionOf(t.text, nodeDigest)).toBe(revisionOf(t.text));
  });

  it('matches Node crypto on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (bytes) => {
        const hex = Buffer.from(sha256(bytes)).toString('hex');
        expect(hex).toBe(nodeSha(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('hashes a lone surrogate as U+FFFD, as Node and TextEncoder write it', () => {
    for (const text of ['\ud800', 'a\udc00b', '\udbff\ud800']) {
      expect(sha256Hex(text)).toBe(nodeSha(Buffer.from(text, 'utf8')));
    }
  });

  it('gives each template its own revision, 7 lower-case hex digits', () => {
    const ids = TEMPLATES.map((t) => revisionOf(t.text));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{7}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe(nodeSha(TEMPLATES[0]!.text).slice(0, 7));
  });

  it('hashes a large file (1 MiB) like Node', () => {
    const text = 'nextauth: ü € 😀\n'.repeat(60_000);
    expect(sha256Hex(text)).toBe(nodeSha(text));
  });
});
