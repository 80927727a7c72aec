import { capacityLimits, grouped } from '../../../shared/export/capacity';
import {
  DEFAULT_WEBSOCKET_CLIENTS,
  setEntryCapacity,
  setProjectCapacity,
  WEBSOCKET_CLIENTS,
} from '../../../shared/model/capacity';
import type { ComponentId } from '../../../shared/model/types';
import { useEditor, useEditorStore } from '../store/context';
import { Section, TextField } from './fields';
import { validateInteger, type Validation } from './validate';

/**
 * The expected peak of concurrent WebSocket clients: the project's figure (with nothing selected,
 * beside TLS) and an entry point's own override (in its inspector). Every connection and
 * open-file limit of the export is derived from it (shared/export/capacity.ts); the hint shows
 * what the figure in force gives. An empty field removes the figure: the default, or the
 * project's for an entry point, applies again — and a project without one keeps its older format.
 */

/** A figure as typed: empty is none; digits with optional thousands separators (10,000 or 10 000) within the bounds. */
export function validateWebsocketClients(text: string): Validation<number | undefined> {
  const t = text.trim();
  if (t === '') return { ok: true, value: undefined };
  // Separators people type in a count; anything else (a fraction, a sign, a letter) is refused below.
  const digits = /^\d{1,3}(?:[ ,_\u00a0\u202f]\d{3})+$/.test(t) ? t.replace(/[ ,_\u00a0\u202f]/g, '') : t;
  return validateInteger(digits, WEBSOCKET_CLIENTS.min, WEBSOCKET_CLIENTS.max);
}

/** What a figure gives, in the words of each flavour's configuration. */
export function capacityHint(clients: number): string {
  const l = capacityLimits(clients);
  return (
    `${grouped(clients)} WebSocket clients + ${grouped(l.httpHeadroom)} HTTP: nginx worker_connections ${grouped(l.nginxWorkerConnections)}, ` +
    `HAProxy maxconn ${grouped(l.haproxyMaxconn)}, ${grouped(l.nofile)} open files per proxy.`
  );
}

const shown = (n: number | undefined): string => (n === undefined ? '' : String(n));

export function ProjectCapacitySection() {
  const store = useEditorStore();
  const clients = useEditor((s) => s.project?.settings.capacity?.websocketClients);
  const change = store.getState().change;
  return (
    <Section title="Capacity" testId="inspector-capacity">
      <TextField
        label="Peak WebSocket clients"
        value={shown(clients)}
        parse={validateWebsocketClients}
        onValue={(n) => change((p) => setProjectCapacity(p, n), 'settings:capacity')}
        placeholder={`${DEFAULT_WEBSOCKET_CLIENTS} (default)`}
        inputMode="numeric"
        hint={`Concurrent clients each entry point must hold at its busiest. ${capacityHint(clients ?? DEFAULT_WEBSOCKET_CLIENTS)}`}
        testId="project-capacity"
      />
    </Section>
  );
}

export function EntryCapacitySection({ id }: { readonly id: ComponentId }) {
  const store = useEditorStore();
  const own = useEditor((s) => s.project?.components.find((c) => c.id === id)?.capacity?.websocketClients);
  const projectFigure = useEditor((s) => s.project?.settings.capacity?.websocketClients ?? DEFAULT_WEBSOCKET_CLIENTS);
  const change = store.getState().change;
  return (
    <Section title="Capacity" testId="inspector-entry-capacity">
      <TextField
        label="Peak WebSocket clients here"
        value={shown(own)}
        parse={validateWebsocketClients}
        onValue={(n) => change((p) => setEntryCapacity(p, id, n), `field:${id}:capacity`)}
        placeholder={`${projectFigure} (the project's)`}
        inputMode="numeric"
        hint={`Overrides the project's figure for this entry point. ${capacityHint(own ?? projectFigure)}`}
        testId="entry-capacity"
      />
    </Section>
  );
}
