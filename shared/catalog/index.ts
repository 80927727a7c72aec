import type { Component, ComponentKind, ContainerPort, Flavour } from '../model/types';
import { containerPortSpec } from './container';
import { KIND_SPECS } from './kinds';
import type { FlavourSpec, KindSpec, PortSpec } from './types';

export type * from './types';
export { DB_URI_FORMATS } from './kinds';
export { componentDefaults, type ComponentDefaults } from './defaults';
export { catalogSecretNames, isSecretVariable, secretVariableNames, secretVariablesOf } from './secrets';

/** Every kind spec, in palette order. */
export const KINDS: readonly KindSpec[] = [
  KIND_SPECS.nextauth,
  KIND_SPECS['nextauth-mgmt'],
  KIND_SPECS['nextauth-portmap'],
  KIND_SPECS['reverse-proxy'],
  KIND_SPECS.database,
  KIND_SPECS.redis,
  KIND_SPECS['redis-sentinel'],
  KIND_SPECS['push-fcm'],
  KIND_SPECS['push-apns'],
  KIND_SPECS['license-server'],
  KIND_SPECS['mobile-app'],
  KIND_SPECS['browser-user'],
  KIND_SPECS['business-app'],
  KIND_SPECS.container,
];

export function getKind(kind: ComponentKind): KindSpec {
  return KIND_SPECS[kind];
}

export function isComponentKind(s: string): s is ComponentKind {
  return Object.hasOwn(KIND_SPECS, s);
}

/** The flavour ids a kind offers, default first; empty for kinds without flavours. */
export function flavoursOf(kind: ComponentKind): readonly Flavour[] {
  return (KIND_SPECS[kind].flavours ?? []).map((f) => f.id);
}

/** The flavour spec, or undefined when the kind has no such flavour. */
export function findFlavour(kind: ComponentKind, flavour: Flavour): FlavourSpec | undefined {
  return KIND_SPECS[kind].flavours?.find((f) => f.id === flavour);
}

const PORT_NAMES = new Map<ComponentKind, ReadonlySet<string>>(
  Object.values(KIND_SPECS).map((spec) => [spec.kind, new Set(spec.ports.map((p) => p.name))]),
);

/**
 * Whether a catalog kind has a port of this name (flavours change numbers, never names). A custom
 * container's ports are its own: ask componentPort for a component.
 */
export function hasPort(kind: ComponentKind, portName: string): boolean {
  return PORT_NAMES.get(kind)?.has(portName) ?? false;
}

/**
 * The named port of a kind with the flavour's number and protocol applied. Without a
 * flavour the kind's default flavour applies, since that is what a component without one runs.
 * The catalog's only: a custom container has none here (componentPort reads its own).
 */
export function findPort(kind: ComponentKind, portName: string, flavour?: Flavour): PortSpec | undefined {
  const spec = KIND_SPECS[kind];
  const port = spec.ports.find((p) => p.name === portName);
  if (port === undefined) return undefined;
  const id = flavour ?? spec.defaultFlavour;
  const f = id === undefined ? undefined : findFlavour(kind, id);
  const number = f?.portNumbers?.[portName];
  const protocol = f?.portProtocols?.[portName];
  if (number === undefined && protocol === undefined) return port;
  return { ...port, number: number ?? port.number, protocol: protocol ?? port.protocol };
}

/** What the component-aware port lookups need of a component. */
export type PortHolder = Pick<Component, 'kind' | 'flavour'> & { readonly ports?: readonly ContainerPort[] };

const EMPTY_PORTS: readonly ContainerPort[] = [];
/** A container's ports as port specs, once per ports list (lists are immutable; the canvas asks on every frame). */
const containerSpecs = new WeakMap<readonly ContainerPort[], readonly PortSpec[]>();
const kindSpecs = new Map<string, readonly PortSpec[]>();

/**
 * The ports a component has, as port specs with its flavour's numbers and protocols applied (not
 * its overrides: see portNumber). A custom container's are its own; every other kind's come from
 * the catalog. Every place that lists or finds a component's ports asks here or componentPort.
 */
export function componentPorts(c: PortHolder): readonly PortSpec[] {
  if (c.kind === 'container') {
    const own = c.ports ?? EMPTY_PORTS;
    let specs = containerSpecs.get(own);
    if (specs === undefined) {
      specs = own.map(containerPortSpec);
      containerSpecs.set(own, specs);
    }
    return specs;
  }
  const key = c.flavour === undefined ? c.kind : `${c.kind}/${c.flavour}`;
  let specs = kindSpecs.get(key);
  if (specs === undefined) {
    specs = KIND_SPECS[c.kind].ports.map((p) => findPort(c.kind, p.name, c.flavour) ?? p);
    kindSpecs.set(key, specs);
  }
  return specs;
}

/** The named port of a component (a container's own, else the catalog's for its kind and flavour). */
export function componentPort(c: PortHolder, portName: string): PortSpec | undefined {
  if (c.kind !== 'container') return findPort(c.kind, portName, c.flavour);
  return componentPorts(c).find((p) => p.name === portName);
}

/** The names of a component's ports, for messages: `http, https`, or `none`. */
export function portNamesOf(c: PortHolder): string {
  const names = componentPorts(c).map((p) => p.name);
  return names.length > 0 ? names.join(', ') : 'none';
}

/**
 * The port number a component actually listens on: its own override first, then the
 * flavour's number, then the catalog default; a custom container's own port number. Undefined
 * for a port the component does not have.
 */
export function portNumber(
  component: Pick<Component, 'kind' | 'flavour' | 'portOverrides'> & { readonly ports?: readonly ContainerPort[] },
  portName: string,
): number | undefined {
  const port = componentPort(component, portName);
  if (port === undefined) return undefined;
  // A container's number is its own port's; overrides are for catalog ports (the loader refuses them here).
  if (component.kind === 'container') return port.number;
  // hasOwn keeps inherited names such as `constructor` from reading as overrides.
  const override = Object.hasOwn(component.portOverrides, portName) ? component.portOverrides[portName] : undefined;
  return override ?? port.number;
}

/** A server the customer runs (`external: true`): drawn, checked, but not a container of the export. */
export const isExternal = (c: Pick<Component, 'properties'>): boolean => c.properties.external === true;

/**
 * True for components that run as containers of this deployment — what the exporter writes into
 * its one compose project, and so what the one-host checks (host ports, data services) look at.
 */
export function isDeployed(c: Pick<Component, 'kind' | 'properties'>): boolean {
  return KIND_SPECS[c.kind].deployable && !isExternal(c);
}

/**
 * The container image for a kind and flavour; undefined for kinds that are not deployed and for a
 * custom container, whose image is its own (imageOf).
 */
export function imageFor(kind: ComponentKind, flavour?: Flavour): string | undefined {
  const spec = KIND_SPECS[kind];
  const id = flavour ?? spec.defaultFlavour;
  const f = id === undefined ? undefined : findFlavour(kind, id);
  return f?.image ?? spec.image?.name;
}

/**
 * The image a component runs: a custom container's own reference; on another deployable kind its
 * override (Component.image) where it has one, else the catalog's for its kind and flavour.
 */
export function imageOf(c: Pick<Component, 'kind' | 'flavour' | 'image'>): string | undefined {
  if (c.kind === 'container') return c.image;
  if (!KIND_SPECS[c.kind].deployable) return undefined;
  return c.image ?? imageFor(c.kind, c.flavour);
}

/** The kinds that run nextAuth's own images, pulled with the project's registry and tag (settings). */
export const NEXTAUTH_IMAGE_KINDS: ReadonlySet<string> = new Set(['nextauth', 'nextauth-mgmt', 'nextauth-portmap']);
