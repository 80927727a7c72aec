import { describe, expect, it } from 'vitest';
import type { ComponentId, Project, RouteId } from '../../../../shared/model/types';
import { applyFix, checkProject, fixFor } from '../../../../shared/rules/index';
import { template } from '../../../support/fixtures';
import { haOnThreeHosts, publishSame } from '../../../support/host-variants';
import { onHosts, withHosts } from '../../../support/hosts';

/**
 * Issue 16, the host-aware parts of NA054 (routes) and NA005 (ports published for other hosts)
 * beyond rules.test.ts's case tables: grouping, the quick fixes, and the HA-on-three-hosts variant.
 */

const of = (p: Project, rule: string) => checkProject(p).filter((d) => d.rule === rule);
/** The manual template's proxy alone on host b; nextauth, mgmt and the data services on a. */
const proxyApart = onHosts(withHosts(template('manual'), 'a', 'b'), 'proxy', 'b');

describe('NA054 on routes', () => {
  it('reports one finding per entry point, target and port, naming every route to it', () => {
    const ws = proxyApart.routes.find((r) => r.id === 'ws')!;
    const p: Project = {
      ...proxyApart,
      routes: [...proxyApart.routes, { ...ws, id: 'ws-2' as RouteId, host: 'other.example.com' }],
    };
    const found = of(p, 'NA054').filter((d) => d.message.includes('port ws '));
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/forwards its 2 routes to "nextauth"/);
    expect(found[0]!.elements.map((e) => `${e.type}:${e.id}`)).toEqual([
      'route:ws',
      'component:nextauth',
      'route:ws-2',
    ]);
  });

  it('names only the entry point hosts without a local instance', () => {
    // A proxy on both hosts: the one on a forwards to its local nextauth; the one on b has nothing.
    const p = onHosts(proxyApart, 'proxy', 'a', 'b');
    const found = of(p, 'NA054');
    // The proxy has one replica: it runs on a only, so nothing is stranded.
    expect(found).toEqual([]);
    const two = { ...p, components: p.components.map((c) => (c.id === 'proxy' ? { ...c, replicas: 2 } : c)) };
    const messages = of(two, 'NA054').map((d) => d.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) expect(m).toMatch(/^"nginx" on host "b" forwards/);
  });

  it('its fix publishes the routed port on the target host, which clears the finding and NA005 stays quiet', () => {
    let p = proxyApart;
    for (let guard = 0; guard < 10; guard++) {
      const d = of(p, 'NA054').find((x) => fixFor(x, p) !== undefined);
      if (d === undefined) break;
      p = applyFix(p, d);
    }
    expect(of(p, 'NA054')).toEqual([]);
    expect(p.components.find((c) => c.id === 'nextauth')!.publish.map((x) => x.port)).toEqual(['ws', 'mobile']);
    expect(of(p, 'NA005')).toEqual([]);
  });

  it('is quiet for the HA template on three hosts, whose nextauth publishes what the load balancer reaches', () => {
    expect(of(haOnThreeHosts(), 'NA054')).toEqual([]);
  });
});

describe('NA005 across hosts', () => {
  it('is quiet for the HA template on three hosts, and warns again once nothing crosses', () => {
    const p = haOnThreeHosts();
    expect(of(p, 'NA005')).toEqual([]);
    // Every nextauth on the load balancer's host: the published ports serve no other host.
    const together = onHosts(p, 'nextauth', 'edge');
    expect(of(together, 'NA005').map((d) => d.message)).toEqual([
      '"nextauth" publishes host ports (8009→ws, 8889→mobile); reach it through portmap or the reverse proxy instead',
    ]);
  });

  it('its fix removes the exposed ports and rebinds a needed one to the private address', () => {
    let p = publishSame(publishSame(proxyApart, 'nextauth', 'ws'), 'nextauth', 'mobile');
    p = publishSame(p, 'nextauth', 'rest');
    p = {
      ...p,
      components: p.components.map((c) =>
        c.id === ('nextauth' as ComponentId)
          ? { ...c, publish: c.publish.map((x) => (x.port === 'ws' ? { ...x, hostIp: '0.0.0.0' } : x)) }
          : c,
      ),
    };
    const [d] = of(p, 'NA005');
    expect(d!.message).toContain('(8009→ws, 8888→rest)');
    const fixed = applyFix(p, d!);
    expect(fixed.components.find((c) => c.id === 'nextauth')!.publish).toEqual([
      { port: 'ws', hostPort: 8009 },
      { port: 'mobile', hostPort: 8889 },
    ]);
    expect(of(fixed, 'NA005')).toEqual([]);
  });
});
