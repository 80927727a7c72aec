/**
 * The browser bridge's storage parts (autosave, recent files) and its random source, with a
 * fake localStorage: no DOM needed.
 */
import { describe, expect, it } from 'vitest';
import {
  AUTOSAVE_KEY,
  browserRandom,
  createBrowserBridge,
  RECENT_KEY,
  RECENT_LIMIT,
  storageAutosave,
  storageRecent,
  type StorageLike,
} from '../../../renderer/src/bridge-browser';
import { generateSecret } from '../../../shared/export/index';

/** A Map-backed localStorage; `full` makes writes throw like a browser over its quota. */
function fakeStorage(initial: Record<string, string> = {}): StorageLike & { data: Map<string, string>; full: boolean } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    full: false,
    getItem: (key) => data.get(key) ?? null,
    setItem(key, value) {
      if (this.full) throw new DOMException('quota exceeded', 'QuotaExceededError');
      data.set(key, String(value));
    },
    removeItem: (key) => void data.delete(key),
  };
}

describe('autosave', () => {
  it('saves, loads and clears under portolan.autosave', () => {
    const storage = fakeStorage();
    const autosave = storageAutosave(storage);
    expect(autosave.load()).toBeNull();
    autosave.save('format: 1\n');
    expect(storage.data.get(AUTOSAVE_KEY)).toBe('format: 1\n');
    expect(AUTOSAVE_KEY).toBe('portolan.autosave');
    expect(autosave.load()).toBe('format: 1\n');
    autosave.save('format: 1\nmeta: {}\n');
    expect(autosave.load()).toBe('format: 1\nmeta: {}\n');
    autosave.clear();
    expect(autosave.load()).toBeNull();
    expect(storage.data.has(AUTOSAVE_KEY)).toBe(false);
  });

  it('keeps the last good copy when the storage is full, without throwing', () => {
    const storage = fakeStorage();
    const autosave = storageAutosave(storage);
    autosave.save('first');
    storage.full = true;
    expect(() => autosave.save('second')).not.toThrow();
    expect(autosave.load()).toBe('first');
  });

  it('works, empty, without any storage', () => {
    const autosave = storageAutosave(null);
    expect(() => autosave.save('x')).not.toThrow();
    expect(autosave.load()).toBeNull();
    expect(() => autosave.clear()).not.toThrow();
  });

  it('survives a storage whose reads throw (storage disabled by policy)', () => {
    const hostile: StorageLike = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    expect(storageAutosave(hostile).load()).toBeNull();
    expect(storageRecent(hostile).list()).toEqual([]);
    expect(() => storageRecent(hostile).add('a.portolan.yaml')).not.toThrow();
  });
});

describe('recent files', () => {
  it('lists the most recent first, without duplicates', () => {
    const storage = fakeStorage();
    const recent = storageRecent(storage);
    expect(recent.list()).toEqual([]);
    recent.add('a.portolan.yaml');
    recent.add('b.portolan.yaml');
    recent.add('a.portolan.yaml');
    expect(recent.list()).toEqual(['a.portolan.yaml', 'b.portolan.yaml']);
    expect(JSON.parse(storage.data.get(RECENT_KEY)!)).toEqual(['a.portolan.yaml', 'b.portolan.yaml']);
  });

  it(`keeps at most ${RECENT_LIMIT} names`, () => {
    const recent = storageRecent(fakeStorage());
    for (let i = 0; i < RECENT_LIMIT + 5; i++) recent.add(`p${i}.portolan.yaml`);
    const list = recent.list();
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list[0]).toBe(`p${RECENT_LIMIT + 4}.portolan.yaml`);
  });

  it('ignores empty names', () => {
    const recent = storageRecent(fakeStorage());
    recent.add('');
    expect(recent.list()).toEqual([]);
  });

  it.each(['not json', '{"a":1}', '42', 'null'])('reads a corrupt entry %j as empty and repairs it on add', (raw) => {
    const storage = fakeStorage({ [RECENT_KEY]: raw });
    const recent = storageRecent(storage);
    expect(recent.list()).toEqual([]);
    recent.add('x.portolan.yaml');
    expect(recent.list()).toEqual(['x.portolan.yaml']);
  });

  it('drops non-string entries written by something else', () => {
    const recent = storageRecent(fakeStorage({ [RECENT_KEY]: JSON.stringify(['a', 3, null, '', 'b']) }));
    expect(recent.list()).toEqual(['a', 'b']);
  });
});

describe('createBrowserBridge', () => {
  it('is the browser platform and shares one storage between autosave and recent', () => {
    const storage = fakeStorage();
    const bridge = createBrowserBridge({ storage });
    expect(bridge.platform).toBe('browser');
    bridge.autosave.save('text');
    bridge.recent.add('acme.portolan.yaml');
    expect(storage.data.get(AUTOSAVE_KEY)).toBe('text');
    expect(createBrowserBridge({ storage }).recent.list()).toEqual(['acme.portolan.yaml']);
  });

  it('answers null to file operations when there is no window', async () => {
    const bridge = createBrowserBridge({ storage: null });
    await expect(bridge.openProjectFile()).resolves.toBeNull();
    await expect(bridge.saveProjectFile('x', 'a.portolan.yaml')).resolves.toBeNull();
    await expect(bridge.saveExport([], 'folder')).resolves.toBeNull();
  });
});

describe('browserRandom', () => {
  it('fills any length, beyond the 65,536-byte limit of one getRandomValues call', () => {
    const bytes = browserRandom.bytes(200_000);
    expect(bytes).toHaveLength(200_000);
    // The last chunk is filled too: 4 KB of zeros from a secure source would be astronomically unlikely.
    expect(bytes.subarray(196_000).some((b) => b !== 0)).toBe(true);
    expect(browserRandom.bytes(0)).toHaveLength(0);
  });

  it('differs between calls and makes usable secrets', () => {
    expect(browserRandom.bytes(32)).not.toEqual(browserRandom.bytes(32));
    expect(generateSecret(browserRandom, 32)).toMatch(/^[A-Za-z0-9]{32}$/);
  });
});
