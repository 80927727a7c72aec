import type { DeploymentPlan, Location, Site } from '../plan';
import type { YamlNode } from '../yaml';
import type { EntryPoint } from './controllers';
import { labelsOf } from './labels';
import { tlsSecretName } from './names';
import type { Manifest } from './types';

/**
 * ingress-nginx Ingress objects carrying exactly the drawn routes of one entry point. Annotations
 * apply to a whole Ingress, so locations are grouped by what they need: WebSocket routes get
 * nginx's one-hour read and send timeouts (the compose nginx export's), re-encrypted routes
 * `backend-protocol: HTTPS`. TLS ends at the controller with the host's certificate Secret.
 */

const ANNOTATION = 'nginx.ingress.kubernetes.io';

interface Group {
  readonly suffix: string;
  readonly annotations: Readonly<Record<string, string>>;
}

function groupOf(l: Location): Group {
  const ws = l.upstream.websocket;
  const https = l.upstream.reencrypt;
  const annotations: Record<string, string> = {};
  if (ws) {
    annotations[`${ANNOTATION}/proxy-read-timeout`] = '3600';
    annotations[`${ANNOTATION}/proxy-send-timeout`] = '3600';
  }
  if (https) annotations[`${ANNOTATION}/backend-protocol`] = 'HTTPS';
  return { suffix: `${ws ? 'websocket' : 'http'}${https ? '-tls' : ''}`, annotations };
}

/**
 * Prefix matching where ingress-nginx's strict path validation accepts the path (letters, digits,
 * `_`, `-`, `/`); other drawn paths (`.`, `~`, `%XX`) stay exact text as ImplementationSpecific,
 * which ingress-nginx also matches as a prefix.
 */
export const pathType = (path: string): string =>
  /^\/[A-Za-z0-9_/-]*$/.test(path) ? 'Prefix' : 'ImplementationSpecific';

/** Public ports an Ingress cannot express (it serves 80 and 443 only). */
export const unusualPort = (s: Site): boolean => s.publicPort !== (s.tls ? 443 : 80);

export function nginxIngresses(point: EntryPoint, plan: DeploymentPlan): Manifest[] {
  const groups = new Map<string, { group: Group; sites: Map<Site, Location[]> }>();
  for (const site of point.sites)
    for (const l of site.locations) {
      const group = groupOf(l);
      const g = groups.get(group.suffix) ?? { group, sites: new Map<Site, Location[]>() };
      g.sites.set(site, [...(g.sites.get(site) ?? []), l]);
      groups.set(group.suffix, g);
    }
  return [...groups.values()]
    .sort((a, b) => (a.group.suffix < b.group.suffix ? -1 : 1))
    .map(({ group, sites }): Manifest => {
      const tlsHosts = [...new Set([...sites.keys()].filter((s) => s.tls).map((s) => s.host))].sort();
      const rules: YamlNode[] = [...sites.entries()].map(([site, locations]) => ({
        host: site.host,
        http: {
          paths: locations.map((l) => ({
            path: l.path,
            pathType: pathType(l.path),
            backend: { service: { name: l.upstream.service, port: { number: l.upstream.port } } },
          })),
        },
      }));
      return {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: {
          name: `${point.entry.id}-${group.suffix}`,
          labels: labelsOf(point.entry, plan.projectName),
          ...(Object.keys(group.annotations).length > 0 ? { annotations: { ...group.annotations } } : {}),
        },
        spec: {
          ingressClassName: 'nginx',
          ...(tlsHosts.length > 0
            ? { tls: tlsHosts.map((host) => ({ hosts: [host], secretName: tlsSecretName(host) })) }
            : {}),
          rules,
        },
      };
    });
}
