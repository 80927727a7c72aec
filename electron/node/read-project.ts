/**
 * Reads a project from a path that may be a project file or a picture Portolan exported (SVG,
 * PNG, PDF carrying the project). A project file is read exactly as before (`readTextFile`: the
 * same limits, codes and messages); a picture is recognised by its first bytes and the project
 * it carries is returned, byte for byte as it was embedded.
 */
import { constants, promises as fs } from 'node:fs';
import { MAX_PROJECT_BYTES } from '../../shared/model/constraints';
import {
  MAX_PICTURE_BYTES,
  pictureKind,
  readPicture,
  type PictureErrorCode,
  type PictureKind,
} from '../../shared/render/embedded';
import { readTextFile, type ReadFailure } from './files';

export type ProjectSourceFailure = {
  readonly ok: false;
  readonly code: ReadFailure['code'] | PictureErrorCode;
  readonly message: string;
};
export type ProjectSourceRead =
  | {
      readonly ok: true;
      readonly text: string;
      /** Set when the project came out of a picture. */
      readonly picture?: PictureKind;
    }
  | ProjectSourceFailure;

/** Enough to tell a picture from a project file: a PDF header may start anywhere in the first 1 KB. */
const SNIFF_BYTES = 1024;

/** The first bytes of `path`, or undefined when it cannot be opened as a file (readTextFile then says why). */
async function head(path: string): Promise<Uint8Array | undefined> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(path, constants.O_RDONLY);
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle?.close();
  }
}

async function readPictureFile(path: string, kind: PictureKind): Promise<ProjectSourceRead> {
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(path);
    if (stat.size > MAX_PICTURE_BYTES)
      return {
        ok: false,
        code: 'file-too-large',
        message: `${path} is ${stat.size} bytes, over the ${MAX_PICTURE_BYTES}-byte limit for a picture; refusing to read it`,
      };
    bytes = await fs.readFile(path);
  } catch (error) {
    return { ok: false, code: 'io', message: `cannot read ${path}: ${(error as Error).message}` };
  }
  const read = readPicture(bytes);
  if (read === undefined) return { ok: false, code: 'io', message: `${path} changed while it was read` };
  if (!read.ok) return { ok: false, code: read.code, message: `${path}: ${read.message}` };
  return { ok: true, text: read.text, picture: kind };
}

/**
 * The project text at `path`, from a project file or from the picture there. `maxBytes` bounds
 * a project file (a picture has its own bound, and the project inside it MAX_PROJECT_BYTES).
 */
export async function readProjectSource(path: string, maxBytes = MAX_PROJECT_BYTES): Promise<ProjectSourceRead> {
  const first = await head(path);
  const kind = first === undefined ? undefined : pictureKind(first);
  if (kind === undefined) return readTextFile(path, maxBytes);
  return readPictureFile(path, kind);
}
