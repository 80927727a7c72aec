import type { RandomSource } from '../../../shared/export/index';

/**
 * A random source that replays the same bytes after `rewind()`, drawing fresh ones only past its
 * end: the dialog exports again on every change of option or target, and the secrets must not
 * change under the architect's eyes.
 */
export function replayable(source: RandomSource): RandomSource & { rewind(): void } {
  let pool = new Uint8Array(0);
  let cursor = 0;
  return {
    rewind() {
      cursor = 0;
    },
    bytes(count) {
      if (cursor + count > pool.length) {
        const grown = new Uint8Array(Math.max(cursor + count, pool.length * 2));
        grown.set(pool);
        grown.set(source.bytes(grown.length - pool.length), pool.length);
        pool = grown;
      }
      const out = pool.slice(cursor, cursor + count);
      cursor += count;
      return out;
    },
  };
}
