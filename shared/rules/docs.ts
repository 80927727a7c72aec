import {
  S1_NETWORKING_URL,
  S1_SECTIONS,
  S5_DOCKER_URL,
  S7_CONFIGURATION_URL,
  REDIS_SENTINEL_URL,
} from '../catalog/sources';
import type { DocsLink } from './types';

/** Where each rule is written down. The manual-setup facts come from the networking page. */
export const DOCS = {
  incoming: { url: S1_NETWORKING_URL, section: S1_SECTIONS.incoming },
  outgoing: { url: S1_NETWORKING_URL, section: S1_SECTIONS.outgoing },
  manual: { url: S1_NETWORKING_URL, section: S1_SECTIONS.manual },
  configuration: { url: S7_CONFIGURATION_URL, section: 'Database' },
  sentinel: { url: REDIS_SENTINEL_URL, section: 'Fundamental things to know about Sentinel before deploying' },
  hostnames: {
    url: 'https://datatracker.ietf.org/doc/html/rfc1123#section-2.1',
    section: '2.1 Host Names and Numbers',
  },
  // Newer-layout pages (reference S4, S5, S6), for the constraints that hold in the old layout too.
  /** Docker Compose installation: replace the placeholder domain; mobile devices must reach the server. */
  docker: { url: S5_DOCKER_URL },
  /** Network setup with the manual mapping table: a published REST API gets its own subdomain. */
  networkSetup: { url: 'https://docs.nextauth.com/server/installation/network-setup.html' },
  /** Deployment: the environment variables every server needs, the root API key among them. */
  deployment: { url: 'https://docs.nextauth.com/server/installation/deployment.html' },
  composeEnv: {
    url: 'https://docs.docker.com/compose/how-tos/environment-variables/envvars/',
    section: 'Configure pre-defined environment variables in Docker Compose',
  },
  sentinelConfig: { url: REDIS_SENTINEL_URL, section: 'Configuring Sentinel' },
  /** The compose specification's service keys: a custom container's image and ports, kept keys. */
  composeServices: { url: 'https://docs.docker.com/reference/compose-file/services/', section: 'image' },
  /** The compose specification's networks: declared networks, `internal`, and a service's networks. */
  composeNetworks: { url: 'https://docs.docker.com/reference/compose-file/networks/', section: 'internal' },
  composeServiceNetworks: { url: 'https://docs.docker.com/reference/compose-file/services/', section: 'networks' },
  /** The compose specification's `ports`: what another host reaches of a container (issue 16's hosts). */
  composePorts: { url: 'https://docs.docker.com/reference/compose-file/services/', section: 'ports' },
  /** Mozilla's server-side TLS guidelines: the profiles the proxy exports follow (shared/export/tls-profiles.ts). */
  mozillaTls: { url: 'https://wiki.mozilla.org/Security/Server_Side_TLS', section: 'Recommended configurations' },
} as const satisfies Record<string, DocsLink>;
