import { connectionsOf, lookupOf } from '../../../shared/connections/index';
import { describe, expect, it } from 'vitest';
import { saveProject } from '../../../shared/format/index';
import type { ComponentId, Project } from '../../../shared/model/index';
import { FORMAT_VERSION } from '../../../shared/model/index';
import { fixFor } from '../../../shared/rules/index';
import {
  createEditorStore,
  DEFAULT_LAYOUT,
  hasUnsavedWork,
  isDirty,
  panelShown,
} from '../../../renderer/src/store/editor';
import { template } from '../../support/fixtures';

const opened = (id: 'default' | 'manual' | 'ha' = 'manual') => {
  const store = createEditorStore();
  const project = template(id);
  store.getState().open(project, `${id}.portolan.yaml`, saveProject(project));
  return store;
};
const p = (store: ReturnType<typeof createEditorStore>): Project => store.getState().project!;
const cid = (s: string) => s as ComponentId;

describe('editor store', () => {
  it('opens a project clean, with diagnostics derived from it', () => {
    const store = opened();
    expect(isDirty(store.getState())).toBe(false);
    // Only the template's unpinned nextAuth tag (NA052: a template cannot know the version).
    expect(store.getState().diagnostics.map((d) => d.rule)).toEqual(['NA052']);
    store.getState().change((x) => ({ ...x, routes: x.routes.filter((r) => r.id !== 'ws') }));
    expect(isDirty(store.getState())).toBe(true);
    expect(store.getState().diagnostics.map((d) => d.rule)).toContain('NA010');
  });

  it('undo and redo walk the document history; selection is not part of it', () => {
    const store = opened();
    const before = p(store);
    store.getState().updateComponent('redis', (c) => ({ ...c, name: 'Cache' }));
    store.getState().select({ components: ['redis'] });
    store.getState().undo();
    expect(p(store)).toBe(before);
    expect(store.getState().selection.components).toEqual(['redis']);
    store.getState().redo();
    expect(p(store).components.find((c) => c.id === 'redis')?.name).toBe('Cache');
    store.getState().redo();
    expect(p(store).components.find((c) => c.id === 'redis')?.name).toBe('Cache');
  });

  it('a drag is one undo step, however many moves it makes', () => {
    const store = opened();
    const before = p(store);
    for (let i = 1; i <= 30; i++)
      store.getState().moveComponents(new Map([[cid('redis'), { x: i, y: i }]]), 'drag:redis');
    store.getState().commit();
    store.getState().updateComponent('redis', (c) => ({ ...c, name: 'After drag' }));
    store.getState().undo();
    expect(p(store).components.find((c) => c.id === 'redis')?.position).toEqual({ x: 30, y: 30 });
    store.getState().undo();
    expect(p(store)).toBe(before);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('typing in one field is one step; another field starts a new one', () => {
    const store = opened();
    for (const name of ['C', 'Ca', 'Cac', 'Cache'])
      store.getState().updateComponent('redis', (c) => ({ ...c, name }), 'field:redis:name');
    store.getState().updateComponent('redis', (c) => ({ ...c, replicas: 2 }), 'field:redis:replicas');
    store.getState().undo();
    expect(p(store).components.find((c) => c.id === 'redis')).toMatchObject({ name: 'Cache', replicas: 1 });
    store.getState().undo();
    expect(p(store).components.find((c) => c.id === 'redis')?.name).toBe('Redis');
  });

  it('a move does not re-run the checker; other edits do', () => {
    const store = opened();
    const diagnostics = store.getState().diagnostics;
    store.getState().moveComponents(new Map([[cid('redis'), { x: 1, y: 1 }]]));
    expect(store.getState().diagnostics).toBe(diagnostics);
    store.getState().updateComponent('nextauth', (c) => ({ ...c, replicas: 2 }));
    expect(store.getState().diagnostics).not.toBe(diagnostics);
  });

  it('adds a component with the kind label, default flavour and zone, and selects it', () => {
    const store = opened();
    const id = store.getState().addComponent('reverse-proxy', { x: 5, y: 6 });
    const added = p(store).components.find((c) => c.id === id)!;
    expect(added).toMatchObject({
      kind: 'reverse-proxy',
      name: 'Reverse proxy',
      flavour: 'nginx',
      zone: 'dmz',
      position: { x: 5, y: 6 },
    });
    expect(store.getState().selection.components).toEqual([id]);
  });

  it('connects ports once, never a component to itself', () => {
    const store = opened();
    const id = store.getState().connect('business-app', 'redis', 'redis');
    expect(id).toBeDefined();
    expect(store.getState().connect('business-app', 'redis', 'redis')).toBeUndefined();
    expect(store.getState().connect('redis', 'redis', 'redis')).toBeUndefined();
  });

  it('deletes the selection with everything that refers to it, and undo brings it all back', () => {
    const store = opened();
    const before = p(store);
    store.getState().select({ components: ['nextauth'] });
    store.getState().deleteSelection();
    expect(p(store).components.some((c) => c.id === 'nextauth')).toBe(false);
    expect(p(store).routes.every((r) => r.target !== 'nextauth')).toBe(true);
    expect(store.getState().selection.components).toEqual([]);
    store.getState().undo();
    expect(p(store)).toBe(before);
  });

  it('copy and paste: fresh ids, offset positions, internal links kept; duplicate does both', () => {
    const store = opened();
    store.getState().select({ components: ['nextauth', 'mysql'] });
    store.getState().copySelection();
    store.getState().paste({ x: 10, y: 20 });
    const pasted = store.getState().selection.components;
    expect(pasted).toEqual(['nextauth-2', 'mysql-2']);
    const copy = p(store).components.find((c) => c.id === 'nextauth-2')!;
    const original = p(store).components.find((c) => c.id === 'nextauth')!;
    expect(copy.position).toEqual({ x: original.position.x + 10, y: original.position.y + 20 });
    expect(
      p(store)
        .links.filter((l) => l.from === 'nextauth-2')
        .map((l) => l.to),
    ).toEqual(['mysql-2']);
    store.getState().duplicateSelection();
    expect(store.getState().selection.components).toEqual(['nextauth-3', 'mysql-3']);
  });

  it('applies a quick fix and records a suppression with its reason', () => {
    const store = opened();
    store.getState().updateComponent('nextauth', (c) => ({
      ...c,
      environment: {
        ...c.environment,
        NEXTAUTH_DEFAULT_WS_URL: { type: 'literal', value: 'wss://wrong.example.com/' },
      },
    }));
    const [mismatch] = store.getState().diagnostics.filter((d) => d.rule === 'NA003');
    store.getState().fix(mismatch!);
    expect(store.getState().diagnostics.filter((d) => d.rule === 'NA003')).toEqual([]);
    store.getState().change((x) => ({ ...x, routes: x.routes.filter((r) => r.id !== 'mobile-api') }));
    const [missing] = store.getState().diagnostics.filter((d) => d.rule === 'NA010');
    store.getState().suppress(missing!, '   ');
    expect(p(store).suppressions).toEqual([]);
    store.getState().suppress(missing!, 'Pilot without the Mobile API');
    expect(store.getState().diagnostics.find((d) => d.rule === 'NA010')?.suppressed).toEqual({
      reason: 'Pilot without the Mobile API',
    });
  });

  it('selection drops elements that an undo removed', () => {
    const store = opened();
    const id = store.getState().addComponent('redis', { x: 0, y: 0 })!;
    expect(store.getState().selection.components).toEqual([id]);
    store.getState().undo();
    expect(store.getState().selection.components).toEqual([]);
  });

  it('undoing back to the saved document makes it clean again; a new document starts dirty', () => {
    const store = opened();
    store.getState().updateComponent('redis', (c) => ({ ...c, name: 'Cache' }));
    expect(isDirty(store.getState())).toBe(true);
    store.getState().undo();
    expect(isDirty(store.getState())).toBe(false);
    store.getState().open(template('ha'), null);
    expect(isDirty(store.getState())).toBe(true);
  });

  it('marks saved and closes', () => {
    const store = opened();
    store.getState().updateComponent('redis', (c) => ({ ...c, name: 'Cache' }));
    store.getState().markSaved('x.portolan.yaml', saveProject(p(store)));
    expect(isDirty(store.getState())).toBe(false);
    store.getState().close();
    expect(store.getState().project).toBeNull();
  });

  it('an untouched template is unsaved but has no work to lose; one edit, or an undone one, has', () => {
    const store = createEditorStore();
    store.getState().open(template('default'), null, null);
    expect(isDirty(store.getState())).toBe(true);
    expect(hasUnsavedWork(store.getState())).toBe(false);
    store.getState().updateComponent('redis', (c) => ({ ...c, name: 'Cache' }));
    expect(hasUnsavedWork(store.getState())).toBe(true);
    store.getState().undo();
    expect(hasUnsavedWork(store.getState())).toBe(true); // redo could bring it back: ask
    const saved = opened();
    expect(hasUnsavedWork(saved.getState())).toBe(false);
    saved.getState().updateComponent('redis', (c) => ({ ...c, name: 'Cache' }));
    expect(hasUnsavedWork(saved.getState())).toBe(true);
  });

  it('folds panels and presents without touching the document or its history', () => {
    const store = opened();
    const before = { project: p(store), history: store.getState().history };
    const shown = (panel: 'palette' | 'inspector' | 'problems') => panelShown(store.getState().layout, panel);
    expect(store.getState().layout).toEqual(DEFAULT_LAYOUT);

    store.getState().togglePanel('palette');
    expect(shown('palette')).toBe(false);
    store.getState().togglePanel('palette', false); // already folded: no new state
    const folded = store.getState().layout;
    store.getState().togglePanel('palette', false);
    expect(store.getState().layout).toBe(folded);

    // Presenting hides every panel but remembers the working layout.
    store.getState().setPresenting(true);
    expect(['palette', 'inspector', 'problems'].map((x) => shown(x as 'palette'))).toEqual([false, false, false]);
    store.getState().setPresenting(false);
    expect(shown('palette')).toBe(false);
    expect(shown('inspector')).toBe(true);

    // Asking for a panel while presenting leaves presentation with that panel open.
    store.getState().setPresenting(true);
    store.getState().togglePanel('palette');
    expect(store.getState().layout.presenting).toBe(false);
    expect(shown('palette')).toBe(true);

    expect(p(store)).toBe(before.project);
    expect(store.getState().history).toBe(before.history);
    store.getState().undo();
    expect(store.getState().layout.panels.palette).toBe(true);

    // Leaving the document ends the presentation; the panels stay as the user left them.
    store.getState().togglePanel('problems', false);
    store.getState().setPresenting(true);
    store.getState().close();
    expect(store.getState().layout).toEqual({
      presenting: false,
      panels: { ...DEFAULT_LAYOUT.panels, problems: false },
    });
  });
});

describe('from an empty project to a clean deployment', () => {
  it('palette defaults, connections, one route and the quick fixes leave no error', () => {
    const store = createEditorStore();
    store.getState().open(
      {
        format: FORMAT_VERSION,
        meta: { name: 'Blank', description: '' },
        settings: { registry: '', tag: 'latest' },
        zones: [],
        components: [],
        links: [],
        routes: [],
        suppressions: [],
      },
      null,
    );
    const s = () => store.getState();
    const nextauth = s().addComponent('nextauth', { x: 600, y: 0 })!;
    const proxy = s().addComponent('reverse-proxy', { x: 300, y: 0 })!;
    const db = s().addComponent('database', { x: 900, y: 0 })!;
    const redis = s().addComponent('redis', { x: 900, y: 200 })!;
    s().connect(nextauth, db, 'db');
    s().connect(nextauth, redis, 'redis');
    for (const [port, host] of [
      ['ws', 'auth.example.com'],
      ['mobile', 'mobile.auth.example.com'],
    ] as const) {
      s().addRoute({
        via: proxy,
        scheme: port === 'ws' ? 'wss' : 'https',
        host,
        path: '/',
        target: nextauth,
        port,
        tls: { terminate: true, reencrypt: false },
      });
    }
    for (let guard = 0; guard < 20; guard++) {
      const project = s().project!;
      const fixable = s().diagnostics.find((d) => d.severity === 'error' && fixFor(d, project));
      if (!fixable) break;
      s().fix(fixable);
    }
    expect(s().diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(s().diagnostics.filter((d) => d.severity === 'warning')).toEqual([]);
    // The blank project's tag is "latest": pinning it is the architect's step (an info).
    expect(
      s()
        .diagnostics.filter((d) => d.rule === 'NA052')
        .map((d) => d.severity),
    ).toEqual(['info']);
    const env = s().project!.components.find((c) => c.id === nextauth)!.environment;
    expect(env.NEXTAUTH_DEFAULT_WS_URL).toEqual({ type: 'literal', value: 'wss://auth.example.com/' });
    // The database connection is the drawn link: no URI is typed, the export derives it.
    expect(env.NEXTAUTH_DB_URI).toBeUndefined();
    const { database } = connectionsOf(
      lookupOf(s().project!),
      s().project!.components.find((c) => c.id === nextauth)!,
    );
    expect(database?.uri).toBe('mysql://nextauth:${MYSQL_PASSWORD}@database:3306/nextauth?loc=Local');
  });
});
