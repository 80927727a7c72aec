/**
 * `npm run bench`: prints one JSON object. Every entry is a median over repeated runs next to
 * a baseline measured in the same process, with the ratio between them.
 */
import { parseDocument } from 'yaml';
import { exportProject, exportProxyConfigs, seededRandom } from '../shared/export/index';
import { loadProject, saveProject } from '../shared/format/index';
import type { Project, ProxyFlavour } from '../shared/model/types';
import { checkProject } from '../shared/rules/index';
import { diagramOf } from '../shared/diagram/diagram';
import { arrange } from '../shared/diagram/arrange';
import { trafficColumns } from '../shared/diagram/order';
import { generateProject } from './generate';
import { canvasBench } from './canvas/index';
import { loaderHostile } from './loader/index';
import { renderBench } from './render/index';
import { importBench } from './import/index';
import { compare, type Comparison } from './harness';

function formatRoundTrip(): Comparison {
  const text = saveProject(generateProject(1000));
  const check = loadProject(text);
  if (!check.ok || check.project.components.length !== 1000) throw new Error('benchmark fixture does not load');
  return compare(
    'load (parse + validate) and save a generated 1,000-component project',
    () => {
      const result = loadProject(text);
      if (!result.ok) throw new Error('fixture stopped loading');
      return saveProject(result.project);
    },
    'bare yaml parseDocument of the same text',
    () => parseDocument(text),
    30,
  );
}

/**
 * The floor for any consistency check: one pass that reads every field of every element and
 * resolves every reference (link and route ends) through an id index.
 */
function walk(project: Project): number {
  let n = 0;
  const byId = new Map<string, Project['components'][number]>();
  for (const c of project.components) {
    byId.set(c.id, c);
    n += c.name.length + c.replicas + c.publish.length;
    for (const key in c.environment) {
      const v = c.environment[key]!;
      n += v.type === 'literal' ? v.value.length : 1;
    }
  }
  for (const l of project.links) n += (byId.get(l.from) ? 1 : 0) + (byId.get(l.to) ? 1 : 0) + l.port.length;
  for (const r of project.routes)
    n += (byId.get(r.via) ? 1 : 0) + (byId.get(r.target) ? 1 : 0) + r.host.length + r.path.length;
  return n;
}

function fullCheck(): Comparison {
  const project = generateProject(1000);
  const diagnostics = checkProject(project);
  // Measure the normal path: a clean project, as an architect has it most of the time.
  if (diagnostics.length > 0)
    throw new Error(`benchmark fixture is not clean: ${diagnostics[0]!.rule} ${diagnostics[0]!.message}`);
  return compare(
    'checkProject (every rule) on a generated 1,000-component project',
    () => checkProject(project),
    'bare linear walk: read every field, resolve every link and route end',
    () => walk(project),
    100,
    'median <= 10 ms and ratio <= 10',
  );
}

const FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];

/** Every format: compose, .env, sentinel files, DEPLOYMENT.md and each flavour's proxy configuration. */
/** Four complete deployments, one per proxy flavour: check, plan, compose, .env, proxy config, guide. */
function exportEveryFlavour(project: Project): number {
  let bytes = 0;
  for (const proxy of FLAVOURS) {
    // A fixed seed: the secure source's cost is the operating system's, not the exporter's.
    const result = exportProject(project, { random: seededRandom(1), proxy });
    if (!result.ok) throw new Error(`export refused: ${result.diagnostics[0]?.message}`);
    for (const f of result.files) bytes += f.contents.length;
  }
  return bytes;
}

/**
 * Every format once: the full export (compose, .env, DEPLOYMENT.md, the project's proxy config)
 * plus the other three flavours' proxy configs from the same plan — what the export dialog
 * produces to preview all of them.
 */
function exportEveryFormat(project: Project): number {
  const options = { random: seededRandom(1) };
  const result = exportProject(project, options);
  if (!result.ok) throw new Error(`export refused: ${result.diagnostics[0]?.message}`);
  let bytes = result.files.reduce((n, f) => n + f.contents.length, 0);
  for (const flavour of FLAVOURS) {
    if (result.plan.proxies.every((p) => p.flavour === flavour)) continue;
    for (const f of exportProxyConfigs(result.plan, flavour, options)) bytes += f.contents.length;
  }
  return bytes;
}

function exportAll(): Comparison {
  const project = generateProject(1000);
  exportEveryFormat(project); // fails fast when the fixture would be refused
  return compare(
    'every export format once (compose, .env, DEPLOYMENT.md, nginx, HAProxy, Caddy and Traefik configs) on a generated 1,000-component project',
    () => exportEveryFormat(project),
    'saveProject of the same project',
    () => saveProject(project),
    25,
    'median <= 50 ms',
  );
}

function exportPerFlavour(): Comparison {
  const project = generateProject(1000);
  return compare(
    'four complete exports, one per proxy flavour, on the same project',
    () => exportEveryFlavour(project),
    'saveProject of the same project',
    () => saveProject(project),
    20,
  );
}

/** The project as "Arrange all" leaves it. */
function arranged(project: Project): Project {
  const moves = arrange(project, { all: true });
  return { ...project, components: project.components.map((c) => ({ ...c, position: moves.get(c.id) ?? c.position })) };
}

/**
 * "Arrange all" end to end on 500 unplaced components: the traffic-order layout, then the whole
 * diagram geometry the canvas draws (regions, every edge routed around the nodes, every label).
 * Baseline: the floor of any layered layout — each component's column, then a plain stack.
 */
function arrangeAll(): Comparison {
  const generated = generateProject(500);
  const project = { ...generated, components: generated.components.map((c) => ({ ...c, position: { x: 0, y: 0 } })) };
  return compare(
    'arrange all + diagramOf (layout, zone regions, orthogonal routing, labels) on 500 unplaced components',
    () => diagramOf(arranged(project)),
    'trafficColumns + stacking each column (no zones, no routing, no labels)',
    () => {
      const columns = trafficColumns(project);
      const next = new Map<number, number>();
      for (const c of project.components) {
        const col = columns.get(c.id)!;
        next.set(col, (next.get(col) ?? 0) + 100);
      }
      return next;
    },
    15,
    'median <= 1000 ms',
  );
}

/** Every entry, run lazily so a filter (`npm run bench -- canvas`) runs only the ones named. */
const ENTRIES: Record<string, () => unknown> = {
  formatRoundTrip,
  fullCheck,
  exportAll,
  exportPerFlavour,
  arrangeAll,
  // Child processes: every pathological shape of a 5 MB project file, time and peak memory each.
  loaderHostile,
  // Headless Chromium: builds the app, then the editor canvas next to a bare React Flow page.
  canvas: canvasBench,
  // Child processes: `portolan render` of 500 components to SVG, PNG and PDF.
  render: renderBench,
  // Child processes: `portolan import` of a 300-service compose project next to `docker-compose config`.
  import: importBench,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((name) => !(name in ENTRIES));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; known: ${Object.keys(ENTRIES).join(', ')}\n`);
  process.exit(2);
}
const results: Record<string, unknown> = {};
for (const [name, run] of Object.entries(ENTRIES)) {
  if (wanted.length === 0 || wanted.includes(name)) results[name] = await run();
}

process.stdout.write(
  `${JSON.stringify({ node: process.version, platform: `${process.platform}-${process.arch}`, results }, null, 2)}\n`,
);
