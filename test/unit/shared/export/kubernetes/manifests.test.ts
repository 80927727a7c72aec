import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../shared/export/index';
import { exportKubernetes, type KubernetesOptions } from '../../../../../shared/export/kubernetes/index';
import type { ExportFile } from '../../../../../shared/export/types';
import type { Project, ProxyFlavour } from '../../../../../shared/model/types';
import { TEMPLATE_IDS } from '../../../../../shared/templates/index';
import { arbitraryHostileProject, arbitraryProject } from '../../../../support/arbitraries';
import { deployments } from '../../../../support/deployments';
import { template } from '../../../../support/fixtures';
import { manifestProblems, manifestsOf, type Obj } from '../../../../support/kubernetes-manifests';

/*
 * Every object of the Kubernetes export validates against the Kubernetes v1.33 OpenAPI schemas
 * (kubernetes-models 4.5.1) and the API server's name, label and port-name formats — for the
 * three templates with every proxy flavour, and for random projects.
 */

const FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];

function exported(project: Project, options: Partial<KubernetesOptions> = {}): readonly ExportFile[] {
  const result = exportKubernetes(project, { random: seededRandom(1), ...options });
  if (!result.ok) throw new Error(`refused: ${result.diagnostics.map((d) => d.rule).join(', ')}`);
  return result.files;
}

function problemsOf(files: readonly ExportFile[]): string[] {
  return [...manifestsOf(files, 'base/'), ...manifestsOf(files, 'secrets/')].flatMap(manifestProblems);
}

describe.each(TEMPLATE_IDS.flatMap((id) => FLAVOURS.map((f) => [id, f] as const)))(
  'the %s template with %s',
  (id, flavour) => {
    const files = exported(template(id), { proxy: flavour });
    const base = manifestsOf(files, 'base/');

    it('validates every object against the Kubernetes schemas', () => {
      expect(base.length).toBeGreaterThan(5);
      expect(problemsOf(files)).toEqual([]);
    });

    it('lists every base file in base/kustomization.yaml, and nothing else', () => {
      const kustomization = files.find((f) => f.path === 'base/kustomization.yaml')!.contents;
      const listed = [...kustomization.matchAll(/^ {2}- (.+)$/gm)].map((m) => `base/${m[1]}`).sort();
      const present = files
        .filter((f) => f.path.startsWith('base/') && f.path !== 'base/kustomization.yaml')
        .map((f) => f.path);
      expect(listed).toEqual(present.sort());
    });

    it('keeps every secret out of the base: workloads read them from a Secret the base does not hold', () => {
      expect(base.filter((o) => o.kind === 'Secret')).toEqual([]);
      const secret = manifestsOf(files, 'secrets/').find((o) => o.kind === 'Secret')!;
      const values = Object.values(secret.stringData as Record<string, string>).filter((v) => v.length >= 16);
      expect(values.length).toBeGreaterThan(0);
      for (const f of files.filter((f) => !f.path.startsWith('secrets/')))
        for (const v of values) expect(f.contents, `${f.path} holds a secret value`).not.toContain(v);
      expect(files.find((f) => f.path === 'secrets/secret.yaml')!.mode).toBe(0o600);
      const refs = base.flatMap((o) =>
        ((o.spec?.template?.spec?.containers ?? []) as Obj[]).flatMap((c) =>
          ((c.env ?? []) as Obj[]).flatMap((e) => (e.valueFrom ? [e.valueFrom.secretKeyRef] : [])),
        ),
      );
      expect(refs.length).toBeGreaterThan(0);
      for (const r of refs) {
        expect(r.name).toBe(secret.metadata.name);
        expect(Object.keys(secret.stringData)).toContain(r.key);
      }
    });

    it('carries exactly the drawn routes: one backend per route, on the routed port', () => {
      const project = template(id);
      const drawn = project.routes.map((r) => `${r.host.toLowerCase()}${r.path}`).sort();
      const written = base.flatMap((o) =>
        o.kind === 'Ingress'
          ? (o.spec.rules as Obj[]).flatMap((r) => (r.http.paths as Obj[]).map((p) => `${r.host}${p.path}`))
          : o.kind === 'IngressRoute'
            ? (o.spec.routes as Obj[]).map((r) => {
                const m = /^Host\(`([^`]+)`\)(?: && PathPrefix\(`([^`]+)`\))?$/.exec(r.match)!;
                return `${m[1]}${m[2] ?? '/'}`;
              })
            : [],
      );
      expect(written.sort()).toEqual(drawn);
      expect(
        base.some((o) => o.kind === (flavour === 'traefik' && id !== 'default' ? 'IngressRoute' : 'Ingress')),
      ).toBe(true);
    });

    it('spreads replicas: a PodDisruptionBudget and anti-affinity exactly where replicas > 1', () => {
      const workloads = base.filter((o) => o.kind === 'Deployment' || o.kind === 'StatefulSet');
      const budgets = new Set(base.filter((o) => o.kind === 'PodDisruptionBudget').map((o) => o.metadata.name));
      for (const w of workloads) {
        const many = w.spec.replicas > 1;
        expect(budgets.has(w.metadata.name), w.metadata.name).toBe(many);
        expect(w.spec.template.spec.affinity?.podAntiAffinity !== undefined, w.metadata.name).toBe(many);
      }
      if (id === 'ha') expect(budgets.size).toBeGreaterThan(0);
    });

    it('runs a database or Redis of the deployment as a StatefulSet with a volume claim', () => {
      const stateful = base.filter((o) => o.kind === 'StatefulSet');
      const kinds = stateful.map((o) => o.metadata.labels['app.kubernetes.io/name']).sort();
      const expected = template(id)
        .components.filter((c) => (c.kind === 'database' || c.kind === 'redis') && c.properties.external !== true)
        .map((c) => c.kind)
        .sort();
      expect(kinds).toEqual(expected);
      for (const s of stateful) expect(s.spec.volumeClaimTemplates).toHaveLength(1);
    });
  },
);

describe('random projects', () => {
  it('validate against the schemas, with any proxy flavour (property)', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.oneof(deployments, arbitraryProject, arbitraryHostileProject),
        fc.constantFrom(undefined, ...FLAVOURS),
        (project, proxy) => {
          const result = exportKubernetes(project, { random: seededRandom(7), ...(proxy ? { proxy } : {}) });
          if (!result.ok) return; // refused for unsafe values, as the compose export is
          checked++;
          expect(problemsOf(result.files)).toEqual([]);
        },
      ),
      { numRuns: 90 },
    );
    // Most random projects export (only unsafe values are refused): the property checked something.
    expect(checked).toBeGreaterThan(20);
  });

  it('are byte-stable for the same project and random source', () => {
    fc.assert(
      fc.property(deployments, (project) => {
        const a = exportKubernetes(project, { random: seededRandom(3) });
        const b = exportKubernetes(project, { random: seededRandom(3) });
        expect(a).toEqual(b);
      }),
      { numRuns: 15 },
    );
  });
});

describe('the manifest validation', () => {
  // The check must be able to fail: objects the API server would refuse are reported.
  it('reports a schema error, a bad name and a bad port name', () => {
    const files = exported(template('manual'));
    const [first] = manifestsOf(files, 'base/').filter((o) => o.kind === 'Deployment');
    const broken: Obj = structuredClone(first!);
    broken.spec.replicas = 'three';
    expect(manifestProblems(broken).join('\n')).toMatch(/replicas/);
    const badName: Obj = { ...structuredClone(first!), metadata: { name: 'Not_A_Name' } };
    expect(manifestProblems(badName).join('\n')).toMatch(/invalid name/);
    const badPort: Obj = structuredClone(first!);
    badPort.spec.template.spec.containers[0].ports = [{ name: 'much-too-long-port-name', containerPort: 1 }];
    expect(manifestProblems(badPort).join('\n')).toMatch(/port name/);
  });
});
