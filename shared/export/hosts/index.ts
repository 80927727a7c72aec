import { hostsOf } from '../../model/hosts';
import type { Diagnostic } from '../../rules/types';
import { exportCompose } from '../compose';
import { exportDeploymentGuide } from '../deployment';
import { exportDotenv } from '../dotenv';
import type { DeploymentPlan } from '../plan';
import type { ProxyExporter } from '../proxies';
import { exportSentinels } from '../sentinel';
import type { ExportFile, ExportOptions } from '../types';
import { hostEnvGroups } from './env';
import { hostGuideSections } from './guide';
import { hostShare, sentinelPlacement, type HostsContext } from './host-plan';
import { HOSTS_FOLDER, hostSlugs } from './names';
import { crossingsOf } from './reach';

export { HOSTS_FOLDER } from './names';
export { divergingSharedValues } from './env-agreement';

/**
 * The compose export of a project that declares hosts (issue 16): `hosts/<host>/` per host with
 * its docker-compose.yml (the instances that host runs), `.env`, Sentinel templates and the
 * configuration of a proxy on it, plus one DEPLOYMENT.md for all hosts. `plan` is the whole
 * deployment's plan; each host's files are the ordinary exporters run on its share of it.
 */
export function exportHosts(
  plan: DeploymentPlan,
  diagnostics: readonly Diagnostic[],
  options: ExportOptions,
  proxyExporters: Readonly<Record<string, ProxyExporter>>,
): ExportFile[] {
  const hosts = hostsOf(plan.project);
  const ctx: HostsContext = { plan, hosts, slugs: hostSlugs(hosts), crossings: crossingsOf(plan.project) };
  const shares = hosts.map((h) => hostShare(ctx, h));
  const envOf = hostEnvGroups(plan.env, shares);
  const files: ExportFile[] = [];
  for (const share of shares) {
    const hostPlan: DeploymentPlan = { ...share.plan, env: envOf.get(share.host) ?? [] };
    const own: ExportFile[] = [exportCompose(hostPlan), exportDotenv(hostPlan)];
    own.push(...exportSentinels(hostPlan, sentinelPlacement(ctx, share)));
    for (const proxy of hostPlan.proxies) own.push(...proxyExporters[proxy.flavour]!(proxy, hostPlan, options));
    files.push(...own.map((f) => ({ ...f, path: `${HOSTS_FOLDER}/${share.slug}/${f.path}` })));
  }
  // A port the single-host export leaves out (a database's, say) is written where another host dials it.
  const written = new Set(
    shares.flatMap((s) => s.plan.services.flatMap((x) => x.ports.map((p) => `${x.name}:${p.hostPort}`))),
  );
  const guided: DeploymentPlan = {
    ...plan,
    ignoredPublish: plan.ignoredPublish.filter((i) => !written.has(`${i.component.id}:${i.hostPort}`)),
  };
  files.push(exportDeploymentGuide(guided, diagnostics, hostGuideSections(ctx, shares, envOf)));
  return files;
}
