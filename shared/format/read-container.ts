import { CONTAINER_PORT_PROTOCOLS, PORT_NAME_PATTERN, PORT_RANGE } from '../model/constraints';
import type { ContainerPort } from '../model/types';
import type { Located } from './located';
import { join, printable, type Reader } from './reader';

/**
 * The reader of a custom container's own fields: `image` (any text here — NA047 and the inspector
 * check it is a Docker image reference, so a file the editor saved with a half-typed image still
 * opens) and `ports` (name, number, protocol). Port names are what links, routes and publish
 * entries refer to, so a bad or repeated name is an error here; a repeated number is left to NA047.
 */

const PORT_KEYS = ['name', 'number', 'protocol'] as const;

export function readContainerPorts(r: Reader, node: Located | undefined, path: string): ContainerPort[] {
  const out: ContainerPort[] = [];
  const names = new Set<string>();
  r.seq(node, path, 'ports').forEach((item, i) => {
    const at = join(path, i);
    const map = r.map(item, at, 'a container port');
    if (!map) return;
    r.keys(map, PORT_KEYS, at, 'a container port');
    const nameNode = r.required(map, 'name', at, 'a container port');
    const name = r.text(nameNode, join(at, 'name'), 'port name');
    const number = r.integer(
      r.required(map, 'number', at, 'a container port'),
      join(at, 'number'),
      'port number',
      PORT_RANGE.min,
      PORT_RANGE.max,
    );
    const protocolNode = r.entry(map, 'protocol')?.value;
    const protocol = protocolNode
      ? r.oneOf(protocolNode, join(at, 'protocol'), 'port protocol', CONTAINER_PORT_PROTOCOLS)
      : 'tcp';
    if (name === undefined || nameNode === undefined) return;
    if (!PORT_NAME_PATTERN.test(name)) {
      r.report(
        'invalid-value',
        `port name "${printable(name)}" must be 1–32 letters, digits, "_", "." or "-", starting with a letter or digit`,
        nameNode.offset,
        join(at, 'name'),
      );
      return;
    }
    if (names.has(name)) {
      r.report(
        'invalid-value',
        `the container names port "${printable(name)}" twice`,
        nameNode.offset,
        join(at, 'name'),
      );
      return;
    }
    names.add(name);
    if (number !== undefined && protocol !== undefined) out.push({ name, number, protocol });
  });
  return out;
}
