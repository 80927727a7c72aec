import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../shared/export/index';
import { exportKubernetes } from '../../../../../shared/export/kubernetes/index';
import { HOST_NODE_LABEL } from '../../../../../shared/export/kubernetes/placement';
import { componentHostIds } from '../../../../../shared/model/hosts';
import type { Project } from '../../../../../shared/model/types';
import { template } from '../../../../support/fixtures';
import { haOnThreeHosts } from '../../../../support/host-variants';
import { onHosts, withHosts } from '../../../../support/hosts';
import { manifestProblems, manifestsOf, type Obj } from '../../../../support/kubernetes-manifests';

/**
 * Hosts as node pools (issue 16): the nodes of host ID carry `portolan.dev/host=ID`; a pod on one
 * host gets a nodeSelector, one spread over several a required node affinity `In` the ids plus a
 * topology spread over the label, beside the anti-affinity over nodes. README.md says how to label
 * the nodes. Without hosts: nothing new (the goldens hold that byte for byte).
 */

function exported(project: Project) {
  const result = exportKubernetes(project, { random: seededRandom(1) });
  if (!result.ok) throw new Error(`refused: ${result.diagnostics.map((d) => d.rule).join(', ')}`);
  return result;
}
const workloads = (files: Parameters<typeof manifestsOf>[0]): Obj[] =>
  manifestsOf(files, 'base/').filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
const podOf = (files: Parameters<typeof manifestsOf>[0], name: string): Obj =>
  workloads(files).find((o) => o.metadata.name === name)!.spec.template.spec;

describe('the HA template on three hosts', () => {
  const { files } = exported(haOnThreeHosts());

  it('selects the one host of mgmt and Redis by node label', () => {
    expect(podOf(files, 'mgmt').nodeSelector).toEqual({ [HOST_NODE_LABEL]: 'edge' });
    expect(podOf(files, 'redis').nodeSelector).toEqual({ [HOST_NODE_LABEL]: 'app-b' });
    expect(podOf(files, 'redis').affinity).toBeUndefined();
  });

  it('requires nextauth on its three hosts, spreads it over them and keeps the anti-affinity over nodes', () => {
    const pod = podOf(files, 'nextauth');
    expect(pod.nodeSelector).toBeUndefined();
    expect(pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms).toEqual([
      { matchExpressions: [{ key: HOST_NODE_LABEL, operator: 'In', values: ['edge', 'app-b', 'app-c'] }] },
    ]);
    expect(
      pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey,
    ).toBe('kubernetes.io/hostname');
    expect(pod.topologySpreadConstraints).toEqual([
      {
        maxSkew: 1,
        topologyKey: HOST_NODE_LABEL,
        whenUnsatisfiable: 'ScheduleAnyway',
        labelSelector: { matchLabels: { 'app.kubernetes.io/instance': 'nextauth' } },
      },
    ]);
  });

  it('validates every object against the Kubernetes schemas', () => {
    expect(manifestsOf(files, 'base/').flatMap(manifestProblems)).toEqual([]);
  });

  it('tells the operator how to label the nodes of each host', () => {
    const readme = files.find((f) => f.path === 'README.md')!.contents;
    expect(readme).toContain('`kubectl label node NODE portolan.dev/host=HOST`');
    expect(readme).toContain(
      '  - `portolan.dev/host=app-b`: host `App B` (`app-b.internal.example.com` in the drawing), runs `nextauth`, `redis`, `redis-sentinel`.',
    );
    expect(readme).toContain('  - `portolan.dev/host=app-c`: host `App C`, runs `nextauth`, `redis-sentinel`.');
  });
});

describe('without hosts', () => {
  it('places nothing by host label', () => {
    for (const o of workloads(exported(template('ha')).files)) {
      const pod = o.spec.template.spec as Obj;
      expect(pod.nodeSelector).toBeUndefined();
      expect(pod.topologySpreadConstraints).toBeUndefined();
      expect(pod.affinity?.nodeAffinity).toBeUndefined();
    }
    expect(exported(template('ha')).files.find((f) => f.path === 'README.md')!.contents).not.toContain(HOST_NODE_LABEL);
  });
});

describe('random placements on hosts (property)', () => {
  it('place every pod on exactly its drawn hosts, and validate', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 }), {
          minLength: 4,
          maxLength: 4,
        }),
        fc.integer({ min: 1, max: 5 }),
        (placements, replicas) => {
          let p = withHosts(template('ha'), 'a', 'b', 'c');
          p = { ...p, components: p.components.map((c) => (c.id === 'nextauth' ? { ...c, replicas } : c)) };
          ['mgmt', 'nextauth', 'redis', 'redis-sentinel'].forEach((id, i) => (p = onHosts(p, id, ...placements[i]!)));
          const { files, plan } = exported(p);
          expect(manifestsOf(files, 'base/').flatMap(manifestProblems)).toEqual([]);
          for (const o of workloads(files)) {
            const s = plan.services.find((x) => x.name === o.metadata.name)!;
            const ids = componentHostIds(plan.project, s.component);
            const pod = o.spec.template.spec as Obj;
            const allowed: string[] =
              pod.nodeSelector !== undefined
                ? [pod.nodeSelector[HOST_NODE_LABEL]]
                : pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0]
                    .matchExpressions[0].values;
            expect(allowed, o.metadata.name).toEqual([...ids]);
            expect(pod.topologySpreadConstraints !== undefined, o.metadata.name).toBe(ids.length > 1 && s.replicas > 1);
            expect(pod.affinity?.podAntiAffinity !== undefined, o.metadata.name).toBe(s.replicas > 1);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});
