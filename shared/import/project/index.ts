/**
 * `importProject`: compose files (+ env files, + reverse-proxy configurations) → a laid-out
 * project and the import report. Pure; every file arrives as text or through `readFile`.
 *
 * The steps, each in its own module: the variables compose interpolates with (process
 * environment over the env files), the merged compose model (files, includes, extends,
 * profiles), each service's facts (service-facts.ts), the meaning of every environment value
 * (secrets never copied), components (components.ts), links from connection URIs and the like
 * (links.ts), routes from the proxy configurations and Traefik labels (routes.ts), zones from
 * networks (zones.ts), the networks themselves (networks.ts), the outside services and clients the checks need (extras.ts), the
 * nextAuth registry and tag (settings.ts), and a layout in traffic order.
 */
import { allConnections } from '../../connections/index';
import { arrange } from '../../diagram/arrange';
import { loadProject, saveProject } from '../../format/index';
import type { Component, ComponentId, Link, PassValue, Project, Zone, ZoneId } from '../../model/types';
import { FORMAT_VERSION } from '../../model/types';
import { loadCompose } from '../compose/load';
import { dirnamePath, joinPath } from '../compose/paths';
import { composeLookup, readEnvFiles } from '../compose/variables';
import { toPlain } from '../compose/tree';
import { classifyEnvironments } from '../recognize/environments';
import { impliedLinks, type LinkService } from '../recognize/links';
import type { ImportNote, ImportOutcome, ImportProblem, SourcePos } from '../types';
import { buildComponent, componentIds, containerPorts } from './components';
import { extrasFor, type Extras } from './extras';
import { modelLinks } from './links';
import { withOperatorInputs, writtenValue } from './operator-inputs';
import { proxyPublishes } from './proxy-publish';
import { sentinelMasters } from './sentinel-master';
import {
  applyToServices,
  outsideComponents,
  placesAll,
  readPortolanExtension,
  restoreLinks,
  restoreRoutes,
  restoreSuppressions,
  restoreZones,
  type PortolanExtension,
} from './portolan-extension';
import { EXTENSION_KEY } from './portolan-extension-read';
import { importedRoutes } from './routes';
import { serviceFacts, type ServiceFacts } from './service-facts';
import { scrubKept, secretValues } from './secret-scrub';
import { settingsFrom } from './settings';
import type { ImportInput, ImportResult, ServiceOutcome } from './types';
import { keepNetworks } from './networks';
import { zonesFromNetworks } from './zones';

export type { ImportInput, ImportReport, ImportResult, InputFile, ServiceOutcome } from './types';

const failed = (problems: readonly ImportProblem[]): ImportOutcome<never> => ({ ok: false, problems });

/** compose's default env file: `.env` in the folder of the first compose file, when there is one. */
function envFilesOf(input: ImportInput): string[] {
  if (input.envFiles.length > 0) return [...input.envFiles];
  const first = input.compose[0];
  if (first === undefined) return [];
  const dir = dirnamePath(first.path);
  const path = dir === '' || dir === '.' ? '.env' : joinPath(dir, '.env');
  return input.readFile(path) !== undefined ? [path] : [];
}

/**
 * A connection variable typed exactly as the link derives it is the link's: the override goes.
 * "Exactly" is the value, or the text the compose file writes before interpolation — the
 * derived URI's `${VAR}` references included (a password the operator fills in `.env`, which an
 * empty line leaves empty: the value alone could not tell one empty variable from another).
 */
function dropDerivedOverrides(
  project: Project,
  notes: ImportNote[],
  where: (id: ComponentId, name: string) => SourcePos,
  written: (id: ComponentId, name: string) => string | undefined,
): Project {
  const drop = new Map<ComponentId, Set<string>>();
  for (const c of allConnections(project)) {
    const o = c.override;
    if (o?.type !== 'literal' || c.uri === undefined) continue;
    if (o.value !== c.uri && written(c.source.id, c.variable) !== c.uri) continue;
    const set = drop.get(c.source.id) ?? new Set<string>();
    set.add(c.variable);
    drop.set(c.source.id, set);
  }
  if (drop.size === 0) return project;
  const components = project.components.map((c) => {
    const names = drop.get(c.id);
    if (names === undefined) return c;
    const environment = Object.create(null) as Record<string, Component['environment'][string]>;
    for (const [k, v] of Object.entries(c.environment)) if (!names.has(k)) environment[k] = v;
    for (const n of names)
      notes.push({
        kind: 'interpreted',
        text: `${n} of ${c.id} is the connection its link derives: drawn as the link, written by the export`,
        at: where(c.id, n),
      });
    return { ...c, environment };
  });
  return { ...project, components };
}

export function importProject(input: ImportInput): ImportOutcome<ImportResult> {
  return assemble(input, true);
}

/**
 * The import; `useExtension` false ignores the `x-portolan` block (the retry when the block made
 * a project that does not validate: a hand-edited block never stops an import compose allows).
 */
function assemble(input: ImportInput, useExtension: boolean): ImportOutcome<ImportResult> {
  const notes: ImportNote[] = [];
  const warnings: ImportProblem[] = [];
  if (input.compose.length === 0)
    return failed([
      {
        code: 'not-a-compose-file',
        severity: 'error',
        message: 'no compose file given',
        at: { file: '', line: 1, column: 1 },
      },
    ]);

  const envFiles = envFilesOf(input);
  const env = readEnvFiles(envFiles, input.readFile, input.environment);
  if (!env.ok) return env;
  warnings.push(...env.warnings);
  const lookup = composeLookup(input.environment, env.value);

  const loaded = loadCompose(input.compose, { lookup, readFile: input.readFile, profiles: input.profiles });
  if (!loaded.ok) return loaded;
  warnings.push(...loaded.warnings);
  const model = loaded.value;
  const name = model.name ?? input.fallbackName;

  // Each service's facts; every service's errors are reported, not only the first one's.
  const facts: ServiceFacts[] = [];
  const problems: ImportProblem[] = [];
  for (const service of model.services) {
    const read = serviceFacts(service, { lookup, readFile: input.readFile, project: name, notes });
    if (read.ok) facts.push(read.facts);
    else problems.push(...read.problems);
  }
  if (problems.length > 0) return failed(problems);

  const ids = componentIds(facts.map((f) => f.service.name));
  const factsById = new Map<ComponentId, ServiceFacts>(facts.map((f) => [ids.get(f.service.name)!, f]));

  const classified = classifyEnvironments(
    facts.map((f) => ({
      service: f.service.name,
      kind: f.recognition.kind,
      ...(f.recognition.flavour !== undefined ? { flavour: f.recognition.flavour } : {}),
      environment: f.environment.flatMap((e) =>
        e.value === undefined ? [] : [{ name: e.name, value: e.value, at: e.at }],
      ),
    })),
  );
  notes.push(...classified.notes);

  const secrets = secretValues(facts, classified.variables);
  // The nextAuth registry and tag first: a nextAuth image they cannot reproduce becomes an override.
  const settings = settingsFrom(facts, notes);
  const outcomes: ServiceOutcome[] = [];
  let components: Component[] = facts.map((f) => {
    const id = ids.get(f.service.name)!;
    const r = f.recognition;
    outcomes.push({
      service: f.service.name,
      at: f.service.at,
      kind: r.kind,
      ...(r.flavour !== undefined ? { flavour: r.flavour } : {}),
      component: id,
      why: r.why,
    });
    // A secret repeated under its own name is one variable of `.env` (the export writes one value
    // for every component that has it): each component holds it as the secret or input it is.
    const variables = classified.variables
      .filter((v) => v.service === f.service.name)
      .map((v) => (v.sameAs?.variable === v.name ? { ...v, sameAs: undefined } : v));
    return buildComponent(f, id, variables, secrets, notes, settings);
  });
  // The `x-portolan` block (what the drawing holds and compose cannot say): read before links and
  // routes, since a service's moved ports decide which port an upstream or a URI reaches.
  const extension: PortolanExtension | undefined = useExtension
    ? readPortolanExtension(model.extensions, notes, warnings)
    : undefined;
  if (extension !== undefined) components = applyToServices(components, extension, notes);
  const inputs = { envValues: env.value, processEnv: input.environment, readFile: input.readFile, notes };
  components = components.map((c) => withOperatorInputs(c, factsById.get(c.id), inputs));
  const byId = new Map<ComponentId, Component>(components.map((c) => [c.id, c]));

  const linkServices: LinkService[] = facts.map((f) => ({
    name: f.service.name,
    aliases: f.aliases,
    kind: f.recognition.kind,
    ...(f.recognition.flavour !== undefined ? { flavour: f.recognition.flavour } : {}),
    listens: containerPorts(f).map((p) => p.number),
    environment: f.environment.flatMap((e) =>
      e.value === undefined ? [] : [{ name: e.name, value: e.value, at: e.at }],
    ),
    dependsOn: f.dependsOn,
    ...(f.networks !== undefined ? { networks: f.networks } : {}),
    at: f.service.at,
  }));
  const implied = impliedLinks(linkServices);
  notes.push(...implied.notes);
  let links: Link[] = modelLinks(implied.links, ids, byId, notes);

  const hostToId = new Map<string, ComponentId>();
  for (const f of facts) for (const a of f.aliases) hostToId.set(a.toLowerCase(), ids.get(f.service.name)!);
  for (const f of facts) hostToId.set(f.service.name.toLowerCase(), ids.get(f.service.name)!);
  const imported = importedRoutes(input.proxyConfigs, {
    components,
    facts: factsById,
    hostToId,
    readFile: input.readFile,
    notes,
    warnings,
  });
  if (!Array.isArray(imported)) return failed(imported.problems);
  const routes = extension !== undefined ? restoreRoutes(imported, extension, byId, notes) : imported;
  components = components.map((c) => proxyPublishes(c, factsById.get(c.id), routes, notes));

  const internalNetworks = new Set<string>();
  for (const e of model.networks?.entries ?? []) {
    const internal = e.value.kind === 'map' ? e.value.entries.find((x) => x.key === 'internal')?.value : undefined;
    if (internal?.kind === 'scalar' && internal.value === true) internalNetworks.add(e.key);
  }
  const zoning = zonesFromNetworks(components, factsById, internalNetworks);
  components = components.map((c) => {
    const zone = zoning.zoneOf.get(c.id);
    return zone !== undefined ? { ...c, zone } : c;
  });
  const zones: Zone[] = [...zoning.zones];
  // With the block, its outside components and links replace the inferred ones (extras.ts).
  let extras: Extras = { components: [], links: [] };
  if (extension !== undefined) {
    const outside = outsideComponents(extension, new Set(components.map((c) => c.id)), notes);
    const placed = restoreZones([...components, ...outside], extension, zoning, notes);
    zones.splice(0, zones.length, ...placed.zones);
    components = placed.components.slice(0, components.length);
    extras = { components: placed.components.slice(components.length), links: [] };
    const all = new Map<string, Component>(placed.components.map((c) => [c.id, c]));
    const depends = new Set(
      facts.flatMap((f) =>
        f.dependsOn.map((d) => `${ids.get(f.service.name)}\u0000${ids.get(d.service) ?? d.service}`),
      ),
    );
    links = restoreLinks(links, extension, all, (from, to) => depends.has(`${from}\u0000${to}`), notes);
  }

  const taken = new Set<string>([
    ...components.map((c) => c.id),
    ...links.map((l) => l.id),
    ...routes.map((r) => r.id),
    ...zoning.zones.map((z) => z.id),
  ]);
  const internetId = (taken.has('internet') ? 'zone-internet' : 'internet') as ZoneId;
  if (extension === undefined) {
    extras = extrasFor(
      components,
      routes,
      internetId,
      taken,
      model.services[0]?.at ?? { file: input.compose[0]!.path, line: 1, column: 1 },
      notes,
    );
    if (extras.components.length > 0) zones.push({ id: internetId, name: 'Internet', kind: 'internet' });
  }

  const passThrough = Object.create(null) as Record<string, PassValue>;
  // The networks are kept as the file declares them (the zones above are drawn from them too) —
  // unless the block says Portolan's exporter chose them for a drawing that declares none: then
  // the drawing comes back without them, and a later export chooses again.
  let networks: Project['networks'];
  if (extension === undefined || extension.declaredNetworks === true) {
    const kept = keepNetworks(model.networks, components, factsById, secrets, notes);
    components = [...kept.components];
    networks = kept.networks;
  } else if (model.networks !== undefined)
    notes.push({
      kind: 'interpreted',
      text: `networks ${model.networks.entries.map((e) => e.key).join(', ')} are the ones Portolan's export chose for the drawing (x-portolan): not kept, the export chooses them again`,
      at: model.networks.at,
    });
  for (const [key, node] of [
    ['volumes', model.volumes],
    ['secrets', model.secrets],
    ['configs', model.configs],
  ] as const) {
    if (node === undefined) continue;
    passThrough[key] = scrubKept(key, 'the compose files', toPlain(node) as PassValue, node.at, secrets, notes);
    notes.push({ kind: 'kept', text: `top-level \`${key}\``, at: node.at });
  }
  for (const e of model.otherKeys)
    notes.push(
      e.key === 'version'
        ? { kind: 'interpreted', text: 'top-level `version` is obsolete (compose ignores it): not kept', at: e.keyAt }
        : { kind: 'not-understood', text: `top-level \`${e.key}\` is not a compose key Portolan keeps`, at: e.keyAt },
    );
  for (const e of model.extensions) {
    // The block is consumed (read above, or ignored with a note), never kept.
    if (e.key === EXTENSION_KEY) continue;
    passThrough[e.key] = scrubKept(e.key, 'the compose files', toPlain(e.value) as PassValue, e.keyAt, secrets, notes);
    notes.push({ kind: 'kept', text: `top-level \`${e.key}\``, at: e.keyAt });
  }

  let project: Project = {
    format: FORMAT_VERSION,
    meta: extension?.meta ?? { name, description: `Imported from ${input.compose.map((f) => f.path).join(', ')}` },
    settings: {
      ...settings,
      ...(extension?.tls !== undefined ? { tls: extension.tls } : {}),
      ...(extension?.capacity !== undefined ? { capacity: extension.capacity } : {}),
    },
    zones,
    components: [...components, ...extras.components],
    links: [...links, ...extras.links],
    routes,
    suppressions: [],
    ...(Object.keys(passThrough).length > 0 ? { passThrough } : {}),
    ...(networks !== undefined ? { networks } : {}),
    // The block's hosts (format 6): the drawing's placement, which one compose file cannot state.
    ...(extension?.hosts !== undefined ? { hosts: extension.hosts.map(({ at: _at, ...host }) => host) } : {}),
  };
  const variableAt = (id: ComponentId, variable: string): SourcePos => {
    const f = factsById.get(id);
    return (
      f?.environment.find((e) => e.name === variable)?.at ??
      f?.service.at ?? { file: input.compose[0]!.path, line: 1, column: 1 }
    );
  };
  project = sentinelMasters(project, notes, variableAt);
  project = dropDerivedOverrides(project, notes, variableAt, (id, variable) => {
    const f = factsById.get(id);
    return f === undefined ? undefined : writtenValue(f, variable);
  });
  if (extension !== undefined) project = { ...project, suppressions: restoreSuppressions(project, extension, notes) };
  // The block's positions are the drawing's: laid out only when some component has none.
  if (extension === undefined || !placesAll(project.components, extension)) {
    const moves = arrange(project, { all: extension === undefined });
    project = {
      ...project,
      components: project.components.map((c) => ({ ...c, position: moves.get(c.id) ?? c.position })),
    };
  }

  // The project must be one Portolan saves and loads again; anything else is a bug of the import.
  const text = saveProject(project);
  const check = loadProject(text);
  if (!check.ok && extension !== undefined) {
    const retry = assemble(input, false);
    if (!retry.ok) return retry;
    const first = check.problems.find((p) => p.severity === 'error');
    const note: ImportNote = {
      kind: 'interpreted',
      text: `the x-portolan block is ignored: with it the project does not validate (${first?.path ?? ''}: ${first?.message ?? ''})`,
      at: extension.at,
    };
    const report = { ...retry.value.report, notes: [...retry.value.report.notes, note] };
    return { ...retry, value: { ...retry.value, report } };
  }
  if (!check.ok)
    return failed(
      check.problems
        .filter((p) => p.severity === 'error')
        .map((p) => ({
          code: 'invalid-value' as const,
          severity: 'error' as const,
          message: `the imported project does not validate (${p.path}: ${p.message})`,
          at: { file: input.compose[0]!.path, line: 1, column: 1 },
        })),
    );
  return {
    ok: true,
    value: {
      project: check.project,
      text,
      report: {
        files: [...envFiles, ...model.files, ...input.proxyConfigs.map((f) => f.path)],
        services: outcomes,
        inactive: model.inactive,
        notes,
        warnings,
      },
    },
    warnings,
  };
}
