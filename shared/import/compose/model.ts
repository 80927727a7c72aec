/**
 * The loaded compose model: several files merged, includes and extends applied, interpolated,
 * every node located — what the recognizers read. Values are not normalised here (ports,
 * environment and the other short forms stay as written; ports.ts and environment.ts read them).
 */
import type { ImportProblem, SourcePos } from '../types';
import { fail } from './failure';
import { activate, type ServiceDef } from './profiles';
import { isNull } from './tree-path';
import type { CEntry, CMap } from './tree';

export interface ComposeService {
  readonly name: string;
  /** Where the service's name is written (in the file that defined it first). */
  readonly at: SourcePos;
  /** The merged service definition (a service written as `name:` alone is an empty map). */
  readonly node: CMap;
}

export interface ComposeModel {
  /** Active services, in the order they first appear. */
  readonly services: readonly ComposeService[];
  /** Services no given profile activates, by name. */
  readonly inactive: readonly string[];
  readonly networks: CMap | undefined;
  readonly volumes: CMap | undefined;
  readonly secrets: CMap | undefined;
  readonly configs: CMap | undefined;
  /** Top-level `x-` keys. */
  readonly extensions: readonly CEntry[];
  /** The top-level `name:` (the project name), interpolated. */
  readonly name?: string;
  /** Every other top-level key (`version`, `models`, unknown ones), so nothing is dropped unseen. */
  readonly otherKeys: readonly CEntry[];
  /** Every file read (the given ones, then included and extended ones as they were read). */
  readonly files: readonly string[];
}

const SECTIONS = new Set(['services', 'networks', 'volumes', 'secrets', 'configs', 'name']);

function section(root: CMap, key: string): CMap | undefined {
  const e = root.entries.find((x) => x.key === key);
  if (e === undefined || isNull(e.value)) return undefined;
  if (e.value.kind !== 'map') fail('wrong-type', `\`${key}\` must be a mapping`, e.value.at);
  return e.value;
}

function servicesOf(root: CMap): ServiceDef[] {
  const services = section(root, 'services');
  if (services === undefined) return [];
  return services.entries.map((e) => {
    const v = e.value;
    if (v.kind === 'map') return { name: e.key, at: e.keyAt, node: v };
    // compose-go accepts a service written as nothing (`web:`) as an empty definition.
    if (isNull(v)) return { name: e.key, at: e.keyAt, node: { kind: 'map', at: v.at, entries: [] } };
    return fail('wrong-type', `service "${e.key}" must be a mapping`, v.at);
  });
}

/** The model of a merged root, with `profiles` deciding which services are active. */
export function buildModel(
  root: CMap,
  profiles: readonly string[],
  files: readonly string[],
  warnings: ImportProblem[],
): ComposeModel {
  const where: SourcePos = { file: files[0] ?? '', line: 1, column: 1 };
  const activation = activate(servicesOf(root), profiles, where, warnings);
  const nameEntry = root.entries.find((e) => e.key === 'name');
  let name: string | undefined;
  if (nameEntry !== undefined && !isNull(nameEntry.value)) {
    const v = nameEntry.value;
    if (v.kind !== 'scalar' || typeof v.value !== 'string') fail('wrong-type', '`name` must be text', v.at);
    name = v.value;
  }
  return {
    services: activation.active,
    inactive: activation.inactive.map((s) => s.name),
    networks: section(root, 'networks'),
    volumes: section(root, 'volumes'),
    secrets: section(root, 'secrets'),
    configs: section(root, 'configs'),
    extensions: root.entries.filter((e) => e.key.startsWith('x-')),
    ...(name !== undefined ? { name } : {}),
    otherKeys: root.entries.filter((e) => !SECTIONS.has(e.key) && !e.key.startsWith('x-')),
    files,
  };
}
