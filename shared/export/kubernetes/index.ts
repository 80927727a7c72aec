import { NEXTAUTH_IMAGE_KINDS } from '../../catalog/index';
import { isEntryPoint } from '../../model/constraints';
import type { Project } from '../../model/types';
import { checkProject } from '../../rules/engine';
import type { Diagnostic } from '../../rules/types';
import { unsafeValues } from '../index';
import { buildPlan, type DeploymentPlan } from '../plan';
import type { ExportFile } from '../types';
import { configMaps } from './config';
import { entryPoints } from './controllers';
import { envKinds } from './env';
import { nginxIngresses } from './ingress';
import { traefikRoutes } from './ingress-route';
import { baseKustomization, manifestFile, overlayFiles } from './kustomize';
import { partOfLabel } from './labels';
import { dnsLabel, kubernetesNames, tlsSecretName } from './names';
import { networkPolicies } from './network-policies';
import { operatorNotes, outsideCallers } from './notes';
import { hostPools } from './placement';
import { podPorts, type PodPort } from './ports';
import { readme } from './readme';
import { secretFiles } from './secrets';
import { clusterService, publicService } from './services';
import type { KubernetesOptions, Manifest } from './types';
import { disruptionBudget, imageOf, workload } from './workloads';

export type { KubernetesOptions } from './types';

export type KubernetesExportResult =
  | {
      readonly ok: true;
      readonly files: readonly ExportFile[];
      readonly diagnostics: readonly Diagnostic[];
      /** The plan of the renamed project (ids are the Kubernetes names). */
      readonly plan: DeploymentPlan;
      readonly namespace: string;
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * The Kubernetes target: a kustomize base and a production overlay, Secrets apart (secrets.ts),
 * and a README. It formats the same plan the compose export formats (buildPlan), for a copy of
 * the project whose ids are Kubernetes names (names.ts), so every connection, upstream and port
 * is the compose export's. Pure and byte-stable for one project and random source; refuses what
 * the compose export refuses (values that could break out of their place).
 */
export function exportKubernetes(project: Project, options: KubernetesOptions): KubernetesExportResult {
  const diagnostics = checkProject(project);
  const unsafe = unsafeValues(diagnostics);
  if (unsafe.length > 0) return { ok: false, diagnostics: unsafe };

  const names = kubernetesNames(project);
  const plan = buildPlan(names.project, options);
  const namespace = dnsLabel(options.namespace ?? plan.projectName);
  const { settings } = envKinds(plan);
  const points = entryPoints(plan, options);
  const pods = plan.services.filter((s) => !isEntryPoint(s.component));
  const portsOf = new Map<string, readonly PodPort[]>(pods.map((s) => [s.name, podPorts(s.component)]));

  const files: ExportFile[] = [];
  const resources: string[] = ['namespace.yaml'];
  files.push(
    manifestFile('base/namespace.yaml', [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespace, labels: { 'app.kubernetes.io/part-of': partOfLabel(plan.projectName) } },
      },
    ]),
  );
  for (const s of pods) {
    const ports = portsOf.get(s.name)!;
    const manifests: Manifest[] = [
      ...configMaps(s, plan),
      workload(s, plan, ports, settings),
      ...clusterService(s, plan, ports),
      ...publicService(s, plan, ports),
    ];
    const budget = disruptionBudget(s, plan);
    if (budget) manifests.push(budget);
    const original = names.originalId.get(s.name);
    const header = `# ${s.component.kind} ${JSON.stringify(s.component.name)}${original !== s.name ? ` (id ${JSON.stringify(original)} in the project)` : ''}\n`;
    files.push(manifestFile(`base/${s.name}.yaml`, manifests, header));
    resources.push(`${s.name}.yaml`);
  }
  const routes = points.flatMap((p) =>
    p.controller.flavour === 'traefik' ? traefikRoutes(p, plan) : nginxIngresses(p, plan),
  );
  if (routes.length > 0) {
    files.push(manifestFile('base/ingress.yaml', routes));
    resources.push('ingress.yaml');
  }
  files.push(manifestFile('base/network-policies.yaml', networkPolicies(plan, points, portsOf)));
  resources.push('network-policies.yaml');
  files.push(baseKustomization(namespace, resources));

  const nextauthImages = new Map<string, string>();
  for (const s of pods) {
    if (!NEXTAUTH_IMAGE_KINDS.has(s.component.kind) || s.component.image !== undefined) continue;
    const image = imageOf(s, settings);
    const at = image.lastIndexOf(':');
    nextauthImages.set(image.slice(0, at), image.slice(at + 1));
  }
  const scalable = pods.find((s) => s.component.kind === 'nextauth' && s.volumes.length === 0);
  files.push(
    ...overlayFiles({
      images: [...nextauthImages].map(([name, tag]) => ({ name, tag })),
      ...(scalable ? { scale: { name: scalable.name, replicas: scalable.replicas } } : {}),
    }),
  );

  const tlsHosts = [...new Set(points.flatMap((p) => p.sites.filter((s) => s.tls).map((s) => s.host)))].sort();
  const secrets = secretFiles(plan, namespace, new Map(tlsHosts.map((h) => [h, tlsSecretName(h)])));
  files.push(...secrets);

  const notes = operatorNotes({ project, plan, points, pods, originalId: names.originalId });
  files.push(
    readme({
      namespace,
      controllers: [
        ...new Map(points.map((p) => [`${p.controller.flavour}/${p.controller.namespace}`, p.controller])).values(),
      ],
      hasSecrets: secrets.some((f) => f.path.endsWith('secret.yaml')),
      stateful: pods.filter((s) => s.volumes.length > 0).map((s) => s.name),
      tlsHosts,
      callers: outsideCallers(plan, portsOf),
      hostPools: hostPools(plan.project, pods),
      notes,
    }),
  );
  return { ok: true, files, diagnostics, plan, namespace };
}
