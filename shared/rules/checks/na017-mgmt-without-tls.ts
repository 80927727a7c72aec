import { DOCS } from '../docs';
import type { Rule } from '../types';
import { secureRouteFix, TRANSPORT_WHY, transportFindings } from './transport';

/**
 * Every public URL of nextauth-mgmt — dashboard, account management and identity provider,
 * which speak plain HTTP — is served with TLS ended at the entry point. The policy (warning,
 * why, which routes count) is shared with NA004 for nextauth and lives in ./transport.ts.
 */
export const NA017: Rule = {
  id: 'NA017',
  name: 'mgmt-without-tls',
  title: 'Public mgmt web interface without TLS',
  severity: 'warning',
  docs: DOCS.manual,
  why: TRANSPORT_WHY,
  check: (ctx) => transportFindings(ctx, 'nextauth-mgmt'),
  fix: secureRouteFix,
};
