import type { Project } from '../../model/types';
import { checkProject } from '../../rules/engine';
import type { Diagnostic } from '../../rules/types';
import { unsafeValues } from '../index';
import { buildPlan, composeProjectName, type DeploymentPlan } from '../plan';
import type { ExportFile } from '../types';
import { configFiles } from './configs';
import { declaredHostOf, hostLabels, spreadLimitOf } from './hosts';
import { stackEnvironment, type StackSecret } from './env';
import { stackName, objectName, swarmNames } from './names';
import { operatorNotes } from './notes';
import { publishMode, publishedPorts } from './ports';
import { requiredLabels, type NodeLabel } from './placement';
import { readme } from './readme';
import { deployScript, secretFiles, VALUES_DIR } from './secrets';
import { stackFile } from './stack';
import type { SwarmOptions } from './types';

export type { HostOf, SpreadLimit, SwarmOptions } from './types';

/** Where the proxies read certificates: Swarm mounts secrets there (HOST.crt, HOST.key). */
export const SWARM_CERT_DIR = '/run/secrets';

export type SwarmExportResult =
  | {
      readonly ok: true;
      readonly files: readonly ExportFile[];
      readonly diagnostics: readonly Diagnostic[];
      /** The plan of the renamed project (ids are the Swarm service names). */
      readonly plan: DeploymentPlan;
      readonly stack: string;
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * The Swarm target: stack.yml for `docker stack deploy`, the proxy and Sentinel files it hands
 * over as configs, secrets/ (values, certificates, create.sh), deploy.sh and README.md. It formats
 * the same plan the compose export formats (buildPlan), for a copy of the project whose ids are
 * Swarm service names (names.ts), so every connection, upstream and port is the compose export's.
 * Pure and byte-stable for one project and random source; refuses what the compose export refuses.
 */
export function exportSwarm(project: Project, options: SwarmOptions): SwarmExportResult {
  const diagnostics = checkProject(project);
  const unsafe = unsafeValues(diagnostics);
  if (unsafe.length > 0) return { ok: false, diagnostics: unsafe };

  const { hostOf: given, ...rest } = options;
  // Certificates are Swarm secrets, mounted where secrets go; a compose certificate folder means nothing here.
  const planOptions = { ...rest, certDir: SWARM_CERT_DIR };
  const stack = stackName(composeProjectName(project.meta.name));
  const names = swarmNames(project, stack);
  const plan = buildPlan(names.project, planOptions);
  // Placement over the drawn hosts (hosts.ts); neither hook for a project without hosts.
  const hostOf = given ?? declaredHostOf(names.project);
  const spreadLimit = spreadLimitOf(names.project);

  const { secrets: envSecrets, services: env } = stackEnvironment(plan, stack);
  const configs = configFiles(plan, stack, planOptions);
  // One secret per certificate and key, mounted in each proxy that serves the host.
  const tls = new Map<string, StackSecret>();
  const tlsSecrets = new Map<string, string[]>();
  for (const proxy of plan.proxies)
    for (const site of proxy.sites) {
      if (!site.tls) continue;
      for (const file of [`${site.host}.crt`, `${site.host}.key`]) {
        if (!tls.has(file))
          tls.set(file, { key: file, name: objectName(stack, 'tls', file), source: { file: `certs/${file}` } });
        const keys = tlsSecrets.get(proxy.entry.id) ?? [];
        if (!keys.includes(file)) tlsSecrets.set(proxy.entry.id, [...keys, file]);
      }
    }
  const secrets = [...envSecrets.values(), ...tls.values()];
  const interpolated = [...new Set([...env.values()].flatMap((e) => [...e.interpolated.values()].flat()))].sort();

  const files: ExportFile[] = [
    stackFile({
      plan,
      stack,
      env,
      secrets,
      configs,
      tlsSecrets,
      ...(hostOf ? { hostOf } : {}),
      ...(spreadLimit ? { spreadLimit } : {}),
    }),
    ...configs.files,
    ...secretFiles(plan, secrets, new Set(interpolated)),
    deployScript(stack, interpolated),
  ];

  // The hosts' labels first, with where to find each node; then what the constraints add.
  const labels = new Map<string, NodeLabel>();
  for (const l of hostLabels(names.project, plan.services)) labels.set(`${l.key}=${l.value}`, l);
  for (const s of plan.services)
    for (const l of requiredLabels(s, stack, hostOf))
      if (!labels.has(`${l.key}=${l.value}`)) labels.set(`${l.key}=${l.value}`, l);
  // Operator inputs: the value files written empty.
  const inputs = files
    .filter((f) => f.path.startsWith(`${VALUES_DIR}/`) && f.contents === '')
    .map((f) => f.path.slice(VALUES_DIR.length + 1));
  const publicPorts = [
    ...new Set(
      plan.services
        .filter((s) => publishMode(s) === 'host')
        .flatMap((s) => publishedPorts(s).map((p) => (p as { published: number }).published)),
    ),
  ].sort((a, b) => a - b);
  files.push(
    readme({
      stack,
      labels: [...labels.values()],
      inputs,
      tlsHosts: [...new Set([...tls.keys()].map((k) => k.replace(/\.(crt|key)$/, '')))],
      publicPorts,
      notes: operatorNotes(plan, env, names.originalId),
    }),
  );
  return { ok: true, files, diagnostics, plan, stack };
}
