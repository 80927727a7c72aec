import type { Project, ProxyFlavour } from '../model/types';
import type { Diagnostic } from '../rules/types';
import { exportProject } from './index';
import { exportKubernetes, type KubernetesOptions } from './kubernetes/index';
import { APPLY_SCRIPT, SECRET_FILE } from './kubernetes/secrets';
import type { DeploymentPlan } from './plan';
import { exportSwarm } from './swarm/index';
import { CREATE_SCRIPT, DEPLOY_SCRIPT, VALUES_DIR } from './swarm/secrets';
import type { ExportFile } from './types';

/**
 * The registry of export targets: what the CLI's `--target` and the editor's export dialog offer.
 * Each entry adapts one exporter to the same result, so callers never branch on the target; the
 * exporters themselves stay as they are. Pure: writing the files is the caller's job.
 */

/** The targets there are; each new exporter adds its id here and its entry to EXPORT_TARGETS. */
export type ExportTargetId = 'compose' | 'kubernetes' | 'swarm';

/** Every option any target reads; a target ignores the ones it has no use for (see `uses`). */
export type TargetOptions = KubernetesOptions;

export type TargetResult =
  | {
      readonly ok: true;
      readonly files: readonly ExportFile[];
      /** Everything the checker reports; the caller decides whether errors stop the export. */
      readonly diagnostics: readonly Diagnostic[];
      /** The plan the files were written from (Kubernetes: of the project renamed to Kubernetes names). */
      readonly plan: DeploymentPlan;
      /** A few words on what was written, e.g. `nginx proxy` or `kubernetes, namespace shop`. */
      readonly summary: string;
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

export interface ExportTarget {
  readonly id: ExportTargetId;
  /** The name an operator knows, e.g. `Docker Compose`. */
  readonly label: string;
  /** One sentence: what the export writes. */
  readonly description: string;
  /** The file of the export that tells the operator how to apply it. */
  readonly guide: string;
  /** The commands the operator runs next, from the export's folder, in order. */
  readonly nextSteps: readonly string[];
  /** The options of TargetOptions beyond `random` that this target reads. */
  readonly uses: ReadonlySet<keyof TargetOptions>;
  /**
   * With `proxy` in `uses`: the flavours worth offering, named as the operator meets them there
   * (several flavours may give the same files). Default: every flavour of the drawing's proxies.
   */
  readonly flavours?: readonly { readonly id: ProxyFlavour; readonly label: string }[];
  /**
   * What the operator fills in, which a re-export into the same folder must leave as it is (a
   * fresh copy would lose the values): a file, or a folder ending in `/` (every file under it).
   * Written only where there is none yet.
   */
  readonly keep?: string;
  readonly run: (project: Project, options: TargetOptions) => TargetResult;
}

const composeTarget: ExportTarget = {
  id: 'compose',
  label: 'Docker Compose',
  description: 'One compose project: docker-compose.yml, .env with the secrets, proxy and Sentinel configuration.',
  guide: 'DEPLOYMENT.md',
  // The command the compose file's header and DEPLOYMENT.md give, so the three never disagree.
  nextSteps: ['docker-compose up -d'],
  uses: new Set(['proxy', 'certDir', 'override']),
  // No `keep`: the writers merge an existing .env themselves, keeping the operator's values.
  run(project, options) {
    const { namespace: _namespace, ingressNamespace: _ingress, ...compose } = options;
    const result = exportProject(project, compose);
    if (!result.ok) return result;
    const flavours = [...new Set(result.plan.proxies.map((p) => p.flavour))];
    return {
      ...result,
      summary: flavours.length > 0 ? `${flavours.join(', ')} proxy` : 'no reverse proxy',
    };
  },
};

const kubernetesTarget: ExportTarget = {
  id: 'kubernetes',
  label: 'Kubernetes',
  description:
    'A kustomize base and a production overlay, with NetworkPolicies from the drawn links; Secrets in secrets/, never in the base.',
  guide: 'README.md',
  nextSteps: [`sh ${APPLY_SCRIPT}`, 'kubectl apply -k overlays/production'],
  uses: new Set(['proxy', 'namespace', 'ingressNamespace']),
  // Traefik gets its IngressRoute; every other flavour becomes ingress-nginx (kubernetes/controllers.ts).
  flavours: [
    { id: 'nginx', label: 'ingress-nginx' },
    { id: 'traefik', label: 'Traefik' },
  ],
  keep: SECRET_FILE,
  run(project, options) {
    // Certificates come from Secrets in a cluster: a compose certificate folder means nothing here.
    const { certDir: _certDir, ...kubernetes } = options;
    const result = exportKubernetes(project, kubernetes);
    if (!result.ok) return result;
    const { namespace, ...rest } = result;
    return { ...rest, summary: `kubernetes, namespace ${namespace}` };
  },
};

const swarmTarget: ExportTarget = {
  id: 'swarm',
  label: 'Docker Swarm',
  description:
    'A stack file for docker stack deploy: replicas, placement, encrypted overlay networks, proxy configuration as configs; Swarm secrets made by secrets/create.sh, never in the stack.',
  guide: 'README.md',
  nextSteps: [`sh ${CREATE_SCRIPT}`, `sh ${DEPLOY_SCRIPT}`],
  uses: new Set(['proxy']),
  keep: `${VALUES_DIR}/`,
  run(project, options) {
    // Certificates are Swarm secrets in /run/secrets; namespaces are Kubernetes'.
    const { certDir: _certDir, namespace: _namespace, ingressNamespace: _ingress, ...swarm } = options;
    const result = exportSwarm(project, swarm);
    if (!result.ok) return result;
    const { stack, ...rest } = result;
    return { ...rest, summary: `swarm, stack ${stack}` };
  },
};

/** In the order the dialog and `--help` list them; the first is the default. */
export const EXPORT_TARGETS: readonly ExportTarget[] = [composeTarget, kubernetesTarget, swarmTarget];

export const DEFAULT_TARGET: ExportTargetId = 'compose';

/** The target with this id; undefined for anything else (an id read from storage or the command line). */
export function exportTarget(id: unknown): ExportTarget | undefined {
  return EXPORT_TARGETS.find((t) => t.id === id);
}
