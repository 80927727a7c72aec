import { useId, useState } from 'react';
import { isDeployed } from '../../../shared/catalog/index';
import { DEFAULT_NETWORK, networkNameProblem } from '../../../shared/model/constraints';
import {
  addNetwork,
  hasNetworkMode,
  isInternalNetwork,
  networkMembership,
  removeNetwork,
  setComponentNetworks,
} from '../../../shared/model/networks';
import { printable } from '../../../shared/model/printable';
import type { ComponentId, ComposeNetwork, PassValue } from '../../../shared/model/types';
import { useEditor, useEditorStore } from '../store/context';
import { Checkbox, PlusIcon, Section, TrashIcon } from './fields';
import type { Inspected } from './inspected';
import { keptYaml } from './PassThroughSection';

/**
 * Compose networks in the inspector, for a project that declares them (an import): which
 * networks a component joins — a checkbox per declared network, its kept settings on each shown
 * read-only — and the project's networks with their kept settings, where one can be added or
 * removed (its members leave it).
 * A drawing without declared networks shows neither: the export chooses Portolan's own networks.
 */

const SEP = '\u0000';

/** The declared networks, and compose's `default` when the project does not declare it (services may join it). */
function choices(networks: readonly ComposeNetwork[]): string[] {
  const names = networks.map((n) => n.name);
  return names.includes(DEFAULT_NETWORK) ? names : [...names, DEFAULT_NETWORK];
}

/** The networks after ticking (or unticking) one box: declared order, whatever order they were ticked in. */
export function toggledNetworks(
  declared: readonly ComposeNetwork[],
  on: readonly string[],
  network: string,
  checked: boolean,
): string[] {
  return choices(declared).filter((n) => (n === network ? checked : on.includes(n)));
}

export function ComponentNetworksSection({ component }: { readonly component: Inspected }) {
  const store = useEditorStore();
  const declared = useEditor((s) => s.project?.networks);
  // One string, so the section re-renders only when this component's networks change.
  const joined = useEditor((s) =>
    s.project?.networks === undefined
      ? ''
      : (networkMembership(s.project).get(component.id as ComponentId) ?? []).join(SEP),
  );
  if (declared === undefined || !isDeployed(component)) return null;
  const on = joined === '' ? [] : joined.split(SEP);
  const name = printable(component.name);
  const mode = component.passThrough?.network_mode;
  if (hasNetworkMode(component))
    return (
      <Section title="Networks" testId="inspector-networks">
        <p className="pl-insp-empty">
          In <code>network_mode: {typeof mode === 'string' ? printable(mode) : 'kept'}</code> (kept from the import): on
          no compose network.
        </p>
      </Section>
    );
  const toggle = (network: string, checked: boolean) => {
    const next = toggledNetworks(declared, on, network, checked);
    store.getState().change((p) => setComponentNetworks(p, component.id as ComponentId, next));
  };
  return (
    <Section title="Networks" count={on.length} testId="inspector-networks">
      <p className="pl-insp-empty">
        {component.networks === undefined
          ? 'Joins the networks of what it is drawn with (none: compose’s default); tick to choose its own.'
          : 'The compose networks this service joins; none ticked is compose’s default network.'}
      </p>
      <ul className="pl-insp-rows">
        {choices(declared).map((network) => {
          const settings = component.networkPassThrough?.[network];
          const internal = isInternalNetwork(declared.find((n) => n.name === network));
          return (
            <li key={network} className="pl-insp-kept pl-insp-netrow" data-testid={`network-${network}`}>
              <Checkbox
                label={`${printable(network)}${internal ? ' (internal)' : ''}`}
                checked={on.includes(network)}
                onValue={(checked) => toggle(network, checked)}
                ariaLabel={`${name} on network ${printable(network)}`}
                testId={`network-member-${network}`}
              />
              {settings !== undefined ? (
                <details>
                  <summary>settings kept from import</summary>
                  <pre className="pl-insp-kept__yaml" tabIndex={0}>
                    {keptYaml(network, settings as PassValue)}
                  </pre>
                </details>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Section>
  );
}

export function ProjectNetworksSection() {
  const store = useEditorStore();
  const declared = useEditor((s) => s.project?.networks);
  const [draft, setDraft] = useState('');
  const id = useId();
  if (declared === undefined) return null;
  const problem =
    draft === ''
      ? undefined
      : (networkNameProblem(draft) ?? (declared.some((n) => n.name === draft) ? 'is declared already' : undefined));
  const add = () => {
    if (draft === '' || problem !== undefined) return;
    store.getState().change((p) => addNetwork(p, draft));
    setDraft('');
  };
  return (
    <Section title="Networks" count={declared.length} testId="inspector-project-networks">
      <p className="pl-insp-empty">
        The compose networks of this project, written by the export with their settings kept from the import.
      </p>
      <ul className="pl-insp-rows">
        {declared.map((n) => (
          <li key={n.name} className="pl-insp-kept" data-testid={`project-network-${n.name}`}>
            {n.passThrough !== undefined ? (
              <details>
                <summary>
                  <code>{printable(n.name)}</code>
                </summary>
                <pre className="pl-insp-kept__yaml" tabIndex={0}>
                  {keptYaml(n.name, n.passThrough as PassValue)}
                </pre>
              </details>
            ) : (
              <code>{printable(n.name)}</code>
            )}
            <button
              type="button"
              className="pl-insp-iconbtn"
              aria-label={`Remove network ${printable(n.name)}`}
              title={`Remove ${printable(n.name)}: every component leaves it`}
              onClick={() => store.getState().change((p) => removeNetwork(p, n.name))}
              data-testid={`project-network-remove-${n.name}`}
            >
              <TrashIcon />
            </button>
          </li>
        ))}
      </ul>
      <div className="pl-insp-field">
        <label className="pl-insp-field__label" htmlFor={id}>
          New network
        </label>
        <div className="pl-insp-netadd">
          <input
            id={id}
            className={`pl-insp-input pl-insp-input--mono${problem !== undefined ? ' is-invalid' : ''}`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') add();
            }}
            aria-invalid={problem !== undefined}
            aria-describedby={problem !== undefined ? `${id}-problem` : undefined}
            data-testid="project-network-name"
          />
          <button
            type="button"
            className="pl-insp-iconbtn"
            aria-label="Add network"
            disabled={draft === '' || problem !== undefined}
            onClick={add}
            data-testid="project-network-add"
          >
            <PlusIcon />
          </button>
        </div>
        {problem !== undefined ? (
          <p id={`${id}-problem`} className="pl-insp-field__error" role="alert">
            “{printable(draft)}” {problem}
          </p>
        ) : null}
      </div>
    </Section>
  );
}
