import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../shared/export/index';
import { spreadLimitOf } from '../../../../../shared/export/swarm/hosts';
import { exportSwarm } from '../../../../../shared/export/swarm/index';
import { startsFirst } from '../../../../../shared/export/swarm/service';
import { componentHostIds, instancesOn } from '../../../../../shared/model/hosts';
import type { Project } from '../../../../../shared/model/types';
import { template } from '../../../../support/fixtures';
import { haOnThreeHosts } from '../../../../support/host-variants';
import { onHosts, withHosts } from '../../../../support/hosts';
import { composeSchema, fileOf } from '../../../../support/swarm-stack';

/**
 * Swarm placement over the drawn hosts (issue 16): one host → a `node.labels.portolan.host`
 * constraint; several → a spread preference and, where it cannot block a rolling update,
 * `max_replicas_per_node`; README.md's `--label-add` line per host. Without hosts: nothing new
 * (the goldens hold that byte for byte).
 */

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function exported(project: Project) {
  const result = exportSwarm(project, { random: seededRandom(1) });
  if (!result.ok) throw new Error(`refused: ${result.diagnostics.map((d) => d.rule).join(', ')}`);
  return { ...result, doc: parse(fileOf(result.files, 'stack.yml')) as Obj };
}

const HOST = 'node.labels.portolan.host';

describe('the HA template on three hosts', () => {
  const { files, doc, stack } = exported(haOnThreeHosts());
  const placement = (name: string): Obj | undefined => doc.services[name].deploy.placement;

  it('constrains each component drawn on one host to that host, and spreads no service pinned to one', () => {
    expect(placement('mgmt')).toEqual({ constraints: [`${HOST} == edge`] });
    expect(placement('lb')!.constraints).toEqual([`node.labels.${stack}.edge == true`, `${HOST} == edge`]);
    expect(placement('redis')!.constraints).toEqual([`node.labels.${stack}.data.redis == true`, `${HOST} == app-b`]);
  });

  it('gives a component on several hosts no constraint, a spread over the host label, and no cap an update would hit', () => {
    // 3 replicas on 3 hosts, started first on update: a cap of 1 per node would leave the new task nowhere.
    expect(placement('nextauth')).toEqual({ preferences: [{ spread: HOST }] });
    expect(placement('redis-sentinel')).toEqual({ preferences: [{ spread: HOST }] });
  });

  it('validates against the compose schema', () => {
    const validate = composeSchema();
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('tells the operator which node to label for each host, by its address', () => {
    const readme = fileOf(files, 'README.md');
    expect(readme).toContain(
      '`docker node update --label-add portolan.host=edge NODE`: the node at 10.0.1.1, host "edge" of the drawing (runs lb, nextauth, mgmt, redis-sentinel).',
    );
    expect(readme).toContain('portolan.host=app-b NODE`: the node at app-b.internal.example.com, host "App B"');
    expect(readme).toContain('portolan.host=app-c NODE`: its node (the drawing gives no address), host "App C"');
    // Each label once.
    expect(readme.match(/portolan\.host=edge/g)).toHaveLength(1);
  });
});

describe('max_replicas_per_node', () => {
  const withNextauth = (replicas: number, ...hosts: string[]) => {
    const p = onHosts(withHosts(template('ha'), 'a', 'b', 'c'), 'nextauth', ...hosts);
    return { ...p, components: p.components.map((c) => (c.id === 'nextauth' ? { ...c, replicas } : c)) };
  };
  const nextauthPlacement = (p: Project) => exported(p).doc.services.nextauth.deploy.placement as Obj;

  it('caps at the most replicas the drawing puts on one host when an update still finds a free slot', () => {
    expect(nextauthPlacement(withNextauth(4, 'a', 'b', 'c')).max_replicas_per_node).toBe(2);
    expect(nextauthPlacement(withNextauth(3, 'a', 'b')).max_replicas_per_node).toBe(2);
  });

  it('leaves it out when the hosts divide the replicas evenly (a start-first update would wait forever)', () => {
    expect(nextauthPlacement(withNextauth(2, 'a', 'b'))).toEqual({ preferences: [{ spread: HOST }] });
    expect(nextauthPlacement(withNextauth(6, 'a', 'b', 'c')).max_replicas_per_node).toBeUndefined();
  });

  it('caps a stop-first service even when the hosts divide its replicas evenly', () => {
    const p = withNextauth(2, 'a', 'b');
    const { plan } = exported(p);
    const nextauth = plan.services.find((s) => s.name === 'nextauth')!;
    const withVolume = { ...nextauth, volumes: [{ volume: 'data', target: '/data' }] } as typeof nextauth;
    expect(startsFirst(withVolume)).toBe(false);
    expect(spreadLimitOf(plan.project)!(withVolume)).toBe(1);
    expect(spreadLimitOf(plan.project)!(nextauth)).toBeUndefined();
  });

  it('is never derived for a project without hosts', () => {
    expect(spreadLimitOf(template('ha'))).toBeUndefined();
  });
});

describe('random placements on hosts (property)', () => {
  it('pin one-host components, spread the others, cap only where every replica and an update fit, and validate', () => {
    const validate = composeSchema();
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 }), {
          minLength: 4,
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 7 }),
        (placements, replicas) => {
          let p = withHosts(template('ha'), 'a', 'b', 'c');
          p = { ...p, components: p.components.map((c) => (c.id === 'nextauth' ? { ...c, replicas } : c)) };
          ['lb', 'nextauth', 'redis', 'redis-sentinel'].forEach((id, i) => (p = onHosts(p, id, ...placements[i]!)));
          const { doc, plan } = exported(p);
          expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
          for (const s of plan.services) {
            const ids = componentHostIds(plan.project, s.component);
            const placed = (doc.services[s.name].deploy.placement ?? {}) as Obj;
            const pinned = ((placed.constraints ?? []) as string[]).filter((x) => x.startsWith(`${HOST} ==`));
            expect(pinned, s.name).toEqual(ids.length === 1 ? [`${HOST} == ${ids[0]}`] : []);
            const cap = placed.max_replicas_per_node as number | undefined;
            if (cap === undefined) continue;
            expect(ids.length).toBeGreaterThan(1);
            // One node per host: every replica fits, and a start-first update finds one slot more.
            expect(cap * ids.length).toBeGreaterThanOrEqual(s.replicas + (startsFirst(s) ? 1 : 0));
            for (const id of ids) expect(instancesOn(plan.project, s.component, id)).toBeLessThanOrEqual(cap);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
