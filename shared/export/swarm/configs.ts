import { PROXY_EXPORTERS } from '../index';
import { PROXY_CONFIG, SENTINEL_TEMPLATE, sentinelFile, type DeploymentPlan } from '../plan';
import { exportSentinels } from '../sentinel';
import type { ExportFile, ExportOptions } from '../types';
import { fingerprint, objectName } from './names';

/**
 * The configuration files the stack's containers read — each proxy's (the compose export's own
 * nginx/HAProxy/Caddy/Traefik rendering, with certificates in /run/secrets) and each Sentinel's
 * template — written beside stack.yml and given to the services as Swarm configs (a bind mount
 * of `./file` would need the file on every node). A config cannot change once created, so its
 * name carries a fingerprint of its contents: after an edit, `docker stack deploy` creates the
 * new config and rolls the services over to it instead of refusing the update.
 */

export interface StackConfig {
  /** Key in the stack file's top-level `configs:`. */
  readonly key: string;
  readonly name: string;
  /** The file beside stack.yml. */
  readonly file: string;
}

export interface ConfigMount {
  readonly key: string;
  readonly target: string;
}

/**
 * Sentinels of a replicated service have no host names the others can resolve (a task's host
 * name is its container id), so they announce their addresses, as in the Kubernetes export; the
 * monitored Redis is still found by its service name.
 */
const onOverlay = (conf: string): string =>
  conf.replace(
    'sentinel announce-hostnames yes\n',
    "# Task addresses are announced: a Swarm task's host name does not resolve for the other Sentinels.\n",
  );

export interface ConfigFiles {
  readonly files: readonly ExportFile[];
  readonly configs: readonly StackConfig[];
  /** By service name. */
  readonly mounts: ReadonlyMap<string, readonly ConfigMount[]>;
}

export function configFiles(plan: DeploymentPlan, stack: string, options: ExportOptions): ConfigFiles {
  const files: ExportFile[] = [];
  const configs: StackConfig[] = [];
  const mounts = new Map<string, ConfigMount[]>();
  const add = (service: string, file: ExportFile, target: string): void => {
    files.push(file);
    const key = file.path.replaceAll('/', '-');
    configs.push({ key, name: objectName(stack, key, fingerprint(file.contents)), file: file.path });
    mounts.set(service, [...(mounts.get(service) ?? []), { key, target }]);
  };
  for (const proxy of plan.proxies) {
    const { target, dynamicTarget } = PROXY_CONFIG[proxy.flavour];
    for (const file of PROXY_EXPORTERS[proxy.flavour](proxy, plan, options)) {
      const to = file.path === proxy.configFile ? target : file.path === proxy.dynamicFile ? dynamicTarget : undefined;
      if (to === undefined) throw new Error(`${file.path}: no place in the ${proxy.flavour} container`);
      add(proxy.entry.id, file, to);
    }
  }
  for (const file of exportSentinels(plan)) {
    const service = plan.services.find((s) => sentinelFile(s.name) === file.path);
    if (service !== undefined) add(service.name, { ...file, contents: onOverlay(file.contents) }, SENTINEL_TEMPLATE);
  }
  return { files, configs, mounts };
}
