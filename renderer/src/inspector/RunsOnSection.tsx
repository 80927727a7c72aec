import { useShallow } from 'zustand/react/shallow';
import { componentHostIds, runsOnAHost, spreadText } from '../../../shared/model/hosts';
import { setComponentHosts } from '../../../shared/model/hosts-ops';
import { printable } from '../../../shared/model/printable';
import type { Component, ComponentId, HostId, Project } from '../../../shared/model/types';
import { useEditor, useEditorStore } from '../store/context';
import { Section } from './fields';
import type { Inspected } from './inspected';

/**
 * "Runs on": the hosts a container component's replicas are spread over, a checkbox per declared
 * host, and the spread it gives ("3 replicas: host-a ×2, host-b ×1", model/hosts.ts). Shown only
 * for a component that runs as a container in a project that declares hosts. The boxes show where
 * it runs in effect — a component without its own choice runs on the first host — and the last
 * ticked box cannot be unticked: a container runs somewhere.
 */

/** The hosts after ticking (or unticking) one box: in the project's order, whatever order they were ticked in. */
export function toggledHosts(
  declared: readonly HostId[],
  on: readonly HostId[],
  host: HostId,
  checked: boolean,
): HostId[] {
  return declared.filter((h) => (h === host ? checked : on.includes(h)));
}

const asComponent = (c: Inspected): Component => ({ ...c, position: { x: 0, y: 0 } });

export function RunsOnSection({ component }: { readonly component: Inspected }) {
  const store = useEditorStore();
  const hosts = useEditor(useShallow((s) => s.project?.hosts ?? []));
  // Strings, so the section re-renders only when this component's placement changes.
  const on = useEditor(
    useShallow((s) => (s.project === null ? [] : componentHostIds(s.project, asComponent(component)))),
  );
  const spread = useEditor((s) => (s.project === null ? '' : spreadText(s.project, asComponent(component))));
  if (hosts.length === 0 || !runsOnAHost(component)) return null;
  const name = printable(component.name);
  const declared = hosts.map((h) => h.id);
  const toggle = (host: HostId, checked: boolean) => {
    const next = toggledHosts(declared, on, host, checked);
    if (next.length === 0) return;
    store
      .getState()
      .change((p: Project) => setComponentHosts(p, component.id as ComponentId, next), `field:${component.id}:hosts`);
    store.getState().commit();
  };
  return (
    <Section title="Runs on" count={on.length} testId="inspector-runs-on">
      <fieldset className="pl-insp-hosts" aria-describedby={`runs-on-${component.id}`}>
        <legend className="pl-insp-sr">Hosts {name} runs on</legend>
        {hosts.map((h) => {
          const checked = on.includes(h.id);
          const last = checked && on.length === 1;
          return (
            <label
              key={h.id}
              className="pl-insp-check"
              title={last ? 'A container runs on at least one host' : undefined}
            >
              <input
                type="checkbox"
                checked={checked}
                disabled={last}
                onChange={(e) => toggle(h.id, e.target.checked)}
                aria-label={`${name} runs on host ${printable(h.name)}`}
                data-testid={`runs-on-${h.id}`}
              />
              <span>{printable(h.name)}</span>
            </label>
          );
        })}
      </fieldset>
      <p id={`runs-on-${component.id}`} className="pl-insp-field__hint" data-testid="runs-on-spread">
        {printable(spread)}
        {component.hosts === undefined ? ' (the first host: none chosen)' : ''}
      </p>
    </Section>
  );
}
