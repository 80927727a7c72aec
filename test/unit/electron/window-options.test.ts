import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isNavigationAllowed,
  isPermissionAllowed,
  mainWindowOptions,
  secureWebPreferences,
  windowOpenDecision,
} from '../../../electron/node/window-options';

describe('secureWebPreferences', () => {
  it('pins the security settings of every window', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs', { packaged: true })).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
      devTools: false,
    });
  });

  it('main restates isolation, the sandbox and no auxclick where it makes the window, with the same values', () => {
    const main = readFileSync(new URL('../../../electron/main/index.ts', import.meta.url), 'utf8');
    const call = /new BrowserWindow\(\{[\s\S]*?\n {2}\}\);/.exec(main)?.[0] ?? '';
    expect(call).toContain('...options.webPreferences');
    const prefs = secureWebPreferences('/p', { packaged: true });
    expect(call).toContain(`contextIsolation: ${String(prefs.contextIsolation)},`);
    expect(call).toContain(`sandbox: ${String(prefs.sandbox)},`);
    expect(call).toContain(`disableBlinkFeatures: '${prefs.disableBlinkFeatures}',`);
  });

  it('requires a preload path', () => {
    expect(() => secureWebPreferences('', { packaged: true })).toThrow(TypeError);
  });
});

describe('mainWindowOptions', () => {
  it('opens one 1440×900 window, shown when ready, with the secure preferences', () => {
    const opts = mainWindowOptions('/p.cjs', { packaged: true });
    expect(opts).toMatchObject({ width: 1440, height: 900, show: false, title: 'Portolan' });
    expect(opts.webPreferences).toEqual(secureWebPreferences('/p.cjs', { packaged: true }));
  });
});

describe('guards', () => {
  it('blocks navigation, new windows and every permission but writing a picture to the clipboard', () => {
    expect(isNavigationAllowed('file:///app/index.html', 'https://example.com/')).toBe(false);
    expect(isNavigationAllowed('file:///app/index.html', 'file:///etc/passwd')).toBe(false);
    expect(windowOpenDecision('https://example.com/')).toEqual({ action: 'deny' });
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'clipboard-write',
      'Clipboard-Sanitized-Write',
      'clipboard-sanitized-write ',
      '',
    ]) {
      expect(isPermissionAllowed(p), p).toBe(false);
    }
    // Copy diagram as image (navigator.clipboard.write) asks for exactly this one.
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
  });

  it('pins the Content-Security-Policy: nothing remote, no inline script', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

describe('renderer/index.html', () => {
  it('carries the same Content-Security-Policy as a meta tag, and no remote resources', () => {
    const html = readFileSync(new URL('../../../renderer/index.html', import.meta.url), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html);
    expect(meta?.[1]).toBe(CONTENT_SECURITY_POLICY);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});
