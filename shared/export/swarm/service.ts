import type { ServiceLimits } from '../capacity-plan';
import type { PlanService } from '../plan';
import type { YamlNode } from '../yaml';
import type { ConfigMount } from './configs';
import type { ServiceEnv } from './env';
import { placementOf } from './placement';
import { publishedPorts, publishMode } from './ports';
import type { HostOf, SpreadLimit } from './types';

/**
 * One service of the stack file. Swarm ignores `depends_on`, `container_name`, `build` and
 * `restart`, so none is written: a service whose dependency is not up yet fails, and its
 * restart policy starts it again until the dependency answers. Proxy configurations and
 * Sentinel templates arrive as configs, certificates and secret values as secrets (`.env` does
 * not exist for `docker stack deploy`).
 */

export interface ServiceInput {
  readonly service: PlanService;
  readonly env: ServiceEnv;
  readonly configs: readonly ConfigMount[];
  readonly limits?: ServiceLimits;
  readonly stack: string;
  readonly hostOf?: HostOf;
  readonly spreadLimit?: SpreadLimit;
  /** The nextAuth image with the project's registry and tag put in. */
  readonly image: string;
  /** TLS secrets a proxy reads as certDir/HOST.crt and HOST.key (certDir is /run/secrets). */
  readonly tlsSecrets: readonly string[];
}

/**
 * Rolling updates. One task at a time, rolled back if it fails within the monitor window. A
 * stateless service starts the new task first, so every replica keeps serving; a service with a
 * data volume stops the old one first (two databases on one volume corrupt it), and so does an
 * entry point, whose host-mode ports the new task on the same node could not take.
 */
export const startsFirst = (service: PlanService): boolean =>
  service.volumes.length === 0 && publishMode(service) !== 'host';

function updateConfig(service: PlanService): YamlNode {
  return {
    parallelism: 1,
    delay: '10s',
    order: startsFirst(service) ? 'start-first' : 'stop-first',
    failure_action: 'rollback',
    monitor: '30s',
  };
}

export function stackService(input: ServiceInput): Record<string, YamlNode> {
  const { service: s, env, configs, limits } = input;
  const out: Record<string, YamlNode> = { image: input.image };
  if (s.command) out.command = [...s.command];
  if (Object.keys(env.environment).length > 0) {
    const sorted: Record<string, string> = {};
    for (const k of Object.keys(env.environment).sort()) sorted[k] = env.environment[k]!;
    out.environment = sorted;
  }
  const ports = publishedPorts(s);
  if (ports.length > 0) out.ports = ports;
  if (s.volumes.length > 0) out.volumes = s.volumes.map((v) => `${v.volume}:${v.target}`);
  if (s.networks.length > 0) out.networks = [...s.networks];
  // Swarm's default mode 0444, owned by root: images that drop to their own user still read them
  // (postgres' entrypoint reads POSTGRES_PASSWORD_FILE again after switching to the postgres user).
  if (configs.length > 0) out.configs = configs.map((c) => ({ source: c.key, target: c.target }));
  const secrets = [
    ...env.mounts.map((m) => ({ source: m.key, target: m.target })),
    ...input.tlsSecrets.map((key) => ({ source: key, target: key })),
  ];
  if (secrets.length > 0) out.secrets = secrets;
  if (s.healthcheck) out.healthcheck = { ...s.healthcheck, test: [...s.healthcheck.test] };
  const sysctls = { ...s.sysctls, ...limits?.sysctls };
  if (Object.keys(sysctls).length > 0) out.sysctls = sysctls;
  if (limits !== undefined) out.ulimits = { nofile: { soft: limits.nofile, hard: limits.nofile } };
  const placement = placementOf(s, input.stack, input.hostOf, input.spreadLimit);
  out.deploy = {
    mode: 'replicated',
    replicas: s.replicas,
    ...(placement !== undefined ? { placement } : {}),
    update_config: updateConfig(s),
    rollback_config: { parallelism: 1, order: 'stop-first' },
    // `any`: what compose's `unless-stopped` meant — a task that exits for any reason is replaced.
    restart_policy: { condition: 'any', delay: '5s', window: '30s' },
  };
  return out;
}
