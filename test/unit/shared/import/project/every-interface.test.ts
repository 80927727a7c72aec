import { describe, expect, it } from 'vitest';
import type { PortSpec } from '../../../../../shared/import/compose/ports';
import { foldEveryInterface } from '../../../../../shared/import/project/every-interface';

const at = { file: 'docker-compose.yml', line: 1, column: 1 };
const port = (
  hostIp: string | undefined,
  published = 443,
  target = 443,
  protocol: PortSpec['protocol'] = 'tcp',
): PortSpec => ({
  target,
  published,
  ...(hostIp !== undefined ? { hostIp } : {}),
  protocol,
  mode: 'ingress',
  at,
});

// Issue 15: the export writes a public port as `0.0.0.0:P:T` and `[::]:P:T`; read back, the pair
// is the publish on every address it came from.
describe('foldEveryInterface', () => {
  it('folds the IPv4 and IPv6 wildcards of one mapping into one entry without an address, in place', () => {
    const folded = foldEveryInterface([port('0.0.0.0', 80, 80), port('::', 80, 80), port('0.0.0.0'), port('::')]);
    expect(folded).toEqual([port(undefined, 80, 80), port(undefined)]);
  });

  it('keeps a lone wildcard (one address family only) and any other address as written', () => {
    const ports = [port('0.0.0.0', 80, 80), port('::', 443), port('127.0.0.1', 8080, 80), port('::1', 8080, 80)];
    expect(foldEveryInterface(ports)).toBe(ports);
  });

  it('folds only entries that agree on everything but the address', () => {
    const ports = [
      port('0.0.0.0', 443, 443),
      port('::', 443, 8443),
      port('0.0.0.0', 53, 53, 'udp'),
      port('::', 53, 53, 'tcp'),
    ];
    expect(foldEveryInterface(ports)).toEqual(ports);
  });

  it('a mapping written three times (both families and again) stays one entry', () => {
    expect(foldEveryInterface([port('::'), port('0.0.0.0'), port('::')])).toEqual([port(undefined)]);
  });
});
