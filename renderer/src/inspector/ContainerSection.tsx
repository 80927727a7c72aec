import {
  setContainerPorts,
  type ComponentId,
  type ContainerPort,
  type PortProtocol,
} from '../../../shared/model/index';
import { CONTAINER_PORT_PROTOCOLS } from '../../../shared/model/constraints';
import { useEditorStore } from '../store/context';
import { PlusIcon, Section, SelectField, TextField, TrashIcon } from './fields';
import type { Inspected } from './inspected';
import { validateContainerPort, validateImage, validatePortName } from './validate';

const PROTOCOL_OPTIONS = CONTAINER_PORT_PROTOCOLS.map((p) => ({ value: p, label: p }));

/** The first free port number from 8080 on (a new row must not repeat one: NA047). */
function freeNumber(ports: readonly ContainerPort[]): number {
  const used = new Set(ports.filter((p) => p.protocol !== 'udp').map((p) => p.number));
  let n = 8080;
  while (used.has(n)) n++;
  return n;
}

function freeName(ports: readonly ContainerPort[]): string {
  const used = new Set(ports.map((p) => p.name));
  let name = 'http';
  for (let n = 2; used.has(name); n++) name = `port-${n}`;
  return name;
}

/**
 * A custom container's own image and ports. Ports are edited as rows (name, number, protocol);
 * renaming a port carries the links, routes and publish entries that name it along, and removing
 * one removes them (setContainerPorts), so the drawing never names a port the container lacks.
 */
export function ContainerSection({ component }: { readonly component: Inspected }) {
  const store = useEditorStore();
  const id = component.id as ComponentId;
  const ports = component.ports ?? [];
  const tx = (field: string) => `field:${component.id}:${field}`;
  const change = (next: readonly ContainerPort[], renamed?: ReadonlyMap<string, string>, transaction?: string) =>
    store.getState().change((p) => setContainerPorts(p, id, next, renamed), transaction);
  const replace = (index: number, port: ContainerPort) => ports.map((p, i) => (i === index ? port : p));

  return (
    <Section
      title="Container"
      count={ports.length}
      testId="inspector-container"
      actions={
        <button
          type="button"
          className="pl-insp-btn pl-insp-btn--small"
          onClick={() => change([...ports, { name: freeName(ports), number: freeNumber(ports), protocol: 'http' }])}
          data-testid="container-port-add"
        >
          <PlusIcon />
          Add port
        </button>
      }
    >
      <TextField
        label="Image"
        mono
        value={component.image ?? ''}
        parse={validateImage}
        onValue={(image) => store.getState().updateComponent(component.id, (c) => ({ ...c, image }), tx('image'))}
        placeholder="registry.example.com/team/app:1.0"
        hint="The full image reference: registry, name, tag or digest"
        testId="container-image"
      />
      {ports.length === 0 ? <p className="pl-insp-empty">No ports: nothing can connect to it or route to it.</p> : null}
      <ul className="pl-insp-rows">
        {ports.map((port, index) => {
          const others = ports.filter((_, i) => i !== index);
          const rowTx = (field: string) => tx(`port:${index}:${field}`);
          return (
            <li key={index} className="pl-insp-prop" data-testid={`container-port-${index}`}>
              <TextField
                label={`Name of port ${index + 1}`}
                hideLabel
                mono
                value={port.name}
                parse={(text) =>
                  validatePortName(
                    text,
                    others.map((p) => p.name),
                  )
                }
                onValue={(name) =>
                  change(replace(index, { ...port, name }), new Map([[port.name, name]]), rowTx('name'))
                }
                className="pl-insp-prop__key"
                testId={`container-port-name-${index}`}
              />
              <SelectField
                label={`Protocol of ${port.name}`}
                hideLabel
                value={port.protocol}
                options={PROTOCOL_OPTIONS}
                onValue={(protocol) => change(replace(index, { ...port, protocol: protocol as PortProtocol }))}
                className="pl-insp-prop__type"
                testId={`container-port-protocol-${index}`}
              />
              <button
                type="button"
                className="pl-insp-iconbtn"
                aria-label={`Remove port ${port.name}`}
                title={`Remove port ${port.name} (and the connections, routes and published ports that use it)`}
                onClick={() => change(others)}
                data-testid={`container-port-remove-${index}`}
              >
                <TrashIcon />
              </button>
              <div className="pl-insp-prop__value">
                <TextField
                  label={`Number of ${port.name}`}
                  hideLabel
                  mono
                  value={String(port.number)}
                  parse={(text) => validateContainerPort(text, port.protocol, others)}
                  onValue={(number) => change(replace(index, { ...port, number }), undefined, rowTx('number'))}
                  inputMode="numeric"
                  testId={`container-port-number-${index}`}
                />
              </div>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
