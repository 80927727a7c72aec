import type { ContainerPort } from '../model/types';
import { assumed } from './sources';
import type { KindSpec, PortSpec, Source } from './types';

/**
 * The custom container: a service of the deployment that is none of the catalog's kinds — a
 * compose service an import did not recognise, or one the architect adds (a mail relay, a metrics
 * agent, the customer's own web app behind the proxy). Its image and ports are the component's
 * own (Component.image, Component.ports), so the kind spec has none; every lookup of a
 * component's ports goes through componentPorts (catalog/index.ts), which reads them.
 */
export const CONTAINER_SOURCE: Source = assumed(
  'Set on the component (or kept from an imported compose file); the nextAuth docs say nothing about this container.',
);

export const CONTAINER: KindSpec & { readonly kind: 'container' } = {
  kind: 'container',
  label: 'Custom container',
  // Drawn and placed with the data services (the inner column, an internal zone by default); no
  // product rule looks at a category, only at kinds, so none applies to a container by it.
  category: 'data',
  description:
    'Any container image with its own ports and environment, e.g. a service kept from an imported compose file.',
  deployable: true,
  optional: true,
  scalable: true,
  ports: [],
  egress: [],
  env: [],
  source: CONTAINER_SOURCE,
};

/** A container port as a catalog port spec, so every reader of ports treats it like any other. */
export function containerPortSpec(port: ContainerPort): PortSpec {
  const secure = port.protocol === 'https' || port.protocol === 'wss';
  return {
    name: port.name,
    number: port.number,
    protocol: port.protocol,
    // Whether it speaks TLS is only known from the protocol the architect chose.
    tls: secure ? 'always' : 'none',
    exposure: 'internal',
    label: port.name,
    description: `Port ${port.number}/${port.protocol} of the custom container.`,
    source: CONTAINER_SOURCE,
  };
}
