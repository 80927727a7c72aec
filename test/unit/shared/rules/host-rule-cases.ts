import { updateComponent } from '../../../../shared/model/ops';
import type { ComponentId, Project } from '../../../../shared/model/index';
import { patchComponent, template } from '../../../support/fixtures';
import { publishSame } from '../../../support/host-variants';
import { onHosts, withHosts } from '../../../support/hosts';

/**
 * The case tables of the host rules (issue 16, NA054–NA057), spread into rules.test.ts's CASES so
 * the registry's every-rule-has-a-table check covers them. The HA template carries three nextauth
 * replicas, three Sentinels and a MySQL: what hosts change for it is what these rules are about.
 */

interface Case {
  readonly name: string;
  readonly trigger: Project;
  readonly count?: number;
  readonly message?: RegExp;
  readonly fixable?: false;
}

const ha = template('ha');
const manual = template('manual');
const twoHosts = withHosts(ha, 'a', 'b');
const threeHosts = withHosts(ha, 'a', 'b', 'c');
/** The manual template's nextauth on a, its MySQL (in-cluster) on b: the link nextauth → mysql leaves host a. */
const dbApart = onHosts(withHosts(manual, 'a', 'b'), 'mysql', 'b');
/** The manual template's proxy alone on b: its five routes (nextauth ws, mobile; mgmt dashboard, accounts, idp) go to a. */
const proxyApart = onHosts(withHosts(manual, 'a', 'b'), 'proxy', 'b');
const routedPorts: readonly [string, string][] = [
  ['nextauth', 'ws'],
  ['nextauth', 'mobile'],
  ['mgmt', 'dashboard'],
  ['mgmt', 'accounts'],
  ['mgmt', 'idp'],
];
/** proxyApart with every routed port published on host a. */
const proxyApartPublished = routedPorts.reduce((p, [id, port]) => publishSame(p, id, port), proxyApart);

export const HOST_RULE_CASES: Record<string, { fires: Case[]; quiet: [name: string, project: Project][] }> = {
  NA054: {
    fires: [
      {
        name: 'nextauth on one host, its database on another that publishes nothing',
        trigger: dbApart,
        message:
          /^"nextauth" on host "a" reaches "MySQL" on host "b", which does not publish port db \(3306\); publish 3306 on host "b"$/,
      },
      {
        name: 'the database publishes its port on loopback only',
        trigger: patchComponent(dbApart, 'mysql', { publish: [{ port: 'db', hostPort: 3306, hostIp: '127.0.0.1' }] }),
        message: /publishes port db \(3306\) on loopback only, which no other host reaches/,
        fixable: false,
      },
      {
        name: 'nextauth spread over both hosts, the database on one: the replica on the other crosses',
        trigger: onHosts(twoHosts, 'nextauth', 'b', 'a'),
        // mgmt (on a) reaches a nextauth on a: no crossing; nextauth on b reaches Redis and the Sentinels on a
        // (the HA template's MySQL is the customer's, on no host).
        count: 2,
        message:
          /^"nextauth" on host "b" reaches "Redis( Sentinel)?" on host "a", which does not publish port (redis|sentinel)/,
      },
      {
        name: 'the proxy alone on another host than every routed target, which publish nothing',
        trigger: proxyApart,
        count: 5,
        message:
          /^"nginx" on host "b" forwards its route to "(nextauth|mgmt)", which runs only on host "a" and does not publish port (ws|mobile|dashboard|accounts|idp) \(\d+\); publish \d+ on host "a"$/,
      },
      {
        name: 'a routed port published on loopback only',
        trigger: updateComponent(proxyApartPublished, 'nextauth' as ComponentId, (c) => ({
          ...c,
          publish: c.publish.map((p) => (p.port === 'ws' ? { ...p, hostIp: '127.0.0.1' } : p)),
        })),
        message:
          /forwards its route to "nextauth", which runs only on host "a" and publishes port ws \(8009\) on loopback only/,
        fixable: false,
      },
    ],
    quiet: [
      ['no declared hosts (the HA template)', ha],
      ['one declared host', withHosts(manual, 'a')],
      ['two hosts, everything on the first', twoHosts],
      [
        'the database publishes its port on every address of its host',
        patchComponent(dbApart, 'mysql', { publish: [{ port: 'db', hostPort: 3306 }] }),
      ],
      ['an external database is on no host', patchComponent(dbApart, 'mysql', { properties: { external: true } })],
      ['the proxy on another host, every routed port published there', proxyApartPublished],
      [
        'the load balancer has a local nextauth; the unpublished one on the other host only gets no share of its traffic',
        publishSame(
          publishSame(onHosts(twoHosts, 'nextauth', 'a', 'b'), 'redis', 'redis'),
          'redis-sentinel',
          'sentinel',
        ),
      ],
    ],
  },
  NA055: {
    fires: [
      {
        name: "nextauth's three replicas on the first of two hosts",
        trigger: twoHosts,
        message: /^"nextauth" runs all 3 replicas on host "a"; let it run on more of the project's 2 hosts/,
      },
      {
        name: 'listed on one host explicitly',
        trigger: onHosts(threeHosts, 'nextauth', 'c'),
        message: /runs all 3 replicas on host "c"/,
      },
    ],
    quiet: [
      ['no declared hosts', ha],
      ['one declared host', withHosts(ha, 'a')],
      ['nextauth spread over two hosts (Sentinels are NA056’s)', onHosts(twoHosts, 'nextauth', 'a', 'b')],
      ['a single replica', withHosts(manual, 'a', 'b')],
    ],
  },
  NA056: {
    fires: [
      {
        name: 'three Sentinels on one of two hosts',
        trigger: twoHosts,
        message:
          /^"Redis Sentinel" runs 3 Sentinel instances on 1 host \("a"\); .* declare 1 more host and spread them$/,
      },
      {
        name: 'three hosts declared, Sentinels on two of them',
        trigger: onHosts(threeHosts, 'redis-sentinel', 'a', 'b'),
        message: /on 2 hosts \("a", "b"\); .*spread them over three of the hosts/,
      },
    ],
    quiet: [
      ['no declared hosts', ha],
      ['one Sentinel on each of three hosts', onHosts(threeHosts, 'redis-sentinel', 'a', 'b', 'c')],
      ['no Sentinel', withHosts(manual, 'a')],
    ],
  },
  NA057: {
    fires: [
      {
        name: 'one declared host runs every nextauth',
        trigger: withHosts(ha, 'a'),
        message: /^every nextauth instance \(3\) runs on host "a", a single point of failure/,
      },
      {
        name: 'two hosts, nextauth listed on the second only',
        trigger: onHosts(twoHosts, 'nextauth', 'b'),
        message: /runs on host "b"/,
      },
    ],
    quiet: [
      ['no declared hosts', ha],
      ['nextauth on two hosts', onHosts(twoHosts, 'nextauth', 'a', 'b')],
    ],
  },
};

/**
 * NA005 across hosts: a publish that a crossing arrives on, without an address of its own, is bound
 * on the host's private address by the per-host export and not reported; anything else still is.
 * Spread into NA005's table in rules.test.ts.
 */
export const HOST_NA005_QUIET: Project = proxyApartPublished;

export const HOST_NA005_FIRES: Case[] = [
  {
    name: 'across hosts, a port no other host reaches is still reported, alone',
    trigger: publishSame(proxyApartPublished, 'nextauth', 'rest'),
    message: /^"nextauth" publishes host ports \(8888→rest\);/,
  },
  {
    name: 'across hosts, a crossing port bound to every address (0.0.0.0) is reported',
    trigger: updateComponent(proxyApartPublished, 'mgmt' as ComponentId, (c) => ({
      ...c,
      publish: c.publish.map((p) => (p.port === 'idp' ? { ...p, hostIp: '0.0.0.0' } : p)),
    })),
    message: /^"mgmt" publishes host ports \(82→idp\);/,
  },
  {
    name: 'hosts declared, but the proxy and nextauth share one: nothing crosses',
    trigger: publishSame(withHosts(manual, 'a', 'b'), 'nextauth', 'ws'),
    message: /\(8009→ws\)/,
  },
];
