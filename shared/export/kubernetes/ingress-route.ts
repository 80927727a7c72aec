import type { DeploymentPlan, Site } from '../plan';
import type { YamlNode } from '../yaml';
import type { EntryPoint } from './controllers';
import { labelsOf } from './labels';
import { subdomainWith, tlsSecretName } from './names';
import type { Manifest } from './types';

/**
 * Traefik IngressRoutes (traefik.io/v1alpha1) carrying exactly the drawn routes of a Traefik
 * entry point, one per public host and port. Traefik passes WebSocket upgrades through by itself;
 * a re-encrypted route talks HTTPS to its Service (`scheme: https`). Entry points are the
 * Traefik chart's `websecure` (443) and `web` (80); another public port needs an entry point of
 * that name (`port-8443`) in the operator's Traefik configuration.
 */

/** Backticks end a Traefik rule's string; host names and paths are checked by the rules, so none gets here. */
const quoteRule = (text: string): string => `\`${text.replaceAll('`', '')}\``;

export function entryPointOf(site: Site): string {
  if (site.tls && site.publicPort === 443) return 'websecure';
  if (!site.tls && site.publicPort === 80) return 'web';
  return `port-${site.publicPort}`;
}

export function traefikRoutes(point: EntryPoint, plan: DeploymentPlan): Manifest[] {
  return point.sites
    .filter((s) => s.locations.length > 0)
    .map((site): Manifest => {
      const routes: YamlNode[] = site.locations.map((l) => ({
        kind: 'Rule',
        match:
          l.path === '/'
            ? `Host(${quoteRule(site.host)})`
            : `Host(${quoteRule(site.host)}) && PathPrefix(${quoteRule(l.path)})`,
        services: [
          {
            name: l.upstream.service,
            port: l.upstream.port,
            ...(l.upstream.reencrypt ? { scheme: 'https' } : {}),
          },
        ],
      }));
      const port = site.publicPort === (site.tls ? 443 : 80) ? '' : `-${site.publicPort}`;
      return {
        apiVersion: 'traefik.io/v1alpha1',
        kind: 'IngressRoute',
        metadata: {
          // The host keeps its dots: one route object per host reads as that host in `kubectl get`.
          name: subdomainWith(`${point.entry.id}-`, `${site.host}${port}`),
          labels: labelsOf(point.entry, plan.projectName),
        },
        spec: {
          entryPoints: [entryPointOf(site)],
          routes,
          ...(site.tls ? { tls: { secretName: tlsSecretName(site.host) } } : {}),
        },
      };
    });
}
