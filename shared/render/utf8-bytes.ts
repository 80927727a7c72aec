import { strFromU8, strToU8 } from 'fflate';

/** UTF-8 bytes of a string (shared/ has neither TextEncoder nor Buffer). */
export const utf8Bytes = (text: string): Uint8Array => strToU8(text);

/**
 * Whether `bytes` are well-formed UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF,
 * no truncated sequence. The project file read from disk is refused when it is not UTF-8, so a
 * project carried inside a picture is held to the same rule rather than decoded with U+FFFD.
 */
export function isUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) [need, min, cp] = [1, 0x80, b & 0x1f];
    else if (b >= 0xe0 && b <= 0xef) [need, min, cp] = [2, 0x800, b & 0x0f];
    else if (b >= 0xf0 && b <= 0xf4) [need, min, cp] = [3, 0x10000, b & 0x07];
    else return false;
    if (i + need >= bytes.length) return false;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]!;
      if ((c & 0xc0) !== 0x80) return false;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    i += need + 1;
  }
  return true;
}

/** The text of well-formed UTF-8 bytes; undefined when they are not (see {@link isUtf8}). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  return isUtf8(bytes) ? strFromU8(bytes) : undefined;
}

/** One character per byte (ISO-8859-1): how PNG tEXt keywords and PDF syntax are read. */
export function latin1(bytes: Uint8Array): string {
  let out = '';
  // Chunks keep String.fromCharCode's argument list well under engine limits.
  for (let at = 0; at < bytes.length; at += 8192)
    out += String.fromCharCode(...bytes.subarray(at, Math.min(at + 8192, bytes.length)));
  return out;
}
