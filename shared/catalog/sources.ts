import type { Source } from './types';

/*
 * Citations for the catalog. The nextAuth keys (S1, S5, S7, S11) match the project's fact
 * sheet so a reviewer can trace every value back to the page it was distilled from.
 */

// nextAuth documentation.
export const S1_NETWORKING_URL = 'https://docs.nextauth.com/server/networking/';
export const S5_DOCKER_URL = 'https://docs.nextauth.com/server/installation/docker.html';
export const S7_CONFIGURATION_URL = 'https://docs.nextauth.com/server/installation/configuration.html';
export const S11_ARCHITECTURE_URL = 'https://docs.nextauth.com/introduction/architecture.html';

// Upstream image and product documentation.
export const MYSQL_IMAGE_URL = 'https://hub.docker.com/_/mysql';
export const MARIADB_IMAGE_URL = 'https://hub.docker.com/_/mariadb';
export const POSTGRES_IMAGE_URL = 'https://hub.docker.com/_/postgres';
export const REDIS_IMAGE_URL = 'https://hub.docker.com/_/redis';
export const REDIS_SENTINEL_URL = 'https://redis.io/docs/latest/operate/oss_and_stack/management/sentinel/';
export const NGINX_IMAGE_URL = 'https://hub.docker.com/_/nginx';
export const HAPROXY_IMAGE_URL = 'https://hub.docker.com/_/haproxy';
export const CADDY_IMAGE_URL = 'https://hub.docker.com/_/caddy';
export const TRAEFIK_IMAGE_URL = 'https://hub.docker.com/_/traefik';

/** Section titles of the networking page (S1), as they appear on the page. */
export const S1_SECTIONS = {
  incoming: 'Incoming Network Connections',
  outgoing: 'Outgoing Network Connections',
  manual: 'Manual Network Setup (Without nextauth-portmap)',
} as const;

export function doc(url: string, section?: string, note?: string): Source {
  return {
    type: 'doc',
    url,
    ...(section === undefined ? {} : { section }),
    ...(note === undefined ? {} : { note }),
  };
}

export function assumed(note: string): Source {
  return { type: 'assumed', note };
}

/**
 * The project's seed is an older copy of S1. The live page could not be read as far as the
 * manual mapping table, so facts found only in the seed say so in their note.
 */
export function seed(section: string, note?: string): Source {
  const base = 'From an older copy of this page (the project seed); the current page could not be read this far.';
  return doc(S1_NETWORKING_URL, section, note === undefined ? base : `${base} ${note}`);
}

export const S1: Source = doc(S1_NETWORKING_URL);
export const S1_INCOMING: Source = doc(S1_NETWORKING_URL, S1_SECTIONS.incoming);
export const S1_OUTGOING: Source = doc(S1_NETWORKING_URL, S1_SECTIONS.outgoing);
export const S1_MANUAL: Source = doc(S1_NETWORKING_URL, S1_SECTIONS.manual);
export const SEED_MANUAL: Source = seed(S1_SECTIONS.manual);
export const S5: Source = doc(S5_DOCKER_URL);
export const S7: Source = doc(S7_CONFIGURATION_URL);
export const S11: Source = doc(S11_ARCHITECTURE_URL);
