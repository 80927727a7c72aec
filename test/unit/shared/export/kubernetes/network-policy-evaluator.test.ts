import { describe, expect, it } from 'vitest';
import { cidrContains, Cluster, matches, type NetworkPolicyObject, type Pod } from '../../../../support/network-policy';

/* The evaluator the reachability tests rely on, against the NetworkPolicy semantics it claims. */

const pod = (
  name: string,
  namespace: string,
  labels: Record<string, string>,
  ports: Pod['ports'] = [],
): { pod: Pod } => ({
  pod: { name, namespace, labels, ports },
});
const policy = (name: string, spec: NetworkPolicyObject['spec'], namespace?: string): NetworkPolicyObject => ({
  metadata: { name, ...(namespace ? { namespace } : {}) },
  spec,
});

const web = pod('web', 'app', { app: 'web' }, [{ name: 'http', containerPort: 8080 }]);
const db = pod('db', 'app', { app: 'db' }, [{ name: 'sql', containerPort: 5432 }]);
const other = pod('x', 'other', { app: 'web' });

describe('the NetworkPolicy evaluator', () => {
  it('leaves unselected pods open and closes selected ones to all but their rules', () => {
    expect(new Cluster([], 'app').mayConnect(other, web, 8080)).toBe(true);
    const deny = policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const cluster = new Cluster([deny], 'app');
    expect(cluster.mayConnect(other, web, 8080)).toBe(false);
    expect(cluster.mayConnect(web, db, 5432)).toBe(false);
    // Ingress alone (the default policyTypes without egress rules): egress stays open.
    const ingressOnly = new Cluster([policy('i', { podSelector: { matchLabels: { app: 'db' } } })], 'app');
    expect(ingressOnly.mayConnect(db, { ip: '192.0.2.1' }, 443)).toBe(true);
    expect(ingressOnly.mayConnect(web, db, 5432)).toBe(false);
  });

  it("needs both ends: the caller's egress and the callee's ingress", () => {
    const deny = policy('deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const dbIn = policy('db', {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'sql' }] }],
    });
    const webOut = policy('web', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
    });
    expect(new Cluster([deny, dbIn], 'app').mayConnect(web, db, 5432)).toBe(false);
    const both = new Cluster([deny, dbIn, webOut], 'app');
    expect(both.mayConnect(web, db, 5432)).toBe(true); // the named port `sql` is the destination's 5432
    expect(both.mayConnect(web, db, 5433)).toBe(false);
    expect(both.mayConnect(web, db, 5432, 'UDP')).toBe(false);
    // A podSelector alone means the policy's namespace: the same labels elsewhere do not count.
    expect(both.mayConnect(other, db, 5432)).toBe(false);
  });

  it('matches namespaces, ipBlocks with exceptions, port ranges and expressions', () => {
    const open = new Cluster(
      [
        policy('db', {
          podSelector: { matchLabels: { app: 'db' } },
          ingress: [
            {
              from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } } }],
              ports: [{ port: 5000, endPort: 5500 }],
            },
            {
              from: [
                { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] } },
                { ipBlock: { cidr: '2001:db8::/32' } },
              ],
            },
          ],
        }),
      ],
      'app',
    );
    expect(open.mayConnect(other, db, 5432)).toBe(true);
    expect(open.mayConnect(other, db, 5600)).toBe(false);
    expect(open.mayConnect({ ip: '10.2.3.4' }, db, 1)).toBe(true);
    expect(open.mayConnect({ ip: '10.1.3.4' }, db, 1)).toBe(false);
    expect(open.mayConnect({ ip: '2001:db8:1::1' }, db, 1)).toBe(true);
    expect(open.mayConnect({ ip: '2001:db9::1' }, db, 1)).toBe(false);
    expect(open.mayConnect(web, db, 5432)).toBe(false); // an ipBlock never matches a pod
  });

  it('reads selectors and CIDRs as the API does', () => {
    expect(matches({}, { a: '1' })).toBe(true);
    expect(matches({ matchLabels: { a: '1' } }, { a: '2' })).toBe(false);
    expect(matches({ matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '2'] }] }, { a: '2' })).toBe(true);
    expect(matches({ matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, {})).toBe(true);
    expect(matches({ matchExpressions: [{ key: 'a', operator: 'Exists' }] }, {})).toBe(false);
    expect(matches({ matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, {})).toBe(true);
    expect(cidrContains('0.0.0.0/0', '203.0.113.9')).toBe(true);
    expect(cidrContains('::/0', '203.0.113.9')).toBe(false);
    expect(cidrContains('::/0', '::1')).toBe(true);
    expect(cidrContains('192.0.2.0/24', '192.0.3.1')).toBe(false);
    expect(cidrContains('192.0.2.0/33', '192.0.2.1')).toBe(false);
  });
});
