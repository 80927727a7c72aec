import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  componentHostIds,
  crossesHosts,
  hostAddressProblem,
  hostNameProblem,
  hostsOf,
  IMPLICIT_HOST,
  instancesOn,
  replicaHost,
  replicaSpread,
  spreadText,
} from '../../../../shared/model/hosts';
import {
  addHost,
  keepKnownHosts,
  nextHostName,
  removeHost,
  renameHost,
  setComponentHosts,
  setHostAddress,
} from '../../../../shared/model/hosts-ops';
import type { Component, ComponentId, HostId, Project } from '../../../../shared/model/types';
import { patchComponent, template } from '../../../support/fixtures';
import { onHosts, withHosts } from '../../../support/hosts';

const ha = template('ha');
const nextauth = (p: Project): Component => p.components.find((c) => c.id === 'nextauth')!;
const names = (p: Project, c: Component) => componentHostIds(p, c);
const h = (id: string) => id as HostId;

describe('placement (model/hosts.ts)', () => {
  it('a project without hosts runs every container on the implicit host, and nothing else anywhere', () => {
    expect(hostsOf(ha)).toEqual([IMPLICIT_HOST]);
    expect(replicaSpread(ha, nextauth(ha))).toEqual([{ host: IMPLICIT_HOST, instances: 3 }]);
    const phone = ha.components.find((c) => c.kind === 'mobile-app')!;
    expect(componentHostIds(ha, phone)).toEqual([]);
    expect(replicaHost(ha, phone, 0)).toBeUndefined();
    // The customer's database (external) runs on no host of the project.
    expect(
      replicaSpread(
        ha,
        ha.components.find((c) => c.id === 'mysql')!,
      ),
    ).toEqual([]);
  });

  it('round robin: replica i on hosts[i % n]; instances per host add up to the replicas', () => {
    const p = onHosts(withHosts(ha, 'a', 'b'), 'nextauth', 'b', 'a');
    const c = nextauth(p);
    expect([0, 1, 2, 3].map((i) => replicaHost(p, c, i)?.id)).toEqual(['b', 'a', 'b', 'a']);
    expect(instancesOn(p, c, h('b'))).toBe(2);
    expect(instancesOn(p, c, h('a'))).toBe(1);
    expect(spreadText(p, c)).toBe('3 replicas: b ×2, a ×1');
    expect(replicaHost(p, c, -1)).toBeUndefined();
  });

  it('property: for any replicas and host list, the spread matches replicaHost and sums to the replicas', () => {
    const hosts = ['a', 'b', 'c', 'd'];
    const base = withHosts(ha, ...hosts);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.uniqueArray(fc.constantFrom(...hosts), { maxLength: 4 }),
        (replicas, list) => {
          const p = patchComponent(onHosts(base, 'nextauth', ...list), 'nextauth', { replicas });
          const c = nextauth(p);
          const spread = replicaSpread(p, c);
          expect(spread.reduce((n, s) => n + s.instances, 0)).toBe(replicas);
          const counted = new Map<string, number>();
          for (let i = 0; i < replicas; i++) {
            const at = replicaHost(p, c, i)!.id;
            counted.set(at, (counted.get(at) ?? 0) + 1);
          }
          for (const s of spread) expect(counted.get(s.host.id)).toBe(s.instances);
          const max = Math.max(...spread.map((s) => s.instances));
          const min = Math.min(...spread.map((s) => s.instances));
          expect(max - min).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('a list naming undeclared hosts or repeats falls back to what is declared, or the first host', () => {
    const p = withHosts(ha, 'a', 'b');
    const stale = patchComponent(p, 'nextauth', { hosts: [h('gone'), h('b'), h('b')] });
    expect(names(stale, nextauth(stale))).toEqual(['b']);
    const none = patchComponent(p, 'nextauth', { hosts: [h('gone')] });
    expect(names(none, nextauth(none))).toEqual(['a']);
  });

  it('crossesHosts: some host of the source runs no instance of the target', () => {
    const p = withHosts(template('manual'), 'a', 'b');
    const c = (q: Project, id: string) => q.components.find((x) => x.id === id)!;
    expect(crossesHosts(p, c(p, 'nextauth'), c(p, 'mysql'))).toBe(false);
    const apart = onHosts(p, 'mysql', 'b');
    expect(crossesHosts(apart, c(apart, 'nextauth'), c(apart, 'mysql'))).toBe(true);
    // A client runs on no host: nothing it does crosses.
    expect(crossesHosts(apart, c(apart, 'mobile-app'), c(apart, 'proxy'))).toBe(false);
  });

  it('names: not empty, trimmed, one line, short, unique case-insensitively', () => {
    const p = withHosts(ha, 'Node-A');
    expect(hostNameProblem('node-b', p)).toBeUndefined();
    expect(hostNameProblem('NODE-A', p)).toMatch(/already called "Node-A"/);
    expect(hostNameProblem('NODE-A', p, h('Node-A'))).toBeUndefined();
    for (const bad of ['', '  ', ' a', 'a\nb', 'a\u2028b', 'x'.repeat(81)])
      expect(hostNameProblem(bad, p)).toBeDefined();
  });

  it('addresses: a DNS name or an IP address, nothing else', () => {
    for (const ok of ['node-1.example.com', 'node1', '10.0.0.5', '::1', 'fe80::1', '2001:db8::1'])
      expect(hostAddressProblem(ok), ok).toBeUndefined();
    for (const bad of [
      '',
      '10.0.0.256',
      '1.2.3',
      '[::1]',
      'http://x',
      'a b',
      'a_b.example',
      '-a.example',
      'a\n',
      '10.0.0.5:22',
    ])
      expect(hostAddressProblem(bad), bad).toBeDefined();
  });
});

describe('host operations (model/hosts-ops.ts)', () => {
  it('add, rename, address: ids unique project-wide, values checked', () => {
    const { project, id } = addHost(ha, { name: 'nextauth' });
    // "nextauth" is a component's id already: the host gets its own.
    expect(id).toBe('nextauth-2');
    expect(() => addHost(project, { name: 'NEXTAUTH' })).toThrow(RangeError);
    expect(() => addHost(project, { name: 'b', address: 'not an address' })).toThrow(RangeError);
    const renamed = renameHost(project, id, 'node-a');
    expect(renamed.hosts).toEqual([{ id, name: 'node-a' }]);
    const addressed = setHostAddress(renamed, id, '10.0.0.5');
    expect(addressed.hosts![0]!.address).toBe('10.0.0.5');
    expect(setHostAddress(addressed, id, undefined).hosts).toEqual([{ id, name: 'node-a' }]);
    expect(ha.hosts).toBeUndefined(); // inputs untouched
    expect(nextHostName(withHosts(ha, 'host-2'))).toBe('host-3');
  });

  it('setComponentHosts keeps declared ids once, drops the key on an empty list, ignores clients', () => {
    const p = withHosts(ha, 'a', 'b');
    const id = 'nextauth' as ComponentId;
    expect(nextauth(setComponentHosts(p, id, [h('b'), h('zz'), h('b'), h('a')])).hosts).toEqual(['b', 'a']);
    expect('hosts' in nextauth(setComponentHosts(onHosts(p, 'nextauth', 'b'), id, []))).toBe(false);
    const phone = setComponentHosts(p, 'mobile-app' as ComponentId, [h('a')]);
    expect(phone.components.find((c) => c.id === 'mobile-app')!.hosts).toBeUndefined();
  });

  it('removing a host moves its replicas to the remaining hosts; removing the last leaves the implicit one', () => {
    const p = onHosts(onHosts(withHosts(ha, 'a', 'b', 'c'), 'nextauth', 'a', 'b'), 'redis', 'b');
    const withoutB = removeHost(p, h('b'));
    expect(nextauth(withoutB).hosts).toEqual(['a']);
    // Redis ran on b only: it now runs on the first host.
    const redis = withoutB.components.find((c) => c.id === 'redis')!;
    expect(redis.hosts).toBeUndefined();
    expect(componentHostIds(withoutB, redis)).toEqual(['a']);
    const empty = removeHost(removeHost(withoutB, h('a')), h('c'));
    expect(empty.hosts).toBeUndefined();
    expect(empty.components.every((c) => c.hosts === undefined)).toBe(true);
    expect(empty).toEqual(ha);
    expect(removeHost(ha, h('nope'))).toBe(ha);
  });

  it('keepKnownHosts drops ids the target project does not declare (a paste from another document)', () => {
    const source = onHosts(withHosts(ha, 'a', 'b'), 'nextauth', 'a', 'b');
    const [kept] = keepKnownHosts(withHosts(ha, 'b'), [nextauth(source)]);
    expect(kept!.hosts).toEqual(['b']);
    const [dropped] = keepKnownHosts(ha, [nextauth(source)]);
    expect(dropped!.hosts).toBeUndefined();
  });
});

describe('redaction keeps hosts consistent', () => {
  it('host addresses become placeholders, names are redacted as text, and the project still loads', async () => {
    const { redactProject, redactedStrings } = await import('../../../../shared/render/redact');
    const { loadProject, saveProject } = await import('../../../../shared/format/index');
    // Ids stay (like component ids, they name nothing outside); names and addresses do not.
    const named = addHost(withHosts(ha, 'a'), { name: 'db.corp.internal', id: 'h2', address: 'node-7.corp.internal' });
    const p = onHosts(setHostAddress(named.project, h('a'), '10.1.2.3'), 'nextauth', 'a', 'h2');
    const redacted = redactProject(p);
    const text = saveProject(redacted);
    for (const secret of ['10.1.2.3', 'node-7.corp.internal', 'db.corp.internal']) {
      expect(text).not.toContain(secret);
      expect(redactedStrings(p)).toContain(secret);
    }
    const back = loadProject(text);
    expect(back.ok).toBe(true);
    expect(redacted.hosts!.map((x) => x.id)).toEqual(['a', 'h2']);
    expect(nextauth(redacted).hosts).toEqual(['a', 'h2']);
  });
});
