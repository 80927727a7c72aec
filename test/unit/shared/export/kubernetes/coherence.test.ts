/**
 * The one-truth property for Kubernetes (issue 16 item 4): a project the checker reports no
 * errors for exports manifests whose every connection value, Ingress backend and Sentinel
 * monitor leads to the drawn target's pods on a port they declare, with nothing drawn missing —
 * read from the written YAML (test/support/kubernetes-coherence.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDeployed } from '../../../../../shared/catalog/index';
import { seededRandom } from '../../../../../shared/export/index';
import { exportKubernetes } from '../../../../../shared/export/kubernetes/index';
import type { DeploymentPlan } from '../../../../../shared/export/plan';
import type { ExportFile } from '../../../../../shared/export/types';
import type { Project, ProxyFlavour } from '../../../../../shared/model/types';
import { checkProject } from '../../../../../shared/rules/engine';
import { TEMPLATE_IDS } from '../../../../../shared/templates/index';
import { arbitraryProject } from '../../../../support/arbitraries';
import { deployments, fixErrors, PROXY_FLAVOURS } from '../../../../support/deployments';
import { template } from '../../../../support/fixtures';
import {
  addressesIn,
  expandEnv,
  kubernetesCoherence,
  type CoherenceTally,
} from '../../../../support/kubernetes-coherence';

const SEED = Number(process.env.COHERENCE_SEED ?? 0x6b38);

function exported(project: Project, proxy?: ProxyFlavour): { files: readonly ExportFile[]; project: Project } {
  const result = exportKubernetes(project, { random: seededRandom(1), ...(proxy ? { proxy } : {}) });
  if (!result.ok) throw new Error(`refused: ${result.diagnostics.map((d) => d.rule).join(', ')}`);
  return { files: result.files, project: result.plan.project };
}

/**
 * Connection values typed in the project whose target the export renamed (`sql_1` → `sql-1`): the
 * export rewrites their host to the new name (renamed-project.ts) and notes it in README.md
 * (renamed-overrides.ts); they must connect like every other value.
 */
function typedOverrides(
  original: Project,
  plan: DeploymentPlan,
): { source: string; variable: string; target: string }[] {
  // kubernetesNames renames in project order, so the components line up by index.
  const originalId = new Map(
    plan.project.components.map((c, i) => [c.id as string, original.components[i]!.id as string]),
  );
  return plan.connections
    .filter((c) => c.override !== undefined && isDeployed(c.target) && originalId.get(c.target.id) !== c.target.id)
    .map((c) => ({ source: c.source.id, variable: c.variable, target: c.target.id }));
}

const newTally = (): CoherenceTally => ({ values: 0, monitors: 0, backends: 0, links: 0 });

describe.each(TEMPLATE_IDS.flatMap((id) => PROXY_FLAVOURS.map((f) => [id, f] as const)))(
  'the %s template with %s',
  (id, flavour) => {
    it('connects exactly as drawn', () => {
      const { files, project } = exported(template(id), flavour);
      const tally = newTally();
      expect(kubernetesCoherence(files, project, tally)).toEqual([]);
      // The check followed something: connection values, routes and the drawn links.
      expect(tally.values).toBeGreaterThan(0);
      expect(tally.backends).toBe(project.routes.length);
      expect(tally.links).toBeGreaterThan(0);
      if (id === 'ha') expect(tally.monitors).toBeGreaterThan(0);
    });
  },
);

describe('random projects without checker errors', () => {
  it('connect exactly as drawn (property)', () => {
    let checked = 0;
    let skipped = 0;
    let noted = 0;
    const tally = newTally();
    fc.assert(
      fc.property(
        fc.oneof(
          deployments,
          deployments.map((p) => fixErrors(p)),
          arbitraryProject,
        ),
        fc.constantFrom(...PROXY_FLAVOURS),
        (project, proxy) => {
          if (checkProject(project).some((d) => d.severity === 'error')) {
            skipped++;
            return;
          }
          const result = exportKubernetes(project, { random: seededRandom(SEED), proxy });
          expect(result.ok).toBe(true);
          if (!result.ok) return;
          checked++;
          const typed = typedOverrides(project, result.plan);
          noted += typed.length;
          const readme = result.files.find((f) => f.path === 'README.md')!.contents;
          for (const t of typed) expect(readme).toContain(`${t.variable} of \`${t.source}\` is typed in the project`);
          expect(kubernetesCoherence(result.files, result.plan.project, tally)).toEqual([]);
        },
      ),
      { numRuns: 300, seed: SEED },
    );
    // Random projects mostly carry errors; enough valid ones must still be checked, and with substance.
    expect(checked, `checked ${checked}, skipped ${skipped}, typed values renamed ${noted}`).toBeGreaterThanOrEqual(80);
    expect(tally.values).toBeGreaterThan(checked);
    // Some of them typed a connection to a component the export renamed: those connect too.
    expect(noted).toBeGreaterThan(0);
    expect(tally.links).toBeGreaterThan(0);
  });
});

describe('the coherence check', () => {
  const base = () => exported(template('default'), 'nginx');
  const edit = (files: readonly ExportFile[], path: string, from: string | RegExp, to: string): ExportFile[] =>
    files.map((f) => {
      if (f.path !== path) return f;
      const contents = f.contents.replace(from, to);
      if (contents === f.contents) throw new Error(`${String(from)} not in ${path}`);
      return { ...f, contents };
    });

  it('reports a Service port that no longer matches the URI', () => {
    const { files, project } = base();
    const broken = edit(files, 'base/mysql.yaml', /port: 3306\n/, 'port: 3307\n');
    expect(kubernetesCoherence(broken, project).join('\n')).toMatch(/mysql.*exposes no port 3306/);
  });

  it('reports a drawn link with a built-in address whose Service lost the port', () => {
    const { files, project } = base();
    const broken = edit(files, 'base/nextauth.yaml', /port: 8888\n/, 'port: 8880\n');
    expect(kubernetesCoherence(broken, project).join('\n')).toMatch(
      /mgmt is drawn connected to nextauth \(rest\): Service nextauth exposes no port 8888/,
    );
  });

  it('reports a targetPort the container does not declare', () => {
    const { files, project } = base();
    const broken = edit(files, 'base/redis.yaml', /targetPort: redis/, 'targetPort: rediss');
    expect(kubernetesCoherence(broken, project).join('\n')).toMatch(/targets rediss, which redis does not declare/);
  });

  it('reports a URI naming another host, and the drawn link it leaves unconnected', () => {
    const { files, project } = base();
    const broken = edit(files, 'base/nextauth.yaml', /@mysql:3306/, '@redis:6379');
    const problems = kubernetesCoherence(broken, project).join('\n');
    expect(problems).toMatch(/mysql:\/\/ reaches redis/);
    expect(problems).toMatch(/nextauth is drawn connected to mysql \(db\), but no value of it reaches mysql/);
  });

  it('reports a Service selecting the wrong pods, and a route no backend carries', () => {
    const { files, project } = base();
    const selector = edit(
      files,
      'base/redis.yaml',
      /selector:\n {4}app.kubernetes.io\/instance: redis/,
      'selector:\n    app.kubernetes.io/instance: mysql',
    );
    expect(kubernetesCoherence(selector, project).join('\n')).toMatch(/Service redis selects|redis port 6379 targets/);
    const route = edit(files, 'base/ingress.yaml', /- host: [^\n]+\n/, '- host: elsewhere.example.com\n');
    const problems = kubernetesCoherence(route, project).join('\n');
    expect(problems).toMatch(/the drawn route .* has no backend/);
    expect(problems).toMatch(/a backend elsewhere\.example\.com\/ .* is no drawn route/);
  });

  it('reports a Sentinel monitoring something other than the drawn Redis', () => {
    const { files, project } = exported(template('ha'), 'nginx');
    const broken = edit(
      files,
      'base/redis-sentinel.yaml',
      'monitor nextauth redis 6379',
      'monitor nextauth redis 6380',
    );
    expect(kubernetesCoherence(broken, project).join('\n')).toMatch(
      /sentinel monitor = redis 6380: Service redis exposes no port 6380/,
    );
  });

  it('expands $(…) as the kubelet does and reads host lists', () => {
    const defined = new Map([['A', 'x$y']]);
    expect(expandEnv('p=$(A)/$(B)/$$(A)', defined)).toBe('p=x$y/$(B)/$(A)');
    expect(addressesIn('redis-sentinel://u:p@s1:26379,s2/master')).toEqual([
      { scheme: 'redis-sentinel', host: 's1', port: 26379, path: 'master' },
      { scheme: 'redis-sentinel', host: 's2', port: 26379, path: 'master' },
    ]);
    expect(addressesIn('db:5432,cache:6379')).toEqual([
      { host: 'db', port: 5432 },
      { host: 'cache', port: 6379 },
    ]);
    expect(addressesIn('plain text')).toEqual([]);
  });
});
