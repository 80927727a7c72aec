import type { DeploymentPlan, NetworkName, PlanService } from './plan';
import type { ExportFile } from './types';

/*
 * The compose file is written by a small emitter rather than the `yaml` library, for two reasons:
 * - docker-compose v1 reads YAML 1.1, where plain `yes`, `on`, `n`, `1:20` or `2001-12-14` are a
 *   boolean, a base-60 number or a date; the library writes them plain (they are strings in YAML
 *   1.2), and compose v1 then rejects the file or changes the value. Here anything that is not
 *   plainly a string in both versions is double-quoted.
 * - It is ~20× faster, which the export benchmark (1,000 components, every flavour) needs.
 * The data is only maps, lists and scalars, so block style with two-space indents is all it takes;
 * other exporters that write YAML may use `toYaml` too.
 */

export type YamlNode = string | number | boolean | readonly YamlNode[] | { readonly [key: string]: YamlNode };
type Node = YamlNode;

/**
 * Strings that are strings in YAML 1.1 and 1.2 without quotes: they start with a letter, `_`, `$`,
 * `/` or `./` (never a digit, sign or dot, so never a number, date or `.inf`), hold no space, quote,
 * `#`, `!`, `&`, `*`, `|`, `>` or `%`-at-start, do not end in `:` and are not a 1.1 boolean or null.
 */
const PLAIN = /^(?:[A-Za-z_$/]|\.\/)[A-Za-z0-9_./:@+=,~${}-]*$/;
// `e5` is a float to some 1.1 readers (the `yaml` library's 1.1 schema, not PyYAML): quoted too, it costs nothing.
const RESERVED = /^(?:y|yes|n|no|true|false|on|off|null|e[-+]?[0-9_]*)$/i;

/** Characters a YAML 1.1 reader treats as line breaks or refuses raw: written as `\u` escapes. */
const UNPRINTABLE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

export function yamlScalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  if (PLAIN.test(value) && !value.endsWith(':') && !RESERVED.test(value)) return value;
  // A JSON string is a valid YAML double-quoted scalar; its escapes (\n, \", \\, \uXXXX) mean the same.
  return JSON.stringify(value).replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export type YamlMap = { readonly [key: string]: Node };

function emit(map: YamlMap, indent: string, out: string[]): void {
  for (const [key, value] of Object.entries(map)) {
    const head = `${indent}${yamlScalar(key)}:`;
    if (Array.isArray(value)) {
      if (value.length === 0) out.push(`${head} []`);
      else {
        out.push(head);
        for (const item of value as readonly Node[]) emitItem(item, indent, out);
      }
    } else if (typeof value === 'object') {
      if (Object.keys(value).length === 0) out.push(`${head} {}`);
      else {
        out.push(head);
        emit(value as YamlMap, `${indent}  `, out);
      }
    } else out.push(`${head} ${yamlScalar(value)}`);
  }
}

/** A list item under a key at `indent`: `  - scalar`, or a map whose first key shares the dash line. */
function emitItem(item: Node, indent: string, out: string[]): void {
  if (Array.isArray(item)) throw new Error('a list directly inside a list is not supported');
  if (typeof item !== 'object') {
    out.push(`${indent}  - ${yamlScalar(item)}`);
    return;
  }
  if (Object.keys(item).length === 0) {
    out.push(`${indent}  - {}`);
    return;
  }
  const first = out.length;
  emit(item as YamlMap, `${indent}    `, out);
  out[first] = `${indent}  - ${out[first]!.slice(indent.length + 4)}`;
}

/** Block-style YAML for plain data: maps, lists (of scalars or maps), strings, numbers and booleans. */
export function toYaml(map: YamlMap): string {
  const out: string[] = [];
  emit(map, '', out);
  return `${out.join('\n')}\n`;
}

/**
 * `docker-compose.yml` (compose specification). No top-level `name:` — the project name is
 * COMPOSE_PROJECT_NAME in `.env` — so docker-compose v1 reads the file too.
 */
export function exportCompose(plan: DeploymentPlan): ExportFile {
  const services: Record<string, Node> = {};
  for (const s of plan.services) services[s.name] = service(s);
  const used = new Set(plan.services.flatMap((s) => s.networks));
  const networks: Record<string, Node> = {};
  if (used.has('edge')) networks.edge = { driver: 'bridge' };
  // No route out of the backend network: databases and Redis cannot reach the internet.
  if (used.has('backend')) networks.backend = { driver: 'bridge', internal: true };
  const volumes: Record<string, Node> = {};
  for (const s of plan.services) for (const v of s.volumes) volumes[v.volume] = {};

  const body: Record<string, Node> = { services };
  if (Object.keys(networks).length > 0) body.networks = networks;
  if (Object.keys(volumes).length > 0) body.volumes = volumes;

  // The checker refuses line breaks in the name; a comment must not end early in any case.
  const name = plan.project.meta.name.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ');
  const header = `# ${name} — written by Portolan. Run with: docker-compose up -d\n`;
  return { path: 'docker-compose.yml', contents: header + toYaml(body), mode: 0o644 };
}

function service(s: PlanService): Record<string, Node> {
  const out: Record<string, Node> = { image: s.image };
  if (s.command) out.command = [...s.command];
  if (s.replicas > 1) out.deploy = { replicas: s.replicas };
  if (s.environment.length > 0) {
    const env: Record<string, string> = {};
    for (const v of s.environment) env[v.name] = v.composeValue;
    out.environment = env;
  }
  // Port mappings start with a digit, so they are always quoted: YAML 1.1 reads 22:22 as a base-60 number.
  if (s.ports.length > 0) out.ports = s.ports.map((p) => `${p.hostPort}:${p.containerPort}`);
  const volumes = [
    ...s.volumes.map((v) => `${v.volume}:${v.target}`),
    ...s.mounts.map((m) => `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`),
  ];
  if (volumes.length > 0) out.volumes = volumes;
  out.networks = [...s.networks] satisfies NetworkName[];
  if (s.dependsOn.length > 0) {
    const deps: Record<string, Node> = {};
    for (const d of s.dependsOn) deps[d.service] = { condition: d.healthy ? 'service_healthy' : 'service_started' };
    out.depends_on = deps;
  }
  if (s.healthcheck) out.healthcheck = { ...s.healthcheck, test: [...s.healthcheck.test] };
  if (s.sysctls) out.sysctls = { ...s.sysctls };
  out.restart = 'unless-stopped';
  return out;
}
