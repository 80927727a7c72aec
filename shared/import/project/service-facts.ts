/**
 * One compose service read for the assembly: what it is (its image, recognised), what it sets
 * (environment, ports, replicas, networks, dependencies) and every other key, which the import
 * keeps as pass-through. The readers of each key's syntax live in ../compose; this module only
 * says which keys the model holds and gathers their values.
 */
import type { PassMap, PassValue } from '../../model/types';
import { serviceEnvironment, type EnvEntry } from '../compose/environment';
import type { Lookup } from '../compose/interpolate';
import type { ComposeService } from '../compose/model';
import { parsePorts, type PortSpec } from '../compose/ports';
import { foldEveryInterface } from './every-interface';
import { entryAt, isNull, scalarText } from '../compose/tree-path';
import { toPlain, type CMap, type CNode } from '../compose/tree';
import { recognizeImage, type Recognition } from '../recognize/kinds';
import type { DependsOn, NetworkRef } from '../recognize/links';
import type { ImportNote, ImportProblem, SourcePos } from '../types';

export interface ServiceFacts {
  readonly service: ComposeService;
  readonly image: string;
  /** The image as written was missing (a service built from source): `image` is the name compose gives it. */
  readonly built: boolean;
  readonly recognition: Recognition;
  readonly environment: readonly EnvEntry[];
  readonly ports: readonly PortSpec[];
  /** Container ports from `expose`. */
  readonly expose: readonly number[];
  readonly replicas: number;
  readonly networks?: readonly NetworkRef[];
  /** Settings the service gives itself on a network (map form: aliases, ipv4_address…), by network name. */
  readonly networkSettings: Readonly<Record<string, { readonly value: PassMap; readonly at: SourcePos }>>;
  readonly dependsOn: readonly DependsOn[];
  readonly aliases: readonly string[];
  /** Labels in their normalised form (list or map in the file). */
  readonly labels: readonly { readonly key: string; readonly value: string; readonly at: SourcePos }[];
  /** Keys the model does not hold, in file order, with where each is written. */
  readonly kept: readonly { readonly key: string; readonly value: PassValue; readonly at: SourcePos }[];
}

/** Keys the assembly turns into the model (everything else is kept as written). */
const MODELLED = new Set(['image', 'environment', 'env_file', 'ports', 'expose', 'scale', 'networks', 'depends_on']);

class FactsError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.message);
  }
}

const wrong = (message: string, at: SourcePos): never => {
  throw new FactsError({ code: 'wrong-type', severity: 'error', message, at });
};

function text(node: CNode, what: string): string {
  if (node.kind !== 'scalar' || node.value === null) return wrong(`${what} must be text`, node.at);
  return scalarText(node);
}

function commandOf(node: CNode | undefined): string | readonly string[] | undefined {
  if (node === undefined || isNull(node)) return undefined;
  if (node.kind === 'scalar') return scalarText(node);
  if (node.kind === 'seq') return node.items.map((i) => (i.kind === 'scalar' ? scalarText(i) : ''));
  return undefined;
}

/**
 * A Redis service run several times (`scale: 2`, `deploy.replicas`: typically read replicas of a
 * primary) is a custom container: the catalog's Redis is one instance — nextAuth's one key-value
 * store, whose export runs one container — so as a Redis it would lose its replicas.
 */
function severalRedis(recognition: Recognition, replicas: number): Recognition {
  if (recognition.kind !== 'redis' || replicas <= 1) return recognition;
  return {
    kind: 'container',
    confidence: recognition.confidence,
    why: `${recognition.why}; run ${replicas} times, so a custom container (the catalog's Redis is one instance, nextAuth's key-value store)`,
    image: recognition.image,
  };
}

function replicasOf(node: CMap, notes: ImportNote[], name: string): number {
  const deploy = entryAt(node, 'deploy')?.value;
  const fromDeploy = deploy?.kind === 'map' ? entryAt(deploy, 'replicas')?.value : undefined;
  const scale = entryAt(node, 'scale')?.value;
  const read = (v: CNode, what: string): number => {
    const n = v.kind === 'scalar' ? Number(v.value) : NaN;
    if (!Number.isInteger(n) || n < 0) return wrong(`${what} must be a whole number`, v.at);
    return n;
  };
  if (fromDeploy !== undefined && !isNull(fromDeploy)) {
    const n = read(fromDeploy, `services.${name}.deploy.replicas`);
    if (scale !== undefined && !isNull(scale) && read(scale, `services.${name}.scale`) !== n)
      wrong(`services.${name}: scale and deploy.replicas disagree`, scale.at);
    return Math.max(1, n);
  }
  if (scale !== undefined && !isNull(scale)) {
    const n = read(scale, `services.${name}.scale`);
    if (n === 0)
      notes.push({ kind: 'interpreted', text: `service ${name} has scale 0: imported with one replica`, at: scale.at });
    return Math.max(1, n);
  }
  return 1;
}

interface ServiceNetworks {
  refs?: NetworkRef[];
  aliases: string[];
  settings: Record<string, { value: PassMap; at: SourcePos }>;
}

function networksOf(node: CMap, name: string): ServiceNetworks {
  const v = entryAt(node, 'networks')?.value;
  const settings = Object.create(null) as ServiceNetworks['settings'];
  if (v === undefined || isNull(v)) return { aliases: [], settings };
  const aliases: string[] = [];
  if (v.kind === 'seq')
    return {
      refs: v.items.map((i) => ({ name: text(i, `services.${name}.networks[]`), at: i.at })),
      aliases,
      settings,
    };
  if (v.kind !== 'map') return wrong(`services.${name}.networks must be a list or a mapping`, v.at);
  const refs = v.entries.map((e) => {
    if (e.value.kind === 'map') {
      const a = entryAt(e.value, 'aliases')?.value;
      if (a?.kind === 'seq')
        for (const i of a.items) if (i.kind === 'scalar' && i.value !== null) aliases.push(scalarText(i));
      // The settings on this network are kept as written (`{}` and null say nothing).
      if (e.value.entries.length > 0) settings[e.key] = { value: toPlain(e.value) as PassMap, at: e.keyAt };
    } else if (!isNull(e.value))
      wrong(`services.${name}.networks.${e.key} must be a mapping of settings or empty`, e.value.at);
    return { name: e.key, at: e.keyAt };
  });
  return { refs, aliases, settings };
}

function dependsOnOf(node: CMap, name: string): DependsOn[] {
  const v = entryAt(node, 'depends_on')?.value;
  if (v === undefined || isNull(v)) return [];
  if (v.kind === 'seq') return v.items.map((i) => ({ service: text(i, `services.${name}.depends_on[]`), at: i.at }));
  if (v.kind !== 'map') return wrong(`services.${name}.depends_on must be a list or a mapping`, v.at);
  return v.entries.map((e) => {
    const cond = e.value.kind === 'map' ? entryAt(e.value, 'condition')?.value : undefined;
    const condition = cond?.kind === 'scalar' && cond.value !== null ? scalarText(cond) : undefined;
    return { service: e.key, at: e.keyAt, ...(condition !== undefined ? { condition } : {}) };
  });
}

function exposeOf(node: CMap, name: string): number[] {
  const v = entryAt(node, 'expose')?.value;
  if (v === undefined || isNull(v)) return [];
  if (v.kind !== 'seq') return wrong(`services.${name}.expose must be a list`, v.at);
  const out: number[] = [];
  for (const i of v.items) {
    // `8080`, `"8080"`, `"8080/tcp"`, `"8000-8002"`: each container port.
    const m = /^(\d{1,5})(?:-(\d{1,5}))?(?:\/(tcp|udp|sctp))?$/.exec(text(i, `services.${name}.expose[]`));
    if (m === null) return wrong(`services.${name}.expose: "${text(i, '')}" is not a port`, i.at);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (lo < 1 || hi > 65535 || hi < lo || hi - lo > 1024)
      return wrong(`services.${name}.expose: "${text(i, '')}" is not a port or a range of at most 1,024`, i.at);
    for (let p = lo; p <= hi; p++) out.push(p);
  }
  return out;
}

function labelsOf(node: CMap, name: string): ServiceFacts['labels'] {
  const v = entryAt(node, 'labels')?.value;
  if (v === undefined || isNull(v)) return [];
  if (v.kind === 'map')
    return v.entries.map((e) => ({
      key: e.key,
      value: e.value.kind === 'scalar' ? scalarText(e.value) : '',
      at: e.keyAt,
    }));
  if (v.kind !== 'seq') return wrong(`services.${name}.labels must be a list or a mapping`, v.at);
  return v.items.map((i) => {
    const t = text(i, `services.${name}.labels[]`);
    const eq = t.indexOf('=');
    return eq < 0 ? { key: t, value: '', at: i.at } : { key: t.slice(0, eq), value: t.slice(eq + 1), at: i.at };
  });
}

export interface FactsContext {
  readonly lookup: Lookup;
  readonly readFile: (path: string) => string | undefined;
  /** The project name (compose names images of built services `<project>-<service>`). */
  readonly project: string;
  readonly notes: ImportNote[];
}

export type FactsOutcome =
  | { readonly ok: true; readonly facts: ServiceFacts }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/** Reads one active service. */
export function serviceFacts(service: ComposeService, ctx: FactsContext): FactsOutcome {
  try {
    const node = service.node;
    const imageNode = entryAt(node, 'image')?.value;
    const built = imageNode === undefined || isNull(imageNode);
    // compose v2 names the image of a service it builds `<project>-<service>` (docker compose build).
    const image = built ? `${ctx.project}-${service.name}` : text(imageNode, `services.${service.name}.image`);
    if (built)
      ctx.notes.push({
        kind: 'interpreted',
        text: `service ${service.name} has no image (built from source): imported as a custom container of image ${image}`,
        at: service.at,
      });
    const recognized = recognizeImage(image, {
      ...(commandOf(entryAt(node, 'command')?.value) !== undefined
        ? { command: commandOf(entryAt(node, 'command')?.value)! }
        : {}),
      ...(commandOf(entryAt(node, 'entrypoint')?.value) !== undefined
        ? { entrypoint: commandOf(entryAt(node, 'entrypoint')?.value)! }
        : {}),
    });
    const environment = serviceEnvironment(node, { lookup: ctx.lookup, readFile: ctx.readFile });
    if (!environment.ok) return { ok: false, problems: environment.problems };
    const replicas = replicasOf(node, ctx.notes, service.name);
    const recognition = severalRedis(recognized, replicas);
    const ports = parsePorts(entryAt(node, 'ports')?.value);
    if (!ports.ok) return { ok: false, problems: ports.problems };
    const networks = networksOf(node, service.name);
    const containerName = entryAt(node, 'container_name')?.value;
    const hostname = entryAt(node, 'hostname')?.value;
    const aliases = [...networks.aliases];
    for (const n of [containerName, hostname])
      if (n?.kind === 'scalar' && n.value !== null) aliases.push(scalarText(n));
    const kept: { key: string; value: PassValue; at: SourcePos }[] = [];
    for (const e of node.entries) {
      if (MODELLED.has(e.key)) continue;
      if (e.key === 'deploy' && e.value.kind === 'map') {
        // deploy.replicas is modelled; the rest of deploy (resources, placement, …) is kept.
        const rest = e.value.entries.filter((d) => d.key !== 'replicas');
        if (rest.length > 0)
          kept.push({ key: 'deploy', value: toPlain({ ...e.value, entries: rest }) as PassValue, at: e.keyAt });
        continue;
      }
      kept.push({ key: e.key, value: toPlain(e.value) as PassValue, at: e.keyAt });
    }
    return {
      ok: true,
      facts: {
        service,
        image,
        built,
        recognition,
        environment: environment.value,
        ports: foldEveryInterface(ports.value),
        expose: exposeOf(node, service.name),
        replicas,
        ...(networks.refs !== undefined ? { networks: networks.refs } : {}),
        networkSettings: networks.settings,
        dependsOn: dependsOnOf(node, service.name),
        aliases,
        labels: labelsOf(node, service.name),
        kept,
      },
    };
  } catch (error) {
    if (error instanceof FactsError) return { ok: false, problems: [error.problem] };
    throw error;
  }
}
