/**
 * A PNG on the system clipboard (the async Clipboard API). The item is handed to the browser at
 * once with the picture still being drawn (a promise), so the click that asked for it still
 * counts as the user's gesture when the bytes arrive.
 */

/** Why the clipboard refused, in words for the notice strip. */
export function clipboardFailure(error: unknown): string {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError')
    return 'The clipboard refused the picture: the window must be in front and allowed to write to the clipboard. Use Export diagram… to save it as a file instead.';
  const reason = error instanceof Error ? error.message : String(error);
  return `Could not copy the diagram as an image: ${reason}`;
}

/** Whether this browser can put images on the clipboard at all. */
export function canCopyImages(): boolean {
  return typeof ClipboardItem !== 'undefined' && typeof navigator !== 'undefined' && !!navigator.clipboard?.write;
}

/** Puts the PNG `png` resolves to on the clipboard; rejects with the browser's reason. */
export async function copyPng(png: Promise<Uint8Array>): Promise<void> {
  if (!canCopyImages()) throw new Error('this browser cannot put images on the clipboard');
  const blob = png.then((bytes) => new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'image/png' }));
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
}
