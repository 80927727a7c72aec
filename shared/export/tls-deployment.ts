import type { ProxyFlavour } from '../model/types';
import type { Facts } from './deployment-facts';
import { code } from './markdown';
import { MOZILLA_GUIDELINE } from './tls-profiles';
import { tlsPolicy } from './tls-render';

/**
 * DEPLOYMENT.md's TLS section: the profile the exported proxies follow, what that means for
 * clients, HSTS, and what OCSP stapling needs from the operator in each flavour.
 */

const STAPLING: Readonly<Record<ProxyFlavour, string>> = {
  nginx:
    "nginx staples OCSP responses: the proxy needs outbound HTTP to the CA's OCSP responder, whose name Docker's DNS resolves through the host's DNS servers; to use others, give the proxy service `dns:` servers in `docker-compose.yml`.",
  haproxy:
    'HAProxy staples the OCSP response in `certs/HOST.ocsp` (beside `certs/HOST.crt`) when that file is there: fetch it (`openssl ocsp`) and refresh it before it expires, then restart the proxy.',
  caddy: 'Caddy fetches and staples OCSP responses by itself.',
  traefik: 'Traefik fetches and staples OCSP responses by itself for certificates that name a responder.',
};

const VERSION_NAMES: Readonly<Record<string, string>> = {
  TLSv1: 'TLS 1.0',
  'TLSv1.1': 'TLS 1.1',
  'TLSv1.2': 'TLS 1.2',
  'TLSv1.3': 'TLS 1.3',
};

export function tlsSection({ plan }: Facts): string[] {
  const proxies = plan.proxies.filter((p) => p.sites.some((s) => s.tls));
  if (proxies.length === 0) return [];
  const { profile, hsts } = tlsPolicy(plan.project.settings);
  const suites = profile.ciphers.map((s) => code(s.iana)).join(', ');
  const flavours = [...new Set(proxies.map((p) => p.flavour))].sort();
  return [
    '## TLS policy',
    '',
    `Every reverse proxy follows Mozilla's ${code(profile.name)} server-side TLS profile (guidelines ${MOZILLA_GUIDELINE.version} of ${MOZILLA_GUIDELINE.date}), chosen in the project's settings:`,
    '',
    `- Protocols: ${profile.protocols.map((v) => VERSION_NAMES[v]).join(', ')}.`,
    profile.ciphers.length === 0
      ? '- Suites: the TLS 1.3 suites only.'
      : `- TLS 1.2 suites (DHE left out: Caddy and Traefik have none, and nginx and HAProxy would need a DH parameter file): ${suites}.`,
    `- Oldest clients served: ${profile.oldestClients.join(', ')}.`,
    `- Every TLS host sends ${code(`Strict-Transport-Security: ${hsts}`)}: a browser that saw it refuses plain HTTP for that host for two years.`,
    '- Plain HTTP on the published HTTP port is redirected to HTTPS; upstream `Server` and `X-Powered-By` headers never leave the proxy.',
    ...flavours.map((f) => `- ${STAPLING[f]}`),
  ];
}
