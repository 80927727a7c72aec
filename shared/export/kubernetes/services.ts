import { portNumber } from '../../catalog/index';
import { isLoopback } from '../../model/publish-address';
import { bindAddresses } from '../binds';
import type { DeploymentPlan, PlanService } from '../plan';
import { labelsOf, selectorOf } from './labels';
import { publicServiceName } from './names';
import type { PodPort } from './ports';
import type { Manifest } from './types';

/**
 * A ClusterIP Service per component, named as the plan's host names (names.ts), on the ports the
 * container listens on — so `mysql://…@mysql:3306`, an upstream `nextauth:8009` or Sentinel's
 * `monitor … redis 6379` reach it unchanged.
 */
export function clusterService(service: PlanService, plan: DeploymentPlan, ports: readonly PodPort[]): Manifest[] {
  if (ports.length === 0) return [];
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: service.name, labels: labelsOf(service.component, plan.projectName) },
      spec: {
        type: 'ClusterIP',
        selector: selectorOf(service.name),
        ports: ports.map((p) => ({ name: p.name, port: p.number, targetPort: p.name, protocol: p.protocol })),
      },
    },
  ];
}

/**
 * Ports a custom container publishes (compose `ports:`): host port → container port. A port bound
 * to loopback only is for the Docker host itself, which a cluster has no equivalent of: not published.
 */
export function publishedPorts(service: PlanService, ports: readonly PodPort[]): { port: number; pod: PodPort }[] {
  if (service.component.kind !== 'container') return [];
  return service.component.publish.flatMap((p) => {
    if (bindAddresses(service.component, p).every(isLoopback)) return [];
    const number = portNumber(service.component, p.port);
    const pod = ports.find((q) => q.number === number);
    return pod ? [{ port: p.hostPort, pod }] : [];
  });
}

/**
 * A custom container that publishes ports in compose faces the outside there; here a LoadBalancer
 * Service carries exactly those ports (the NetworkPolicy admits them from anywhere). Entry points
 * are not among these: the ingress controller replaces them.
 */
export function publicService(service: PlanService, plan: DeploymentPlan, ports: readonly PodPort[]): Manifest[] {
  const published = publishedPorts(service, ports);
  if (published.length === 0) return [];
  const seen = new Set<string>();
  const list = published.filter(({ port, pod }) => {
    const key = `${port}/${pod.protocol}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: publicServiceName(service.name), labels: labelsOf(service.component, plan.projectName) },
      spec: {
        type: 'LoadBalancer',
        selector: selectorOf(service.name),
        ports: list.map(({ port, pod }) => ({
          name: `${pod.protocol.toLowerCase()}-${port}`,
          port,
          targetPort: pod.number,
          protocol: pod.protocol,
        })),
      },
    },
  ];
}
