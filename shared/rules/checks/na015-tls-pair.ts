import { KINDS } from '../../catalog/index';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { isSet } from './tls';

/** The kinds with ports that TLS variables turn on, with those ports. */
const TLS_KINDS = KINDS.map((k) => ({ kind: k.kind, ports: k.ports.filter((p) => p.tlsEnv) })).filter(
  (k) => k.ports.length > 0,
);

export const NA015: Rule = {
  id: 'NA015',
  name: 'tls-pair',
  title: 'TLS certificate without key, or key without certificate',
  severity: 'error',
  docs: DOCS.manual,
  why: 'TLS on a nextauth port needs both the certificate and its private key.',
  *check(ctx) {
    for (const { kind, ports } of TLS_KINDS) {
      for (const c of ctx.ofKind(kind)) {
        for (const port of ports) {
          if (!port.tlsEnv) continue;
          const cert = isSet(c, port.tlsEnv.cert);
          const key = isSet(c, port.tlsEnv.key);
          if (cert === key) continue;
          const [has, lacks] = cert ? [port.tlsEnv.cert, port.tlsEnv.key] : [port.tlsEnv.key, port.tlsEnv.cert];
          yield {
            message: `${named(c)} sets ${has} but not ${lacks}; TLS on ${port.label} (${port.number}) needs both`,
            elements: [componentRef(c)],
          };
        }
      }
    }
  },
};
