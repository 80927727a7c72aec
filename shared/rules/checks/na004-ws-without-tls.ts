import { DOCS } from '../docs';
import type { Rule } from '../types';
import { secureRouteFix, TRANSPORT_WHY, transportFindings } from './transport';

/**
 * Every public URL of nextauth — WebSockets, Mobile API and REST API — is served with TLS ended
 * at the entry point. The policy (warning, why, which routes count) is shared with NA017 for
 * mgmt and lives in ./transport.ts. The file keeps its historical name: the rule once covered
 * the WebSocket only.
 */
export const NA004: Rule = {
  id: 'NA004',
  name: 'nextauth-without-tls',
  title: 'Public nextauth URL without TLS',
  severity: 'warning',
  docs: DOCS.manual,
  why: TRANSPORT_WHY,
  check: (ctx) => transportFindings(ctx, 'nextauth'),
  fix: secureRouteFix,
};
