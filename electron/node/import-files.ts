/**
 * The disk side of an import: the files the user named are read whole (each at most
 * MAX_IMPORT_BYTES, UTF-8), and the files those name (`extends`, `include`, `env_file`, an
 * nginx `include`) are read on demand, synchronously, because the import core asks for them in
 * the middle of its pure pass. A referenced file is read only up to one byte past the bound:
 * the core then refuses it as too large without a huge file ever being held in memory.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { MAX_COMPOSE_BYTES } from '../../shared/import/compose/document';
import { readTextFile, type ReadResult } from './files';

export const MAX_IMPORT_BYTES = MAX_COMPOSE_BYTES;

/** A file the user named on the command line or picked in a dialog. */
export function readImportFile(path: string): Promise<ReadResult> {
  return readTextFile(path, MAX_IMPORT_BYTES);
}

/** `readFile` for the import core: the text of `path`, or undefined when it is not a readable UTF-8 file. */
export function readReferencedFile(path: string): string | undefined {
  let fd: number | undefined;
  try {
    if (!statSync(path).isFile()) return undefined;
    fd = openSync(path, 'r');
    const buffer = Buffer.alloc(MAX_IMPORT_BYTES + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length === buffer.length) break;
    }
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, length));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
