/**
 * The picture actions as the editor runs them from its action registry (Export diagram…, Copy
 * diagram as image, Print diagram…): each reads the store and reports through its notice.
 */
import type { EditorStore } from '../store/editor';
import { clipboardFailure, copyPng } from './clipboard';
import { loadPictures } from './load';
import { systemTheme } from './options';
import { printPicture } from './print';
import { pictureSourceOf } from './source';

/** Copies the diagram as a PNG (2×, the system's theme, redaction and badges as set) to the clipboard. */
export async function copyDiagramImage(store: EditorStore): Promise<void> {
  const state = store.getState();
  const source = pictureSourceOf(state);
  if (source === null) return;
  const { redact, problemBadges } = state.audience;
  const png = loadPictures().then((pictures) =>
    pictures.picturePng(source, { theme: systemTheme(), view: 'full', redact, problemBadges, scale: 2 }),
  );
  try {
    await copyPng(png);
    store.getState().notify({
      kind: 'info',
      text: `The diagram is on the clipboard as an image${redact ? ' (redacted)' : ''}.`,
    });
  } catch (error) {
    store.getState().notify({ kind: 'error', text: clipboardFailure(error) });
  }
}

/** Prints the diagram alone with its title block, fitted to the page (print.ts). */
export async function printDiagram(store: EditorStore): Promise<void> {
  try {
    await printPicture(store);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    store.getState().notify({ kind: 'error', text: `Could not prepare the diagram for printing: ${reason}` });
  }
}
