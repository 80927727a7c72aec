import type { Project } from '../../../../shared/model/index';
import { patchComponent, template } from '../../../support/fixtures';
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
