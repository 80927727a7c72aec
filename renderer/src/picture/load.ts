/**
 * The picture code (SVG writer, fonts, PNG and PDF) is loaded on first use — export, copy as
 * image, print — so it adds nothing to the editor's first paint. `preloadPictures` starts the
 * load when the editor is idle, so a print started from the browser's own menu (which gives no
 * time to load anything) finds it ready.
 */
import type * as Compose from './compose';

type PictureModule = typeof Compose;

let loading: Promise<PictureModule> | undefined;
let loaded: PictureModule | undefined;

export function loadPictures(): Promise<PictureModule> {
  loading ??= import('./compose').then((module) => (loaded = module));
  return loading;
}

/** The picture code if it has loaded already (synchronous paths: the browser's `beforeprint`). */
export function loadedPictures(): PictureModule | undefined {
  return loaded;
}

/** Starts loading when the browser is idle (or soon, where it cannot tell). */
export function preloadPictures(): () => void {
  const start = () => void loadPictures().catch(() => (loading = undefined));
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(start, { timeout: 4000 });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(start, 1500);
  return () => clearTimeout(id);
}
