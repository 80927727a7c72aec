import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import { exportKubernetes } from '../../../../shared/export/kubernetes/index';
import { DEFAULT_TARGET, EXPORT_TARGETS, exportTarget } from '../../../../shared/export/targets';
import { patchComponent, setEnv, template } from '../../../support/fixtures';

const target = (id: string) => {
  const t = exportTarget(id);
  if (!t) throw new Error(`no target ${id}`);
  return t;
};

describe('the export target registry', () => {
  it('lists compose first (the default) and Kubernetes, with unique ids and what an operator needs', () => {
    expect(EXPORT_TARGETS[0]!.id).toBe(DEFAULT_TARGET);
    expect(EXPORT_TARGETS.map((t) => t.id)).toEqual(expect.arrayContaining(['compose', 'kubernetes']));
    expect(new Set(EXPORT_TARGETS.map((t) => t.id)).size).toBe(EXPORT_TARGETS.length);
    for (const t of EXPORT_TARGETS) {
      expect(t.label.trim()).not.toBe('');
      expect(t.description.trim()).not.toBe('');
      expect(t.nextSteps.length).toBeGreaterThan(0);
    }
    expect(target('kubernetes').nextSteps).toEqual(['sh secrets/apply.sh', 'kubectl apply -k overlays/production']);
  });

  it('finds a target only by its exact id: anything read from storage or a command line is checked', () => {
    for (const hostile of ['Compose', ' compose', 'toString', '__proto__', '', null, undefined, 0, {}, ['compose']])
      expect(exportTarget(hostile)).toBeUndefined();
  });

  it('gives each exporter’s files unchanged, byte for byte', () => {
    const p = template('ha');
    const compose = target('compose').run(p, { random: seededRandom(7) });
    const direct = exportProject(p, { random: seededRandom(7) });
    expect(compose.ok && direct.ok).toBe(true);
    if (compose.ok && direct.ok) {
      expect(compose.files).toEqual(direct.files);
      expect(compose.diagnostics).toEqual(direct.diagnostics);
      expect(compose.summary).toMatch(/ proxy$/);
    }
    const k8s = target('kubernetes').run(p, { random: seededRandom(7), namespace: 'Auth Prod' });
    const k8sDirect = exportKubernetes(p, { random: seededRandom(7), namespace: 'Auth Prod' });
    expect(k8s.ok && k8sDirect.ok).toBe(true);
    if (k8s.ok && k8sDirect.ok) {
      expect(k8s.files).toEqual(k8sDirect.files);
      expect(k8s.summary).toBe(`kubernetes, namespace ${k8sDirect.namespace}`);
      expect(k8s.files.map((f) => f.path)).toContain('base/kustomization.yaml');
      // The Secret never lands in the base, and keeps its private mode.
      expect(k8s.files.find((f) => f.path === 'secrets/secret.yaml')?.mode).toBe(0o600);
    }
  });

  it('passes each target only the options it reads', () => {
    const p = template('manual'); // terminates TLS, so compose writes the certificate folder
    // A compose certificate folder means nothing to Kubernetes: the export is the one without it.
    const withDir = target('kubernetes').run(p, { random: seededRandom(3), certDir: '/srv/certs' });
    const without = target('kubernetes').run(p, { random: seededRandom(3) });
    expect(withDir.ok && without.ok && withDir.files).toEqual(without.ok && without.files);
    // …and a namespace means nothing to compose.
    const named = target('compose').run(p, { random: seededRandom(3), namespace: 'elsewhere' });
    expect(named.ok && named.files.some((f) => f.contents.includes('elsewhere'))).toBe(false);
    // The compose target does pass the certificate folder on.
    const certs = target('compose').run(p, { random: seededRandom(3), certDir: '/srv/certs' });
    expect(certs.ok && certs.files.some((f) => f.contents.includes('/srv/certs'))).toBe(true);
    expect(target('kubernetes').uses.has('certDir')).toBe(false);
    expect(target('compose').uses.has('certDir')).toBe(true);
  });

  it('refuses, on every target, values that could break out of their place', () => {
    const p = setEnv(patchComponent(template('default'), 'redis', { name: 'evil\nname' }), 'nextauth', 'X', 'a\nb');
    for (const t of EXPORT_TARGETS) {
      const result = t.run(p, { random: seededRandom(1) });
      expect(result.ok, t.id).toBe(false);
      expect(result.diagnostics.length, t.id).toBeGreaterThan(0);
      expect(result.diagnostics.every((d) => d.severity === 'error')).toBe(true);
    }
  });
});

describe('what the editor reads from a target', () => {
  it('offers Kubernetes the two ingress controllers it writes for, and keeps its Secret on re-export', () => {
    const k8s = target('kubernetes');
    expect(k8s.flavours?.map((f) => f.id)).toEqual(['nginx', 'traefik']);
    expect(k8s.keep).toBe('secrets/secret.yaml');
    const files = k8s.run(template('default'), { random: seededRandom(2) });
    expect(files.ok && files.files.some((f) => f.path === k8s.keep)).toBe(true);
    // HAProxy has no controller here: it gives exactly the ingress-nginx files.
    const haproxy = k8s.run(template('ha'), { random: seededRandom(2), proxy: 'haproxy' });
    const nginx = k8s.run(template('ha'), { random: seededRandom(2), proxy: 'nginx' });
    expect(haproxy.ok && nginx.ok && haproxy.files).toEqual(nginx.ok && nginx.files);
  });
});
