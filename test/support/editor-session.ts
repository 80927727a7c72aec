/**
 * The lifecycle every end-to-end suite of the editor shares: the built renderer served on
 * loopback and one Chromium for the suite (registered as beforeAll/afterAll of the calling
 * describe), a fresh watched page per test, and a close that fails the test on any console
 * error, uncaught exception or failed request.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import {
  launchChromium,
  openWatchedPage,
  requireBuiltRenderer,
  serveBuiltRenderer,
  type PageOptions,
  type ServedRenderer,
  type WatchedPage,
} from './browser';

export interface EditorSession {
  /** Where the built editor is served (valid once the suite's beforeAll ran). */
  url(): string;
  /** A new page (own context) with the editor loaded; `init` runs in the page before its scripts. */
  open(
    options?: PageOptions & { readonly init?: { readonly script: (arg: never) => void; readonly arg?: unknown } },
  ): Promise<WatchedPage>;
  /** Asserts the page saw no errors, then closes its context. */
  done(watched: WatchedPage): Promise<void>;
}

export function editorSession(): EditorSession {
  let served: ServedRenderer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    requireBuiltRenderer();
    served = await serveBuiltRenderer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });
  return {
    url: () => served!.url,
    async open(options = {}) {
      const watched = await openWatchedPage(browser!, options);
      if (options.init) await watched.page.context().addInitScript(options.init.script, options.init.arg as never);
      await watched.page.goto(served!.url);
      return watched;
    },
    async done(watched) {
      expect(watched.errors, watched.errors.join('\n')).toEqual([]);
      await watched.page.context().close();
    },
  };
}
