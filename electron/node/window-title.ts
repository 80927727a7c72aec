import { basename } from 'node:path';

/**
 * The window title: the file name (or "Untitled") with an unsaved mark, then the app name.
 * The mark is a leading "●", as most editors show it; macOS also gets the dot in the close
 * button through `setDocumentEdited`.
 */
export function windowTitle(path: string | null, dirty: boolean): string {
  const name = path === null || path === '' ? 'Untitled' : basename(path);
  return `${dirty ? '● ' : ''}${name} — Portolan`;
}
