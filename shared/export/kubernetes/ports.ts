import { componentPorts, portNumber } from '../../catalog/index';
import { transportOf } from '../../model/constraints';
import type { Component } from '../../model/types';
import { portName } from './names';

/** A port a component's container listens on, as Kubernetes names it. */
export interface PodPort {
  /** The catalog's (or custom container's) port name, as the drawing uses it. */
  readonly model: string;
  /** The Kubernetes port name (see names.ts). */
  readonly name: string;
  readonly number: number;
  readonly protocol: 'TCP' | 'UDP';
}

/**
 * Every port the component listens on, with the drawing's overrides — the same numbers the plan
 * writes into URIs and upstreams. Two ports on one number and protocol (a custom container can
 * draw that) are one container port.
 */
export function podPorts(c: Component): PodPort[] {
  const used = new Set<string>();
  const seen = new Set<string>();
  const out: PodPort[] = [];
  for (const spec of componentPorts(c)) {
    const number = portNumber(c, spec.name) ?? spec.number;
    const protocol = transportOf(spec.protocol) === 'udp' ? 'UDP' : 'TCP';
    const key = `${number}/${protocol}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ model: spec.name, name: portName(spec.name, number, used), number, protocol });
  }
  return out;
}
