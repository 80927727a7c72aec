/**
 * `extends` (compose-spec 05-services.md#extends; compose-go loader/extends.go, read at commit
 * e70e961c3a3a): a service written as `extends: base` or `extends: {service: base, file: x.yml}`
 * is its base service — itself resolved first, down the chain — with its own definition merged
 * over it by the ordinary merge rules (merge.ts; compose-go `ExtendService` merges at
 * `services.x`). Every key is inherited, `depends_on` and `volumes_from` too: compose-go dropped
 * its exclusions in commit 1b86894 ("drop extends restrictions", January 2025); docker-compose 1.x
 * still left out `links`, `volumes_from` and `depends_on`.
 *
 * `file` is read relative to the folder of the file that holds the `extends` (docker-compose 1.x;
 * the spec's "relative to the main Compose file" is the same for a project's first file). The
 * other file is read without its `include:` (compose-go sets SkipInclude for it). The base's
 * relative host paths (bind mounts, build contexts) are rebased onto the extending file's folder.
 *
 * Errors: an unknown service (`extends-unknown-service`, at the name), an unreadable file
 * (`extends-unknown-file`, at the path), and a cycle (`extends-cycle`, at the `extends` that
 * closes it: the one naming a service already on the chain, itself included).
 */
import { dirnamePath, normalizePath, resolveFrom } from './paths';
import { rebaseService } from './rebase';
import { fail } from './failure';
import { mergeMaps } from './merge';
import { entriesByKey, entryAt } from './tree-path';
import { expandedSize, MODEL_NODE_BUDGET } from './size';
import type { SourcePos } from '../types';
import type { CEntry, CMap, CNode } from './tree';

/**
 * How long an `extends` chain may be. Compose sets no bound; real chains are a handful long. A
 * bound keeps the recursion (a few stack frames per link) and the merges along the chain small
 * whatever a file holds: 10,000 services each extending the one before would be refused here.
 */
export const MAX_EXTENDS_CHAIN = 256;

/** Reads another compose file's top-level map (the caller caches and bounds it), or fails with `code` at `at`. */
export type LoadRoot = (path: string, at: SourcePos) => CMap;

interface Link {
  readonly file: string;
  readonly name: string;
}

interface Target {
  readonly name: string;
  readonly nameAt: SourcePos;
  readonly file?: { readonly path: string; readonly at: SourcePos };
}

function targetOf(ext: CEntry, serviceName: string): Target {
  const v = ext.value;
  if (v.kind === 'scalar' && typeof v.value === 'string') return { name: v.value, nameAt: v.at };
  if (v.kind !== 'map') {
    fail('wrong-type', `services.${serviceName}.extends must be a service name or {service, file}`, v.at);
  }
  const service = entryAt(v, 'service');
  if (service === undefined || service.value.kind !== 'scalar' || typeof service.value.value !== 'string') {
    fail(
      'wrong-type',
      `services.${serviceName}.extends.service is required and must be a service name`,
      service?.value.at ?? v.at,
    );
  }
  const file = entryAt(v, 'file');
  if (file === undefined || (file.value.kind === 'scalar' && file.value.value === null)) {
    return { name: service.value.value, nameAt: service.value.at };
  }
  if (file.value.kind !== 'scalar' || typeof file.value.value !== 'string') {
    fail('wrong-type', `services.${serviceName}.extends.file must be a path`, file.value.at);
  }
  return { name: service.value.value, nameAt: service.value.at, file: { path: file.value.value, at: file.value.at } };
}

const servicesOf = (root: CMap): CMap | undefined => {
  const s = entryAt(root, 'services')?.value;
  return s?.kind === 'map' ? s : undefined;
};

class Resolver {
  /** Resolved services, per services map (one per file read), so a chain is walked once. */
  private readonly done = new WeakMap<CMap, Map<string, CNode>>();
  /** What the extended services may still expand to (see size.ts). */
  private budget = MODEL_NODE_BUDGET;
  /** Each services map by name: a file may hold thousands of services. */
  private readonly indexes = new WeakMap<CMap, Map<string, CEntry>>();

  private serviceEntry(services: CMap, name: string): CEntry | undefined {
    let index = this.indexes.get(services);
    if (index === undefined) this.indexes.set(services, (index = entriesByKey(services)));
    return index.get(name);
  }

  constructor(private readonly loadRoot: LoadRoot) {}

  resolve(file: string, services: CMap, name: string, chain: readonly Link[]): CNode {
    const cached = this.done.get(services)?.get(name);
    if (cached !== undefined) return cached;
    const entry = this.serviceEntry(services, name);
    if (entry === undefined) throw new Error(`no service ${name}`); // callers check first
    const resolved = this.extend(file, services, entry, chain);
    let memo = this.done.get(services);
    if (memo === undefined) this.done.set(services, (memo = new Map()));
    memo.set(name, resolved);
    return resolved;
  }

  private extend(file: string, services: CMap, entry: CEntry, chain: readonly Link[]): CNode {
    const service = entry.value;
    if (service.kind !== 'map') {
      if (service.kind === 'scalar' && service.value === null) return service;
      fail('wrong-type', `services.${entry.key} must be a mapping`, service.at);
    }
    const ext = entryAt(service, 'extends');
    if (ext === undefined) return service;
    const target = targetOf(ext, entry.key);
    const here: Link = { file: normalizePath(file), name: entry.key };
    let targetFile = file;
    let targetServices = services;
    if (target.file !== undefined) {
      targetFile = resolveFrom(file, target.file.path);
      const root = this.loadRoot(targetFile, target.file.at);
      const found = servicesOf(root);
      if (found === undefined) {
        fail(
          'extends-unknown-service',
          `cannot extend service "${target.name}": ${target.file.path} has no services`,
          target.nameAt,
        );
      }
      targetServices = found;
    }
    const there: Link = { file: normalizePath(targetFile), name: target.name };
    const path = [...chain, here];
    if (path.length > MAX_EXTENDS_CHAIN) {
      fail('too-deep', `extends chains more than ${MAX_EXTENDS_CHAIN} services here; refused`, ext.keyAt);
    }
    if (path.some((l) => l.file === there.file && l.name === there.name)) {
      const loop = [...path, there].map((l) => l.name).join(' → ');
      fail('extends-cycle', `extends goes round in a circle: ${loop}`, ext.keyAt);
    }
    if (this.serviceEntry(targetServices, target.name) === undefined) {
      const where = target.file === undefined ? 'in this file' : `in ${target.file.path}`;
      fail(
        'extends-unknown-service',
        `cannot extend service "${target.name}": there is no such service ${where}`,
        target.nameAt,
      );
    }
    const resolvedBase = this.resolve(targetFile, targetServices, target.name, path);
    // Its relative host paths are relative to its own file's folder (rebase.ts).
    const base = target.file === undefined ? resolvedBase : rebaseService(resolvedBase, dirnamePath(target.file.path));
    // Merged with `service` itself, whose `!reset` keys (tags.ts) erase the base's.
    const merged = base.kind === 'map' ? mergeMaps(base, service, ['services', entry.key]) : service;
    // The service is defined where it is written, not where its base is.
    const extended: CMap = { kind: 'map', at: service.at, entries: merged.entries.filter((e) => e.key !== 'extends') };
    this.budget -= expandedSize(extended);
    if (this.budget < 0) {
      fail('alias-limit', `services extend one another into more than ${MODEL_NODE_BUDGET} nodes; refused`, ext.keyAt);
    }
    return extended;
  }
}

/** `root` (one file's model, after its includes) with every service's `extends` applied. */
export function applyExtends(root: CMap, file: string, loadRoot: LoadRoot): CMap {
  const services = servicesOf(root);
  if (services === undefined || !services.entries.some((e) => e.value.kind === 'map' && entryAt(e.value, 'extends'))) {
    return root;
  }
  const resolver = new Resolver(loadRoot);
  const resolved: CMap = {
    kind: 'map',
    at: services.at,
    entries: services.entries.map((e) => {
      const value = resolver.resolve(file, services, e.key, []);
      return value === e.value ? e : { key: e.key, keyAt: e.keyAt, value };
    }),
  };
  return {
    kind: 'map',
    at: root.at,
    entries: root.entries.map((e) => (e.key === 'services' ? { ...e, value: resolved } : e)),
  };
}
