import type { Healthcheck } from '../containers';
import { SENTINEL_TEMPLATE, type DeploymentPlan, type PlanService } from '../plan';
import type { YamlNode } from '../yaml';
import { containerEnv } from './env';
import { INSTANCE_LABEL, labelsOf, selectorOf } from './labels';
import { hostPlacement } from './placement';
import type { PodPort } from './ports';
import type { Manifest } from './types';

/**
 * The workload of one component: a StatefulSet with a volume claim for a database or Redis the
 * deployment runs (its data outlives the pod), a Deployment for everything else. Resources are
 * left to the operator (nothing in the docs sizes nextAuth); probes only where the image
 * documents a check (see probe()).
 */

/** The data volume's requested size: a starting point the overlay patches, not a documented figure. */
export const DATA_VOLUME_SIZE = '10Gi';

/** The ConfigMap names of a component: its plain settings, and a Sentinel's configuration. */
export const envConfigName = (name: string): string => `${name}-env`;
export const sentinelConfigName = (name: string): string => `${name}-sentinel`;

/**
 * The image's documented health check (containers.ts, the same one compose runs) as a readiness
 * probe: the pod gets traffic once it answers. No liveness probe is derived from it — a failing
 * one restarts the container, and no image documents that use. nextAuth's own images (old layout)
 * document no probe, so they get none; the newer layout's /live and /ready on 9613 are not this catalog's.
 */
function probe(check: Healthcheck): YamlNode {
  const [form, ...rest] = check.test;
  // CMD-SHELL runs in a shell; compose's `$$` is a literal `$` there.
  const command = form === 'CMD-SHELL' ? ['sh', '-c', rest.join(' ').replaceAll('$$', '$')] : rest;
  return {
    exec: { command },
    periodSeconds: Number.parseInt(check.interval, 10),
    timeoutSeconds: Number.parseInt(check.timeout, 10),
    failureThreshold: check.retries,
  };
}

/** Replicas of one component on different nodes where the cluster has them (preferred, so a one-node cluster still runs them all). */
function antiAffinity(name: string): Record<string, YamlNode> {
  return {
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: {
            labelSelector: { matchLabels: { [INSTANCE_LABEL]: name } },
            topologyKey: 'kubernetes.io/hostname',
          },
        },
      ],
    },
  };
}

/** nextAuth's images by the project's registry and tag: the compose image with `.env`'s values put in. */
export function imageOf(service: PlanService, settings: ReadonlyMap<string, string>): string {
  return service.image.replace(/\$\{([A-Z_]+)(?::\?[^}]*)?\}/g, (_, name: string) => settings.get(name) ?? '');
}

export function workload(
  service: PlanService,
  plan: DeploymentPlan,
  ports: readonly PodPort[],
  settings: ReadonlyMap<string, string>,
): Manifest {
  const c = service.component;
  const name = service.name;
  const labels = labelsOf(c, plan.projectName);
  const env = containerEnv(service, plan);
  const stateful = service.volumes.length > 0;
  const volumeMounts: YamlNode[] = [
    // subPath: a fresh volume's root holds lost+found, which MySQL and PostgreSQL refuse as a data directory.
    ...service.volumes.map((v) => ({ name: 'data', mountPath: v.target, subPath: 'data' })),
    ...(c.kind === 'redis-sentinel'
      ? [{ name: 'sentinel', mountPath: SENTINEL_TEMPLATE, subPath: 'sentinel.conf', readOnly: true }]
      : []),
  ];
  const container: Record<string, YamlNode> = {
    name,
    image: imageOf(service, settings),
    // compose's `command:` replaces the image's CMD and keeps its entrypoint: Kubernetes' `args`.
    ...(service.command ? { args: [...service.command] } : {}),
    ...(ports.length > 0
      ? { ports: ports.map((p) => ({ name: p.name, containerPort: p.number, protocol: p.protocol })) }
      : {}),
    ...(Object.keys(env.config).length > 0 ? { envFrom: [{ configMapRef: { name: envConfigName(name) } }] } : {}),
    ...(env.env.length > 0 ? { env: [...env.env] } : {}),
    ...(service.healthcheck ? { readinessProbe: probe(service.healthcheck) } : {}),
    ...(volumeMounts.length > 0 ? { volumeMounts } : {}),
  };
  // The drawn hosts as node pools (placement.ts); nothing for a project without hosts.
  const hosts = hostPlacement(plan.project, c, service.replicas, selectorOf(name));
  const affinity = {
    ...(hosts.nodeAffinity !== undefined ? { nodeAffinity: hosts.nodeAffinity } : {}),
    ...(service.replicas > 1 ? antiAffinity(name) : {}),
  };
  const podSpec: Record<string, YamlNode> = {
    ...(Object.keys(affinity).length > 0 ? { affinity } : {}),
    // Pods reach Services by name; the API token is of no use to any of these images.
    automountServiceAccountToken: false,
    containers: [container],
    ...(hosts.nodeSelector !== undefined ? { nodeSelector: { ...hosts.nodeSelector } } : {}),
    ...(hosts.topologySpreadConstraints !== undefined
      ? { topologySpreadConstraints: [...hosts.topologySpreadConstraints] }
      : {}),
    ...(c.kind === 'redis-sentinel'
      ? { volumes: [{ name: 'sentinel', configMap: { name: sentinelConfigName(name) } }] }
      : {}),
  };
  const template = { metadata: { labels }, spec: podSpec };
  if (stateful)
    return {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name, labels },
      spec: {
        serviceName: name,
        replicas: service.replicas,
        selector: { matchLabels: selectorOf(name) },
        template,
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: DATA_VOLUME_SIZE } } },
          },
        ],
      },
    };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels },
    spec: { replicas: service.replicas, selector: { matchLabels: selectorOf(name) }, template },
  };
}

/** Voluntary disruptions (a node drain) take at most one replica at a time. */
export function disruptionBudget(service: PlanService, plan: DeploymentPlan): Manifest | undefined {
  if (service.replicas <= 1) return undefined;
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: service.name, labels: labelsOf(service.component, plan.projectName) },
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorOf(service.name) } },
  };
}
