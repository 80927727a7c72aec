/**
 * What differs between a packaged build and a start from the source tree, pinned for both:
 * where the page comes from (a packaged build never reads ELECTRON_RENDERER_URL; an unpackaged
 * one accepts only a loopback http dev server), developer tools (window preferences and the
 * menu), and the environment `portolan start` hands Electron.
 */
import { describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL, localDevServerOrigin, rendererSource } from '../../../../electron/node/app-protocol';
import { electronEnvironment } from '../../../../electron/node/launch';
import { buildMenuTemplate, type MenuItemSpec } from '../../../../electron/node/menu-template';
import { MENU_ACTION_IDS } from '../../../../shared/actions/menu';
import { mainWindowOptions, secureWebPreferences } from '../../../../electron/node/window-options';

const PLATFORMS: NodeJS.Platform[] = ['linux', 'win32', 'darwin'];

describe('where the page comes from', () => {
  it('packaged: always app://portolan/index.html, without even reading ELECTRON_RENDERER_URL', () => {
    for (const value of ['http://localhost:5173', 'https://evil.example/', undefined]) {
      const read = vi.fn(() => value);
      expect(rendererSource({ packaged: true, devServerUrl: read })).toEqual({ kind: 'app', url: APP_ENTRY_URL });
      expect(read).not.toHaveBeenCalled();
    }
  });

  it('unpackaged: electron-vite’s dev server on loopback http', () => {
    for (const [value, url] of [
      ['http://localhost:5173', 'http://localhost:5173/'],
      ['http://localhost:5173/', 'http://localhost:5173/'],
      ['http://127.0.0.1:5174', 'http://127.0.0.1:5174/'],
      ['http://LOCALHOST:5173', 'http://localhost:5173/'],
    ] as const) {
      const read = vi.fn(() => value);
      expect(rendererSource({ packaged: false, devServerUrl: read }), value).toEqual({ kind: 'dev-server', url });
      expect(read).toHaveBeenCalledOnce();
    }
  });

  it('unpackaged without a dev server: the built renderer', () => {
    for (const value of [undefined, '']) {
      expect(rendererSource({ packaged: false, devServerUrl: () => value })).toEqual({
        kind: 'app',
        url: APP_ENTRY_URL,
      });
    }
  });

  it.each([
    'https://localhost:5173',
    'http://evil.example:5173',
    'http://localhost.evil.example:5173',
    'http://127.0.0.2:5173',
    'http://0.0.0.0:5173',
    'http://[::1]:5173',
    'http://192.168.1.10:5173',
    'http://user:pw@localhost:5173',
    'http://localhost:5173/some/page.html',
    'http://localhost:5173/?next=https://evil.example',
    'http://localhost:5173/#x',
    'file:///tmp/index.html',
    'app://portolan/index.html',
    'javascript:alert(1)',
    'localhost:5173',
    'not a url',
  ])('unpackaged: ignores ELECTRON_RENDERER_URL=%s and loads the built renderer', (value) => {
    expect(localDevServerOrigin(value)).toBeNull();
    const source = rendererSource({ packaged: false, devServerUrl: () => value });
    expect(source).toMatchObject({ kind: 'app', url: APP_ENTRY_URL });
    expect(source.kind === 'app' && source.ignored).toMatch(/ELECTRON_RENDERER_URL/);
  });
});

describe('developer tools', () => {
  it('packaged windows have none; unpackaged ones do; every other preference is the same', () => {
    const packaged = secureWebPreferences('/p.cjs', { packaged: true });
    const unpackaged = secureWebPreferences('/p.cjs', { packaged: false });
    expect(packaged.devTools).toBe(false);
    expect(unpackaged.devTools).toBe(true);
    expect({ ...packaged, devTools: null }).toEqual({ ...unpackaged, devTools: null });
    expect(mainWindowOptions('/p.cjs', { packaged: true }).webPreferences.devTools).toBe(false);
    expect(mainWindowOptions('/p.cjs', { packaged: false }).webPreferences.devTools).toBe(true);
  });

  it('needs to be told whether the build is packaged', () => {
    expect(() => secureWebPreferences('/p.cjs', undefined as never)).toThrow(TypeError);
    expect(() => secureWebPreferences('/p.cjs', {} as never)).toThrow(TypeError);
    expect(() => secureWebPreferences('/p.cjs', { packaged: 'yes' } as never)).toThrow(TypeError);
  });

  const actions = { command: vi.fn(), openRecent: vi.fn(), clearRecent: vi.fn(), openDocs: vi.fn(), about: vi.fn() };
  /** Every item of the menu, at any depth. */
  const everything = (items: MenuItemSpec[]): MenuItemSpec[] =>
    items.flatMap((item) => [item, ...everything(item.submenu ?? [])]);
  // `\binspect\b`: Inspect Element, not the editor's Show or Hide Inspector.
  const devItems = (items: MenuItemSpec[]) =>
    everything(items)
      .filter((i) => /devtools|reload|\binspect\b/i.test(`${i.role ?? ''} ${i.label ?? ''}`))
      .map((i) => i.role ?? i.label);

  it.each(PLATFORMS)('packaged on %s: no Developer Tools or Reload anywhere in the menu', (platform) => {
    const menu = buildMenuTemplate({
      platform,
      packaged: true,
      recent: ['/a/reload.yaml'],
      available: MENU_ACTION_IDS,
      actions,
    });
    expect(everything(menu).length).toBeGreaterThan(20);
    // The recent file's label mentions "reload": only roles and menu commands count.
    expect(devItems(menu).filter((name) => !String(name).includes('.yaml'))).toEqual([]);
  });

  it.each(PLATFORMS)('unpackaged on %s: View has Reload and Toggle Developer Tools', (platform) => {
    const menu = buildMenuTemplate({ platform, packaged: false, recent: [], available: MENU_ACTION_IDS, actions });
    expect(devItems(menu)).toEqual(['reload', 'toggleDevTools']);
  });
});

describe('portolan start', () => {
  it('hands Electron the user’s environment without ELECTRON_RENDERER_URL or ELECTRON_RUN_AS_NODE', () => {
    const env = {
      PATH: '/usr/bin',
      HOME: '/home/a',
      ELECTRON_RENDERER_URL: 'http://localhost:5173',
      ELECTRON_RUN_AS_NODE: '1',
    };
    expect(electronEnvironment(env)).toEqual({ PATH: '/usr/bin', HOME: '/home/a' });
    // The caller's object is left alone.
    expect(env.ELECTRON_RENDERER_URL).toBe('http://localhost:5173');
  });
});
