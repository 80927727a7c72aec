import { randomBytes } from 'node:crypto';
import type { RandomSource } from '../../shared/export/types';

/** The operating system's secure generator, for the secrets written into `.env` at export. */
export const cryptoRandom: RandomSource = {
  bytes: (count) => new Uint8Array(randomBytes(count)),
};
