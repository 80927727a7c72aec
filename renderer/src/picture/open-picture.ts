/**
 * Opening a picture Portolan exported (SVG, PNG, PDF): the project file it carries is what opens.
 * Which files are pictures is decided by name (picture-names.ts); the bytes decide the format
 * (shared/render/embedded.ts), so a picture saved under another picture extension still opens.
 */
import { readPicture } from '../../../shared/render/embedded';

/** A picture that holds no project, or could not be read; the message is for the notice strip. */
export class PictureOpenError extends Error {
  override readonly name = 'PictureOpenError';
}

/**
 * The project text a picture carries. Throws PictureOpenError, naming the file and why, when it
 * is no picture, holds no project (an image from elsewhere), or is damaged.
 */
export function projectTextOfPicture(name: string, bytes: Uint8Array): string {
  const read = readPicture(bytes);
  if (read === undefined) throw new PictureOpenError(`${name} is not an SVG, PNG or PDF file`);
  if (read.ok) return read.text;
  if (read.code === 'picture-no-project')
    throw new PictureOpenError(
      `${name} holds no Portolan project: only pictures exported by Portolan (SVG, PNG or PDF) carry one`,
    );
  throw new PictureOpenError(`${name}: ${read.message} (${read.code})`);
}

/** Reads a picture the user picked or dropped and returns the project text inside it. */
export async function readPictureFile(file: Pick<File, 'name' | 'arrayBuffer'>): Promise<string> {
  return projectTextOfPicture(file.name, new Uint8Array(await file.arrayBuffer()));
}
