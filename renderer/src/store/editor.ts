import { createStore, type StoreApi } from 'zustand/vanilla';
import { componentDefaults, getKind } from '../../../shared/catalog/index';
import {
  addComponent,
  addLink,
  addRoute,
  moveComponents,
  removeComponents,
  removeLinks,
  removeRoutes,
  suppress,
  uniqueId,
  updateComponent,
  updateRoute,
  type Component,
  type ComponentId,
  type ComponentKind,
  type Link,
  type LinkId,
  type Position,
  type Project,
  type Route,
  type RouteId,
} from '../../../shared/model/index';
import { keepKnownHosts } from '../../../shared/model/hosts-ops';
import { trafficFlows, type TrafficFlow } from '../../../shared/diagram/flows';
import {
  applyFix,
  checkProject,
  fixFor,
  sameFinding,
  type Diagnostic,
  type ElementRef,
} from '../../../shared/rules/index';
import { close, EMPTY_HISTORY, record, redo, undo, type History } from './history';

/**
 * The editor's one store, in slices: the document (the Project — the single source of
 * truth), its history, the view (selection; the viewport belongs to React Flow), the ui
 * (dialogs) and the diagnostics, derived from the document by shared/rules. Every document
 * change goes through `change`, which records history; actions call the pure operations of
 * shared/model. Built on zustand's vanilla store so it runs and is tested without a DOM.
 */

export type Dialog = 'export' | 'export-diagram' | 'commands' | null;

/**
 * Who the diagram is shown to, outside editing: one redaction switch for every picture, the
 * clipboard, print and presentation (host names, addresses, the registry, literal values and
 * exception reasons become placeholders; the document itself is never changed), and whether
 * problem badges are drawn. View state: never undone, kept when another document opens.
 */
export interface Audience {
  readonly redact: boolean;
  readonly problemBadges: boolean;
}

export const DEFAULT_AUDIENCE: Audience = { redact: false, problemBadges: true };

/** A message for the notice strip from an editor action (copy as image, print): what happened, or why not. */
export interface EditorNotice {
  readonly kind: 'error' | 'info';
  readonly text: string;
}

/** The traffic flows of a project, computed once per project object (stepping asks on every key). */
const flowCache = new WeakMap<Project, readonly TrafficFlow[]>();
export function flowsOf(project: Project): readonly TrafficFlow[] {
  let flows = flowCache.get(project);
  if (flows === undefined) {
    flows = trafficFlows(project);
    flowCache.set(project, flows);
  }
  return flows;
}

/**
 * The flow shown after stepping by `delta` from `current` (null: the whole diagram). Stepping
 * goes round: the whole diagram, flow 1 … flow N, the whole diagram again; ← from the whole
 * diagram goes to the last flow. A stale index (the project lost flows) steps from the end.
 */
export function stepFlowIndex(current: number | null, delta: 1 | -1, count: number): number | null {
  if (count <= 0) return null;
  const at = current === null ? -1 : Math.min(current, count - 1);
  const next = at + delta;
  if (next === count || next === -1) return null;
  return next < -1 ? count - 1 : next;
}

/** The panels around the canvas that the user can fold away to give the diagram the room. */
export type Panel = 'palette' | 'inspector' | 'problems';

/**
 * The editor's layout. Presenting shows the diagram alone (for a customer meeting) without
 * forgetting which panels were open, so leaving presentation restores the working layout.
 */
export interface Layout {
  readonly panels: Readonly<Record<Panel, boolean>>;
  readonly presenting: boolean;
}

export const DEFAULT_LAYOUT: Layout = { panels: { palette: true, inspector: true, problems: true }, presenting: false };

/** The panels beside the canvas, which the editor may fold when the diagram needs the width. */
export type SidePanel = 'palette' | 'inspector';
export const SIDE_PANELS: readonly SidePanel[] = ['palette', 'inspector'];

/**
 * Who decides whether a side panel is open: the editor (`auto`: it folds the panel when the
 * window is too narrow for the diagram to be read, and opens it again when there is room), or
 * the user, who opened or folded it by hand. A panel folded by hand is never opened again
 * automatically; one opened by hand is left open until another document is opened.
 */
export type PanelIntent = 'auto' | 'open' | 'folded';

export const AUTO_INTENT: Readonly<Record<SidePanel, PanelIntent>> = { palette: 'auto', inspector: 'auto' };

/** A request to bring elements into view (the problems panel's "go to"): the canvas centres on them. */
export interface RevealRequest {
  readonly refs: readonly ElementRef[];
}

/** Whether a panel shows now: open, and not hidden by presentation mode. */
export function panelShown(layout: Layout, panel: Panel): boolean {
  return layout.panels[panel] && !layout.presenting;
}

export interface Selection {
  readonly components: readonly string[];
  readonly links: readonly string[];
  readonly routes: readonly string[];
}

export const NO_SELECTION: Selection = { components: [], links: [], routes: [] };

/** What copy puts on the clipboard: components and the links between them. */
export interface Clipboard {
  readonly components: readonly Component[];
  readonly links: readonly Link[];
}

export interface EditorState {
  readonly project: Project | null;
  /** The file name shown in the title (`acme.portolan.yaml`), null for an unsaved template. */
  readonly fileName: string | null;
  /** The text last saved or opened: the document is dirty when it would save differently. */
  readonly savedText: string | null;
  /** The document as it was last saved or opened from a file; null for a new, unsaved one. */
  readonly savedProject: Project | null;
  readonly history: History;
  readonly selection: Selection;
  readonly dialog: Dialog;
  /** Panels and presentation mode: view state, never undone, kept when another document opens. */
  readonly layout: Layout;
  /** Counts "fit the diagram to the view" requests (menu, command palette); the canvas answers each. */
  readonly fitRequests: number;
  /** Who decides each side panel (see PanelIntent); kept when another document opens, like the layout. */
  readonly panelIntent: Readonly<Record<SidePanel, PanelIntent>>;
  /**
   * Who decides the problems panel: the editor folds it only while there is nothing in it and
   * the canvas needs the height, and opens it again when the window has room (see AutoFold).
   */
  readonly problemsIntent: PanelIntent;
  /** The last "go to" request; a new object each time. Selecting alone never moves the view. */
  readonly revealRequest: RevealRequest | null;
  readonly clipboard: Clipboard | null;
  readonly diagnostics: readonly Diagnostic[];
  /** Redaction and problem badges for pictures and presentation. */
  readonly audience: Audience;
  /** The traffic flow highlighted while presenting (index into `flowsOf(project)`), null: none. */
  readonly presentedFlow: number | null;
  /** The last notice of an editor action, until dismissed (the app shell shows it). */
  readonly notice: EditorNotice | null;
  /**
   * The diagnostic whose quick fix is asking for a value (Fix.ask) in the problems panel's inline
   * form, or null. In the store, not the panel, so the inspector's Fix button can open it too.
   * It closes by itself when an edit (or undo) makes the finding go.
   */
  readonly fixQuestion: Diagnostic | null;
}

export interface EditorActions {
  open(project: Project, fileName: string | null, savedText?: string | null): void;
  close(): void;
  markSaved(fileName: string, text: string): void;
  /** Replaces the document by `fn(project)`; `transaction` merges updates with the same key into one undo step. */
  change(fn: (project: Project) => Project, transaction?: string): void;
  /** Ends the open transaction (a drag ended, a field lost focus). */
  commit(): void;
  undo(): void;
  redo(): void;
  select(selection: Partial<Selection>): void;
  /** Selects the elements and asks the canvas to centre on them (the problems panel's "go to"). */
  selectElements(refs: readonly ElementRef[]): void;
  setDialog(dialog: Dialog): void;
  /** Opens or folds a panel by hand (`open` omitted: toggles it); also leaves presentation mode. */
  togglePanel(panel: Panel, open?: boolean): void;
  /**
   * The editor's own decision for the side panels (true: fold it for room). Only panels whose
   * intent is `auto` follow it; a panel the user folded or opened by hand stays as it is.
   */
  fitPanels(fold: Readonly<Record<SidePanel, boolean>>, foldProblems?: boolean): void;
  /** Starts or ends presentation; either way it starts again from the whole diagram (no flow). */
  setPresenting(presenting: boolean): void;
  /** Steps through the traffic flows while presenting (→: 1, ←: -1); see stepFlowIndex. */
  stepFlow(delta: 1 | -1): void;
  /** Highlights one traffic flow (an index into `flowsOf(project)`), or none. */
  showFlow(index: number | null): void;
  toggleRedaction(redact?: boolean): void;
  toggleProblemBadges(shown?: boolean): void;
  notify(notice: EditorNotice | null): void;
  requestFit(): void;
  addComponent(kind: ComponentKind, position: Position): ComponentId | undefined;
  moveComponents(moves: ReadonlyMap<ComponentId, Position>, transaction?: string): void;
  connect(from: string, to: string, port: string): LinkId | undefined;
  addRoute(route: Omit<Route, 'id'>): RouteId | undefined;
  updateComponent(id: string, fn: (c: Component) => Component, transaction?: string): void;
  updateRoute(id: string, fn: (r: Route) => Route, transaction?: string): void;
  deleteSelection(): void;
  copySelection(): void;
  paste(offset?: Position): void;
  duplicateSelection(): void;
  /**
   * Applies the diagnostic's quick fix as one undo step. A fix that asks for a value applies only
   * with an answer its question accepts; without one, the problems panel is asked to show the
   * question (see fixQuestion).
   */
  fix(diagnostic: Diagnostic, answer?: string): void;
  /** Sets or clears the question the problems panel should show (see fixQuestion). */
  askFix(diagnostic: Diagnostic | null): void;
  suppress(diagnostic: Diagnostic, reason: string): void;
}

export type Editor = EditorState & EditorActions;
export type EditorStore = StoreApi<Editor>;

export const PASTE_OFFSET: Position = { x: 40, y: 40 };

/**
 * Whether the document differs from its file. Compared by identity — every edit makes a new
 * Project, and undo returns the very object that was saved — because serialising a large
 * project on every store update (each frame of a drag) would cost far more than the edit.
 */
export function isDirty(state: Pick<EditorState, 'project' | 'savedProject'>): boolean {
  return state.project !== null && state.project !== state.savedProject;
}

/**
 * Whether replacing the document would lose work: dirty, unless it is a template or blank
 * canvas nobody has touched yet (it can be opened again exactly as it was).
 */
export function hasUnsavedWork(state: Pick<EditorState, 'project' | 'savedProject' | 'history'>): boolean {
  const untouched =
    state.savedProject === null &&
    state.history.past.length === 0 &&
    state.history.future.length === 0 &&
    state.history.open === undefined;
  return isDirty(state) && !untouched;
}

/** Whether a store update opened another document (a template, a file): nothing to undo or redo yet. */
export function justOpened(state: EditorState, prev: EditorState): boolean {
  return (
    state.project !== null &&
    state.project !== prev.project &&
    state.history.past.length === 0 &&
    state.history.future.length === 0 &&
    state.history.open === undefined
  );
}

export function createEditorStore(): EditorStore {
  return createStore<Editor>()((set, get) => {
    /** Every document update: history, derived diagnostics, and a selection that only names what exists. */
    /** `select`: the selection that goes with the change (new elements), set in the same update. */
    const update = (next: Project, transaction?: string, positionsOnly = false, select?: Selection) => {
      const { project, history, selection, diagnostics } = get();
      if (project === null || next === project) return;
      // No rule reads positions: a drag does not re-run the checker on every frame.
      const checked = positionsOnly ? diagnostics : checkProject(next);
      set({
        project: next,
        history: record(history, project, transaction),
        diagnostics: checked,
        selection: pruneSelection(select ?? selection, next),
        fixQuestion: stillAsked(get().fixQuestion, checked),
      });
    };
    /** Undo or redo: the document the history step names, its diagnostics, a selection of what exists. */
    const travel = (step: typeof undo | typeof redo) =>
      withProject((p) => {
        const to = step(get().history, p);
        if (!to) return;
        const checked = checkProject(to.project);
        set({
          project: to.project,
          history: to.history,
          diagnostics: checked,
          selection: pruneSelection(get().selection, to.project),
          fixQuestion: stillAsked(get().fixQuestion, checked),
        });
      });
    const withProject = <T>(fn: (project: Project) => T): T | undefined => {
      const { project } = get();
      return project === null ? undefined : fn(project);
    };

    return {
      project: null,
      fileName: null,
      savedText: null,
      savedProject: null,
      history: EMPTY_HISTORY,
      selection: NO_SELECTION,
      dialog: null,
      layout: DEFAULT_LAYOUT,
      fitRequests: 0,
      panelIntent: AUTO_INTENT,
      problemsIntent: 'auto',
      revealRequest: null,
      clipboard: null,
      diagnostics: [],
      audience: DEFAULT_AUDIENCE,
      presentedFlow: null,
      notice: null,
      fixQuestion: null,

      open(project, fileName, savedText = null) {
        const intent = get().panelIntent;
        set({
          // A panel opened by hand was opened for the last document: the editor decides again.
          panelIntent: {
            palette: intent.palette === 'open' ? 'auto' : intent.palette,
            inspector: intent.inspector === 'open' ? 'auto' : intent.inspector,
          },
          problemsIntent: get().problemsIntent === 'open' ? 'auto' : get().problemsIntent,
          revealRequest: null,
          project,
          fileName,
          savedText,
          savedProject: savedText === null ? null : project,
          history: EMPTY_HISTORY,
          selection: NO_SELECTION,
          dialog: null,
          fixQuestion: null,
          diagnostics: checkProject(project),
          presentedFlow: null,
        });
      },
      close() {
        set({
          layout: { ...get().layout, presenting: false },
          project: null,
          fileName: null,
          savedText: null,
          savedProject: null,
          history: EMPTY_HISTORY,
          selection: NO_SELECTION,
          dialog: null,
          fixQuestion: null,
          diagnostics: [],
          presentedFlow: null,
        });
      },
      markSaved(fileName, text) {
        set({ fileName, savedText: text, savedProject: get().project });
      },
      change(fn, transaction) {
        withProject((p) => update(fn(p), transaction));
      },
      commit() {
        withProject((p) => set({ history: close(get().history, p) }));
      },
      undo() {
        travel(undo);
      },
      redo() {
        travel(redo);
      },
      select(selection) {
        set({ selection: { ...NO_SELECTION, ...selection } });
      },
      selectElements(refs) {
        set({
          selection: {
            components: refs.filter((r) => r.type === 'component').map((r) => r.id),
            links: refs.filter((r) => r.type === 'link').map((r) => r.id),
            routes: refs.filter((r) => r.type === 'route').map((r) => r.id),
          },
          revealRequest: { refs },
        });
      },
      setDialog(dialog) {
        set({ dialog });
      },
      togglePanel(panel, open) {
        const { layout } = get();
        const shown = panelShown(layout, panel);
        const next = open ?? !shown;
        if (next === shown && !layout.presenting) return;
        set({
          layout: { presenting: false, panels: { ...layout.panels, [panel]: next } },
          ...(panel === 'problems'
            ? { problemsIntent: next ? 'open' : 'folded' }
            : { panelIntent: { ...get().panelIntent, [panel]: next ? 'open' : 'folded' } }),
        });
      },
      fitPanels(fold, foldProblems) {
        const { layout, panelIntent, problemsIntent } = get();
        const panels = { ...layout.panels };
        for (const panel of SIDE_PANELS) if (panelIntent[panel] === 'auto') panels[panel] = !fold[panel];
        if (foldProblems !== undefined && problemsIntent === 'auto') panels.problems = !foldProblems;
        if ((['palette', 'inspector', 'problems'] as const).every((p) => panels[p] === layout.panels[p])) return;
        set({ layout: { ...layout, panels } });
      },
      requestFit() {
        set({ fitRequests: get().fitRequests + 1 });
      },
      setPresenting(presenting) {
        const { layout } = get();
        if (layout.presenting !== presenting) set({ layout: { ...layout, presenting }, presentedFlow: null });
      },
      stepFlow(delta) {
        const { project, layout, presentedFlow } = get();
        if (project === null || !layout.presenting) return;
        set({ presentedFlow: stepFlowIndex(presentedFlow, delta, flowsOf(project).length) });
      },
      showFlow(index) {
        const { project } = get();
        const count = project === null ? 0 : flowsOf(project).length;
        const next = index === null || index < 0 || index >= count || !Number.isInteger(index) ? null : index;
        if (next !== get().presentedFlow) set({ presentedFlow: next });
      },
      toggleRedaction(redact) {
        const { audience } = get();
        const next = redact ?? !audience.redact;
        if (next !== audience.redact) set({ audience: { ...audience, redact: next } });
      },
      toggleProblemBadges(shown) {
        const { audience } = get();
        const next = shown ?? !audience.problemBadges;
        if (next !== audience.problemBadges) set({ audience: { ...audience, problemBadges: next } });
      },
      notify(notice) {
        set({ notice });
      },
      addComponent(kind, position) {
        return withProject((p) => {
          const spec = getKind(kind);
          const zone = defaultZone(p, spec.category);
          // The id (and compose service name) follows the kind, e.g. `nextauth`, `nextauth-2`.
          const result = addComponent(p, {
            kind,
            id: uniqueId(p, kind),
            name: spec.label,
            position,
            ...(spec.defaultFlavour !== undefined ? { flavour: spec.defaultFlavour } : {}),
            ...(zone !== undefined ? { zone } : {}),
          });
          const defaults = componentDefaults(kind, spec.defaultFlavour);
          update(
            updateComponent(result.project, result.id, (c) => ({
              ...c,
              environment: { ...defaults.environment },
              publish: [...defaults.publish],
            })),
            undefined,
            false,
            { ...NO_SELECTION, components: [result.id] },
          );
          return result.id;
        });
      },
      moveComponents(moves, transaction) {
        withProject((p) => update(moveComponents(p, moves), transaction, true));
      },
      connect(from, to, port) {
        return withProject((p) => {
          if (from === to || p.links.some((l) => l.from === from && l.to === to && l.port === port)) return undefined;
          const result = addLink(p, { from: from as ComponentId, to: to as ComponentId, port });
          update(result.project);
          return result.id;
        });
      },
      addRoute(route) {
        return withProject((p) => {
          const result = addRoute(p, route);
          update(result.project, undefined, false, { ...NO_SELECTION, routes: [result.id] });
          return result.id;
        });
      },
      updateComponent(id, fn, transaction) {
        withProject((p) => update(updateComponent(p, id as ComponentId, fn), transaction));
      },
      updateRoute(id, fn, transaction) {
        withProject((p) => update(updateRoute(p, id as RouteId, fn), transaction));
      },
      deleteSelection() {
        withProject((p) => {
          const { selection } = get();
          let next = removeComponents(p, new Set(selection.components as ComponentId[]));
          next = removeLinks(next, new Set(selection.links as LinkId[]));
          next = removeRoutes(next, new Set(selection.routes as RouteId[]));
          update(next);
          set({ selection: NO_SELECTION });
        });
      },
      copySelection() {
        withProject((p) => {
          const ids = new Set(get().selection.components);
          if (ids.size === 0) return;
          set({
            clipboard: {
              components: p.components.filter((c) => ids.has(c.id)),
              links: p.links.filter((l) => ids.has(l.from) && ids.has(l.to)),
            },
          });
        });
      },
      paste(offset = PASTE_OFFSET) {
        withProject((p) => {
          const { clipboard } = get();
          if (!clipboard || clipboard.components.length === 0) return;
          const { project, ids } = pasteInto(p, clipboard, offset);
          update(project, undefined, false, { ...NO_SELECTION, components: ids });
        });
      },
      duplicateSelection() {
        get().copySelection();
        get().paste();
      },
      fix(diagnostic, answer) {
        withProject((p) => {
          if (answer === undefined && fixFor(diagnostic, p)?.ask !== undefined) get().askFix(diagnostic);
          else update(applyFix(p, diagnostic, answer));
        });
      },
      askFix(diagnostic) {
        if (diagnostic !== null) get().togglePanel('problems', true);
        set({ fixQuestion: diagnostic });
      },
      suppress(diagnostic, reason) {
        const element = diagnostic.elements[0];
        if (element === undefined || reason.trim() === '') return;
        withProject((p) => update(suppress(p, { rule: diagnostic.rule, element: element.id, reason: reason.trim() })));
      },
    };
  });
}

/** The open fix question while its finding is still reported; null once an edit made it go. */
function stillAsked(question: Diagnostic | null, diagnostics: readonly Diagnostic[]): Diagnostic | null {
  if (question === null) return null;
  return diagnostics.find((d) => d === question || sameFinding(d, question)) ?? null;
}

/** The zone a new component of a category starts in, when the project has one of that kind. */
function defaultZone(project: Project, category: string): Component['zone'] {
  const want = category === 'client' || category === 'external' ? 'internet' : category === 'edge' ? 'dmz' : 'internal';
  return project.zones.find((z) => z.kind === want)?.id;
}

/** Copies of the clipboard's components with fresh ids and names, and their links re-pointed. */
export function pasteInto(
  project: Project,
  clipboard: Clipboard,
  offset: Position,
): { project: Project; ids: string[] } {
  let next = project;
  const renamed = new Map<string, ComponentId>();
  for (const c of clipboard.components) {
    // A copy of `nextauth-2` is `nextauth-3`, not `nextauth-2-2`.
    const id = uniqueId(next, c.id.replace(/-\d+$/, '')) as ComponentId;
    renamed.set(c.id, id);
    // The clipboard may come from another document: a host it names may not be declared here.
    const [copy] = keepKnownHosts(next, [
      { ...c, id, position: { x: c.position.x + offset.x, y: c.position.y + offset.y } },
    ]) as [Component];
    next = { ...next, components: [...next.components, copy] };
  }
  for (const l of clipboard.links) {
    next = addLink(next, { from: renamed.get(l.from)!, to: renamed.get(l.to)!, port: l.port }).project;
  }
  return { project: next, ids: [...renamed.values()] };
}

function pruneSelection(selection: Selection, project: Project): Selection {
  const has = (list: readonly { id: string }[]) => {
    const ids = new Set(list.map((e) => e.id));
    return (id: string) => ids.has(id);
  };
  const components = selection.components.filter(has(project.components));
  const links = selection.links.filter(has(project.links));
  const routes = selection.routes.filter(has(project.routes));
  return components.length === selection.components.length &&
    links.length === selection.links.length &&
    routes.length === selection.routes.length
    ? selection
    : { components, links, routes };
}
