import type { RandomSource } from './types';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A secret of `length` letters and digits (≈ 5.95 bits each). Rejection sampling keeps every
 * character equally likely; the alphabet needs no quoting in `.env`, YAML or URIs.
 */
export function generateSecret(random: RandomSource, length: number): string {
  let out = '';
  const limit = 256 - (256 % ALPHABET.length); // 248: bytes at or above it would bias the result
  while (out.length < length) {
    for (const byte of random.bytes(length - out.length + 8)) {
      if (byte < limit) out += ALPHABET[byte % ALPHABET.length];
      if (out.length === length) break;
    }
  }
  return out;
}

/**
 * A deterministic source for tests and golden files (xorshift32). Never use it for real
 * secrets: the CLI and the desktop app inject the operating system's secure generator.
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0 || 0x9e3779b9;
  return {
    bytes(count) {
      const out = new Uint8Array(count);
      for (let i = 0; i < count; i++) {
        state ^= state << 13;
        state >>>= 0;
        state ^= state >>> 17;
        state ^= state << 5;
        state >>>= 0;
        out[i] = state & 0xff;
      }
      return out;
    },
  };
}
