import { getKind, portNumber } from '../../catalog/index';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

const DEFAULTS = [
  { kind: 'redis', port: 'redis' },
  { kind: 'redis-sentinel', port: 'sentinel' },
] as const;

export const NA022: Rule = {
  id: 'NA022',
  name: 'redis-nondefault-port',
  title: 'Redis or Sentinel on a non-default port',
  severity: 'info',
  docs: DOCS.outgoing,
  why: 'The documented egress rules name 6379 (Redis) and 26379 (Sentinel); other ports must be opened in the firewall by hand.',
  *check(ctx) {
    for (const { kind, port } of DEFAULTS) {
      const standard = getKind(kind).ports.find((p) => p.name === port)!.number;
      for (const c of ctx.ofKind(kind)) {
        const actual = portNumber(c, port);
        if (actual === undefined || actual === standard) continue;
        yield {
          message: `${named(c)} listens on ${actual} instead of ${standard}; open that port in the firewall rules`,
          elements: [componentRef(c)],
        };
      }
    }
  },
};
