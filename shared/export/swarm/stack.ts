import { capacityPlan } from '../capacity-plan';
import { envKinds } from '../kubernetes/env';
import { imageOf } from '../kubernetes/workloads';
import type { DeploymentPlan } from '../plan';
import type { ExportFile } from '../types';
import { toYaml, yamlPath, type YamlNode } from '../yaml';
import type { ConfigFiles } from './configs';
import type { ServiceEnv, StackSecret } from './env';
import { stackNetworks } from './networks';
import { PORTS_NOTE, publishMode, publishedPorts } from './ports';
import { stackService } from './service';
import type { HostOf, SpreadLimit } from './types';

/**
 * stack.yml: the compose file format `docker stack deploy` reads (version 3.8, which Docker's
 * stack loader still asks for), with every secret and config external to it — secrets created by
 * secrets/create.sh (`external: true`), configs from the files beside it.
 */

export const STACK_FILE = 'stack.yml';

/** The version `docker stack deploy` needs to accept `deploy.placement.preferences`, `rollback_config`, configs… */
export const STACK_VERSION = '3.8';

export interface StackInput {
  readonly plan: DeploymentPlan;
  readonly stack: string;
  readonly env: ReadonlyMap<string, ServiceEnv>;
  readonly secrets: readonly StackSecret[];
  readonly configs: ConfigFiles;
  /** TLS secret keys, by proxy service name. */
  readonly tlsSecrets: ReadonlyMap<string, readonly string[]>;
  readonly hostOf?: HostOf;
  readonly spreadLimit?: SpreadLimit;
}

export function stackFile(input: StackInput): ExportFile {
  const { plan, stack } = input;
  const { settings } = envKinds(plan);
  const capacity = capacityPlan(plan).services;
  const notesAt = new Map<string, string>();
  const services: Record<string, YamlNode> = {};
  for (const s of plan.services) {
    services[s.name] = stackService({
      service: s,
      env: input.env.get(s.name)!,
      configs: input.configs.mounts.get(s.name) ?? [],
      ...(capacity.has(s.name) ? { limits: capacity.get(s.name)! } : {}),
      stack,
      ...(input.hostOf ? { hostOf: input.hostOf } : {}),
      ...(input.spreadLimit ? { spreadLimit: input.spreadLimit } : {}),
      image: imageOf(s, settings),
      tlsSecrets: input.tlsSecrets.get(s.name) ?? [],
    });
    if (publishedPorts(s).length > 0) notesAt.set(yamlPath('services', s.name, 'ports'), PORTS_NOTE[publishMode(s)]);
  }
  const body: Record<string, YamlNode> = { version: STACK_VERSION, services };
  const networks = stackNetworks(plan);
  if (Object.keys(networks).length > 0) body.networks = networks;
  const volumes: Record<string, YamlNode> = {};
  for (const s of plan.services) for (const v of s.volumes) volumes[v.volume] = {};
  if (Object.keys(volumes).length > 0) {
    body.volumes = volumes;
    notesAt.set(
      yamlPath('volumes'),
      ' Local volumes: each lives on one node, so the services that use them are pinned there (deploy.placement).',
    );
  }
  if (input.secrets.length > 0) {
    body.secrets = Object.fromEntries(input.secrets.map((x) => [x.key, { external: true, name: x.name }]));
    notesAt.set(
      yamlPath('secrets'),
      ' Created by secrets/create.sh from secrets/values and secrets/certs: no value is in this file.',
    );
  }
  if (input.configs.configs.length > 0) {
    body.configs = Object.fromEntries(input.configs.configs.map((c) => [c.key, { name: c.name, file: `./${c.file}` }]));
    notesAt.set(
      yamlPath('configs'),
      ' Each name ends with a fingerprint of the file: an edited file becomes a new config.',
    );
  }
  // The checker refuses line breaks in the name; a comment must not end early in any case.
  const name = plan.project.meta.name.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ');
  const header = [
    `# ${name} — written by Portolan for Docker Swarm. Deploy on a manager: sh secrets/create.sh, then sh deploy.sh`,
    '# Swarm ignores depends_on: a service that starts before what it needs fails, and its restart policy',
    '# starts it again until the other answers.',
    '',
  ].join('\n');
  return { path: STACK_FILE, mode: 0o644, contents: header + toYaml(body, { notesAt }) };
}
