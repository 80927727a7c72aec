import { declaresHosts } from '../model/hosts';
import type { Project, ProxyFlavour } from '../model/types';
import { checkProject } from '../rules/engine';
import type { Diagnostic } from '../rules/types';
import { exportCaddy } from './caddy';
import { exportCompose } from './compose';
import { exportDeploymentGuide } from './deployment';
import { exportDotenv } from './dotenv';
import { exportHaproxy } from './haproxy';
import { exportHosts } from './hosts/index';
import { exportNginx } from './nginx';
import { buildPlan, PROXY_CONFIG, type DeploymentPlan, type ProxyPlan } from './plan';
import type { ProxyExporter } from './proxies';
import { exportSentinels } from './sentinel';
import { exportTraefik } from './traefik';
import type { ExportFile, ExportOptions } from './types';

export const PROXY_EXPORTERS: Readonly<Record<ProxyFlavour, ProxyExporter>> = {
  nginx: exportNginx,
  haproxy: exportHaproxy,
  caddy: exportCaddy,
  traefik: exportTraefik,
};

/**
 * Rules whose errors mean a value could break out of its place in a config file. With these
 * the export is refused outright — `--force` does not override them.
 */
export const UNSAFE_VALUE_RULES: ReadonlySet<string> = new Set(['NA027', 'NA031', 'NA032', 'NA037', 'NA038', 'NA047']);

export type ExportResult =
  | {
      readonly ok: true;
      readonly files: readonly ExportFile[];
      /** Everything the checker reports; the caller decides whether errors stop the export. */
      readonly diagnostics: readonly Diagnostic[];
      readonly plan: DeploymentPlan;
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Every file of the deployment, in a fixed order. Pure and byte-stable: the same project and
 * the same random source give the same bytes.
 */
/**
 * The findings every target refuses to export (UNSAFE_VALUE_RULES' errors): values that could
 * break out of their place in a file. The compose, Kubernetes and Swarm exports all ask this.
 */
export const unsafeValues = (diagnostics: readonly Diagnostic[]): Diagnostic[] =>
  diagnostics.filter((d) => d.severity === 'error' && UNSAFE_VALUE_RULES.has(d.rule));

export function exportProject(project: Project, options: ExportOptions): ExportResult {
  const diagnostics = checkProject(project);
  const unsafe = unsafeValues(diagnostics);
  if (unsafe.length > 0) return { ok: false, diagnostics: unsafe };
  const plan = buildPlan(project, options);
  // Declared hosts: a folder per host and one guide for all (hosts/); without them, one folder as always.
  if (declaresHosts(project))
    return { ok: true, files: exportHosts(plan, diagnostics, options, PROXY_EXPORTERS), diagnostics, plan };
  const files: ExportFile[] = [exportCompose(plan), exportDotenv(plan), ...exportSentinels(plan)];
  for (const proxy of plan.proxies) files.push(...PROXY_EXPORTERS[proxy.flavour](proxy, plan, options));
  files.push(exportDeploymentGuide(plan, diagnostics));
  return { ok: true, files, diagnostics, plan };
}

/**
 * The proxy configuration files of an existing plan in another flavour, without planning or
 * checking again: what the export dialog shows when the architect switches flavour.
 */
export function exportProxyConfigs(plan: DeploymentPlan, flavour: ProxyFlavour, options: ExportOptions): ExportFile[] {
  const several = plan.proxies.length > 1;
  return plan.proxies.flatMap((proxy) => {
    const dir = several ? `${flavour}-${proxy.entry.id}` : flavour;
    const { file, dynamic } = PROXY_CONFIG[flavour];
    const { dynamicFile: _previous, ...rest } = proxy;
    const switched: ProxyPlan = {
      ...rest,
      flavour,
      configFile: `${dir}/${file}`,
      ...(dynamic ? { dynamicFile: `${dir}/${dynamic}` } : {}),
    };
    return PROXY_EXPORTERS[flavour](switched, plan, options);
  });
}

export { buildPlan, type DeploymentPlan, type ProxyPlan, type Site, type Location, type Upstream } from './plan';
export { generateSecret, seededRandom } from './random';
export type { ExportFile, ExportOptions, RandomSource, TestOverride } from './types';
export { DEFAULT_CERT_DIR, isSafeCertDir } from './types';
