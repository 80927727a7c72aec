import { componentPorts, findFlavour, getKind, portNumber } from '../../../shared/catalog/index';
import type { PortSpec } from '../../../shared/catalog/types';
import { isEntryPoint } from '../../../shared/model/constraints';
import { printable } from '../../../shared/model/printable';
import type { ComponentId, Flavour, ZoneId } from '../../../shared/model/types';
import { CategoryIcon } from '../CategoryIcon';
import { useEditor, useEditorStore } from '../store/context';
import { ConnectionsSection, useConnectionRows } from './ConnectionsSection';
import { EntryCapacitySection } from './CapacitySection';
import { ContainerSection } from './ContainerSection';
import { EnvironmentSection, TlsSection } from './EnvironmentEditor';
import { Checkbox, Section, SelectField, TextField, TrashIcon } from './fields';
import { useInspectedComponent, usePeers, useRoutesVia, type Inspected } from './inspected';
import { ImageOverrideField } from './ImageOverrideField';
import { IssueList } from './IssueList';
import { ComponentKeptSection } from './PassThroughSection';
import { ComponentNetworksSection } from './NetworksSection';
import { PropertiesSection } from './PropertiesEditor';
import { RoutesSection } from './RouteEditor';
import { RunsOnSection } from './RunsOnSection';
import { SourceBadge } from './SourceBadge';
import { MAX_REPLICAS, validateName, validateReplicas } from './validate';

const TLS_TEXT: Readonly<Record<PortSpec['tls'], string>> = {
  none: 'none',
  optional: 'optional',
  always: 'always',
  terminates: 'terminates',
};

const EXPOSURE_TEXT: Readonly<Record<PortSpec['exposure'], string>> = {
  internal: 'internal',
  public: 'public',
  'server-side': 'server-side',
};

/**
 * What a zone is, said where a component is put into one: zones separate networks, not machines —
 * the machines are the project's hosts (HostsSection, and "Runs on" per component).
 */
export const ZONE_HINT =
  'Zones are network segments, not machines: where a container runs is its host (the project’s Hosts, and “Runs on”).';

/**
 * The selected component: general fields, routes (entry points), connections (nextauth), TLS,
 * environment, properties, ports.
 */
export function ComponentInspector({ id }: { readonly id: string }) {
  const component = useInspectedComponent(id);
  // Called before the early return, as hooks must be; `[]` for every kind but nextauth.
  const connections = useConnectionRows(id, component?.kind);
  if (component === null) return null;
  const spec = getKind(component.kind);
  const flavour = component.flavour === undefined ? undefined : findFlavour(component.kind, component.flavour);
  return (
    <>
      <header className="pl-insp-header">
        <span className={`pl-insp-header__icon pl-cat-${spec.category}`}>
          <CategoryIcon category={spec.category} kind={component.kind} size={18} />
        </span>
        <div className="pl-insp-header__text">
          <h2 className="pl-insp-header__title" data-testid="inspector-title">
            {printable(component.name)}
          </h2>
          <p className="pl-insp-header__sub">
            {spec.label}
            {flavour ? ` · ${flavour.label}` : ''} <span className="pl-insp-header__id">{component.id}</span>
          </p>
        </div>
      </header>
      <IssueList elements={[{ type: 'component', id }]} />
      <p className="pl-insp-kinddesc">
        {spec.description} <SourceBadge source={spec.source} />
      </p>
      <GeneralSection component={component} />
      <RunsOnSection component={component} />
      {component.kind === 'container' ? <ContainerSection component={component} /> : null}
      {isEntryPoint(component) ? <EntryRoutes id={component.id} /> : null}
      {isEntryPoint(component) ? <EntryCapacitySection id={component.id} /> : null}
      <ConnectionsSection component={component} rows={connections} />
      {spec.deployable ? <TlsSection component={component} /> : null}
      {spec.deployable ? <EnvironmentSection component={component} connections={connections} /> : null}
      <PropertiesSection component={component} />
      {component.kind === 'container' ? null : <PortsSection component={component} />}
      <ComponentNetworksSection component={component} />
      <ComponentKeptSection id={component.id} name={component.name} kept={component.passThrough} />
      <DeleteSelection label="Delete component" />
    </>
  );
}

function GeneralSection({ component }: { readonly component: Inspected }) {
  const store = useEditorStore();
  const zones = useEditor((s) => s.project?.zones ?? null);
  const spec = getKind(component.kind);
  const update = store.getState().updateComponent;
  const tx = (field: string) => `field:${component.id}:${field}`;
  return (
    <Section title="General" testId="inspector-general">
      <TextField
        label="Name"
        value={component.name}
        parse={validateName}
        onValue={(name) => update(component.id, (c) => ({ ...c, name }), tx('name'))}
        testId="inspector-name"
      />
      <div className="pl-insp-grid">
        {spec.scalable ? (
          <TextField
            label="Replicas"
            value={String(component.replicas)}
            parse={validateReplicas}
            onValue={(replicas) => update(component.id, (c) => ({ ...c, replicas }), tx('replicas'))}
            inputMode="numeric"
            hint={`1 to ${MAX_REPLICAS}`}
            testId="inspector-replicas"
          />
        ) : null}
        {spec.flavours ? (
          <SelectField
            label="Flavour"
            value={component.flavour ?? spec.defaultFlavour ?? ''}
            options={spec.flavours.map((f) => ({ value: f.id, label: f.label }))}
            onValue={(f) =>
              // An image override is the image of the flavour it was set for: a new flavour runs its catalog image.
              update(component.id, (c) => {
                const { image: _drop, ...rest } = c;
                return { ...rest, flavour: f as Flavour };
              })
            }
            testId="inspector-flavour"
          />
        ) : null}
      </div>
      {spec.deployable && component.kind !== 'container' ? <ImageOverrideField component={component} /> : null}
      <SelectField
        label="Zone"
        value={component.zone ?? ''}
        options={[{ value: '', label: 'No zone' }, ...(zones ?? []).map((z) => ({ value: z.id, label: z.name }))]}
        onValue={(zone) =>
          update(component.id, (c) => {
            if (zone !== '') return { ...c, zone: zone as ZoneId };
            const { zone: _drop, ...rest } = c;
            return rest;
          })
        }
        hint={ZONE_HINT}
        testId="inspector-zone"
      />
      <Checkbox
        label="Keep in place when arranging"
        checked={component.pinned === true}
        hint="Arrange all lays out every other component around it"
        onValue={(pin) =>
          update(
            component.id,
            (c) => {
              if (pin) return { ...c, pinned: true as const };
              const { pinned: _drop, ...rest } = c;
              return rest;
            },
            tx('pinned'),
          )
        }
        testId="inspector-pinned"
      />
    </Section>
  );
}

/** Routes need every component's name for their selects; only entry points pay for that subscription. */
function EntryRoutes({ id }: { readonly id: string }) {
  const peers = usePeers();
  const routes = useRoutesVia(id);
  return <RoutesSection via={id as ComponentId} routes={routes} peers={peers} />;
}

/** The catalog's ports of the component, flavour applied (componentPorts: PostgreSQL's db port is `postgres`). */
function PortsSection({ component }: { readonly component: Inspected }) {
  const ports = componentPorts(component);
  if (ports.length === 0) return null;
  return (
    <Section title="Ports" count={ports.length} testId="inspector-ports">
      <table className="pl-insp-ports">
        <thead>
          <tr>
            <th scope="col">Port</th>
            <th scope="col">
              Number<span className="pl-insp-sr"> and protocol</span>
            </th>
            <th scope="col">TLS</th>
            <th scope="col">Exposure</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {ports.map((p) => {
            const number = portNumber(component, p.name) ?? p.number;
            const overridden = Object.hasOwn(component.portOverrides, p.name);
            return (
              <tr key={p.name} data-testid={`port-row-${p.name}`}>
                <th scope="row" title={p.description}>
                  <span className="pl-insp-ports__label">{p.label}</span>
                  <code className="pl-insp-ports__name">{p.name}</code>
                </th>
                <td className="pl-insp-ports__num" title={overridden ? 'Overridden for this component' : undefined}>
                  {number}
                  {overridden ? '*' : ''}
                  <code className="pl-insp-ports__proto">{p.protocol}</code>
                </td>
                <td>{TLS_TEXT[p.tls]}</td>
                <td>
                  <span className={`pl-insp-exposure pl-insp-exposure--${p.exposure}`}>
                    {EXPOSURE_TEXT[p.exposure]}
                  </span>
                </td>
                <td>
                  <SourceBadge source={p.source} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}

export function DeleteSelection({ label }: { readonly label: string }) {
  const store = useEditorStore();
  return (
    <div className="pl-insp-actions pl-insp-actions--end">
      <button
        type="button"
        className="pl-insp-btn pl-insp-btn--danger"
        onClick={() => store.getState().deleteSelection()}
        data-testid="inspector-delete"
      >
        <TrashIcon />
        {label}
      </button>
    </div>
  );
}
