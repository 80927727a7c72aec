import type { Component, ComponentKind, Flavour } from '../model/types';
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

/** Whether a kind has a port of this name (flavours change numbers, never names). */
export function hasPort(kind: ComponentKind, portName: string): boolean {
  return PORT_NAMES.get(kind)?.has(portName) ?? false;
}

/**
 * The named port of a kind with the flavour's number and protocol applied. Without a
 * flavour the kind's default flavour applies, since that is what a component without one runs.
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

/**
 * The port number a component actually listens on: its own override first, then the
 * flavour's number, then the catalog default. Undefined for a port the kind does not have.
 */
export function portNumber(
  component: Pick<Component, 'kind' | 'flavour' | 'portOverrides'>,
  portName: string,
): number | undefined {
  const port = findPort(component.kind, portName, component.flavour);
  if (port === undefined) return undefined;
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

/** The container image for a kind and flavour; undefined for kinds that are not deployed. */
export function imageFor(kind: ComponentKind, flavour?: Flavour): string | undefined {
  const spec = KIND_SPECS[kind];
  const id = flavour ?? spec.defaultFlavour;
  const f = id === undefined ? undefined : findFlavour(kind, id);
  return f?.image ?? spec.image?.name;
}
