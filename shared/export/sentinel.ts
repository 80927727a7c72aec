import { portNumber } from '../catalog/index';
import { hostOf, lookupOf, monitoredRedis, sentinelMaster } from '../connections/index';
import type { Component } from '../model/types';
import type { DeploymentPlan } from './plan';
import { sentinelFile } from './plan';
import type { ExportFile } from './types';

/**
 * With declared hosts (hosts/): where a host's Sentinels reach a Redis that runs on another host
 * (its address and published port), and the address and port a Sentinel announces to its peers
 * on other hosts — otherwise it would announce its container address, which no other host reaches.
 */
export interface SentinelPlacement {
  readonly monitor: (
    sentinel: Component,
    redis: Component,
  ) => { readonly host: string; readonly port: number } | undefined;
  /** `host` undefined: only `.env` knows the address, and the compose command announces it. */
  readonly announce: (sentinel: Component) => { readonly host?: string; readonly port: number } | undefined;
}

/**
 * A sentinel.conf template per Sentinel component: it monitors the Redis it is connected to,
 * with a quorum of a majority of its replicas (all of them, on every host). The master name is
 * the component's `master` property (default `nextauth`), which the derived Sentinel URI of
 * nextauth names too.
 */
export function exportSentinels(plan: DeploymentPlan, placement?: SentinelPlacement): ExportFile[] {
  const files: ExportFile[] = [];
  const lookup = lookupOf(plan.project);
  for (const s of plan.services) {
    if (s.component.kind !== 'redis-sentinel') continue;
    // A Redis the deployment runs is monitored by its service name; one the customer runs, by its host.
    const monitored = monitoredRedis(lookup, s.component);
    const away = monitored && placement?.monitor(s.component, monitored);
    const host = away?.host ?? (monitored && hostOf(monitored));
    // NA038 refuses a master name that could break out of its line (it blocks the export).
    const master = sentinelMaster(s.component);
    const lines = [
      `# Redis Sentinel for ${s.component.name}, written by Portolan.`,
      `port ${portNumber(s.component, 'sentinel') ?? 26379}`,
      'sentinel resolve-hostnames yes',
      'sentinel announce-hostnames yes',
    ];
    const announce = placement?.announce(s.component);
    if (announce !== undefined)
      lines.push(
        ...(announce.host !== undefined ? [`sentinel announce-ip ${announce.host}`] : []),
        `sentinel announce-port ${announce.port}`,
      );
    if (monitored && host) {
      const replicas = (plan.whole ?? plan).services.find((w) => w.name === s.name)?.replicas ?? s.replicas;
      const quorum = Math.floor(replicas / 2) + 1;
      lines.push(
        `sentinel monitor ${master} ${host} ${away?.port ?? portNumber(monitored, 'redis') ?? 6379} ${quorum}`,
        `sentinel down-after-milliseconds ${master} 5000`,
        `sentinel failover-timeout ${master} 60000`,
        `sentinel parallel-syncs ${master} 1`,
      );
    } else {
      lines.push('# Not connected to a Redis component: add `sentinel monitor` by hand.');
    }
    files.push({ path: sentinelFile(s.name), contents: `${lines.join('\n')}\n`, mode: 0o644 });
  }
  return files;
}
