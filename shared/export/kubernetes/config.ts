import { exportSentinels } from '../sentinel';
import type { DeploymentPlan, PlanService } from '../plan';
import { containerEnv } from './env';
import { labelsOf } from './labels';
import type { Manifest } from './types';
import { envConfigName, sentinelConfigName } from './workloads';

/**
 * ConfigMaps: a component's plain settings (no secret in them; the container reads them with
 * `envFrom`), and a Sentinel's configuration template — the same sentinel.conf the compose export
 * writes, monitoring the Redis Service by name, copied by each replica before it starts (Sentinel
 * rewrites its file).
 */
/**
 * A Deployment's pods have no host names other pods can resolve, so the Sentinels announce their
 * pod addresses to each other instead of their names (the monitored Redis is still found by its
 * Service name).
 */
const inCluster = (conf: string): string =>
  conf.replace(
    'sentinel announce-hostnames yes\n',
    '# Pod addresses are announced: pod host names do not resolve in the cluster.\n',
  );

export function configMaps(service: PlanService, plan: DeploymentPlan): Manifest[] {
  const out: Manifest[] = [];
  const labels = labelsOf(service.component, plan.projectName);
  const { config } = containerEnv(service, plan);
  if (Object.keys(config).length > 0)
    out.push({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: envConfigName(service.name), labels },
      data: Object.fromEntries(
        Object.keys(config)
          .sort()
          .map((k) => [k, config[k]!]),
      ),
    });
  if (service.component.kind === 'redis-sentinel') {
    const file = exportSentinels({ ...plan, services: [service] })[0];
    if (file !== undefined)
      out.push({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: sentinelConfigName(service.name), labels },
        data: { 'sentinel.conf': inCluster(file.contents) },
      });
  }
  return out;
}
