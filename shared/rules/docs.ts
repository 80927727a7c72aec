import { S1_NETWORKING_URL, S1_SECTIONS, S7_CONFIGURATION_URL, REDIS_SENTINEL_URL } from '../catalog/sources';
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
} as const satisfies Record<string, DocsLink>;
