/**
 * The print picture: a container outside the React tree (print.css shows it alone when
 * printing) holding the diagram's SVG picture as an image, light theme (paper is white), with an
 * `@page` rule turning the sheet to the picture's orientation. It is drawn when printing starts —
 * from the editor's Print action, the browser's own menu (`beforeprint`), or print emulation
 * (the `print` media query) — so nothing is spent on it while editing.
 */
import { useEffect } from 'react';
import type { EditorStore } from '../store/editor';
import { loadedPictures, loadPictures, preloadPictures } from './load';
import { svgSize } from '../../../shared/render/picture-size';
import { svgDataUrl } from './raster';
import { pictureSourceOf } from './source';
import './print.css';

type Pictures = NonNullable<ReturnType<typeof loadedPictures>>;

const ROOT_CLASS = 'pl-print';

/** The print container, created on first use at the end of the body. */
function printRoot(doc: Document): { root: HTMLElement; page: HTMLStyleElement; image: HTMLImageElement } {
  let root = doc.body.querySelector<HTMLElement>(`:scope > .${ROOT_CLASS}`);
  if (root === null) {
    root = doc.createElement('div');
    root.className = ROOT_CLASS;
    root.dataset.testid = 'print-picture';
    // On screen it is never shown; printed, it is the page itself.
    root.setAttribute('aria-hidden', 'true');
    root.append(doc.createElement('style'), doc.createElement('img'));
    doc.body.append(root);
  }
  return { root, page: root.querySelector('style')!, image: root.querySelector('img')! };
}

/** What the picture was last drawn from: drawing it again for the same inputs is skipped. */
interface Drawn {
  readonly project: object;
  readonly diagnostics: object;
  readonly redact: boolean;
  readonly problemBadges: boolean;
  readonly date: string;
}
const drawn = new WeakMap<Document, Drawn>();
const same = (a: Drawn | undefined, b: Drawn): boolean =>
  a !== undefined && (Object.keys(b) as (keyof Drawn)[]).every((k) => a[k] === b[k]);

/**
 * Draws the print picture now (synchronously: the browser prints right after `beforeprint`).
 * Returns the image, or null without a document.
 */
export function drawPrintPicture(
  store: EditorStore,
  pictures: Pictures,
  doc: Document = document,
): HTMLImageElement | null {
  const state = store.getState();
  const source = pictureSourceOf(state);
  const { page, image } = printRoot(doc);
  if (source === null) {
    image.removeAttribute('src');
    drawn.delete(doc);
    return null;
  }
  const { redact, problemBadges } = state.audience;
  const inputs: Drawn = {
    project: source.project,
    diagnostics: state.diagnostics,
    redact,
    problemBadges,
    date: source.date,
  };
  if (same(drawn.get(doc), inputs) && image.getAttribute('src')) return image;
  const svg = pictures.pictureSvg(source, { theme: 'light', view: 'full', redact, problemBadges });
  const { width, height } = svgSize(svg);
  page.textContent = `@page { size: ${width >= height ? 'landscape' : 'portrait'}; margin: 10mm; }`;
  image.alt = `Diagram of ${source.project.meta.name}`;
  image.src = svgDataUrl(svg);
  drawn.set(doc, inputs);
  return image;
}

/** The editor's Print action: the picture drawn and decoded, then the browser's print dialog. */
export async function printPicture(store: EditorStore, win: Window = window): Promise<void> {
  const image = drawPrintPicture(store, await loadPictures(), win.document);
  if (image === null) return;
  await image.decode();
  win.print();
}

/**
 * Keeps printing ready while the editor is open: the picture code loads when the browser is
 * idle, and a print the editor did not start (the browser's menu, print emulation) draws the
 * picture as it begins.
 */
export function usePrintPicture(store: EditorStore): void {
  useEffect(() => {
    const cancel = preloadPictures();
    const draw = () => {
      const pictures = loadedPictures();
      if (pictures !== undefined) drawPrintPicture(store, pictures);
      // Not loaded yet (a print within the first second): draw as soon as it is.
      else void loadPictures().then((p) => drawPrintPicture(store, p));
    };
    const media = window.matchMedia?.('print');
    const onMedia = (e: MediaQueryListEvent) => e.matches && draw();
    window.addEventListener('beforeprint', draw);
    media?.addEventListener('change', onMedia);
    return () => {
      cancel();
      window.removeEventListener('beforeprint', draw);
      media?.removeEventListener('change', onMedia);
    };
  }, [store]);
}
