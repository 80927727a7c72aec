import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { seededRandom } from '../../shared/export/index';
import { exportKubernetes } from '../../shared/export/kubernetes/index';
import { saveProject } from '../../shared/format/index';
import type { Project, ProxyFlavour } from '../../shared/model/types';
import { TEMPLATE_IDS, type TemplateId } from '../../shared/templates/index';
import { haOnThreeHosts } from '../support/host-variants';
import { template } from '../support/fixtures';
import { manifestProblems, type Obj } from '../support/kubernetes-manifests';
import { needTool } from '../support/tools';

/*
 * The Kubernetes export as an operator uses it: `kubectl kustomize` (Debian's kubernetes-client,
 * kustomize v5) builds the base and the production overlay of every template; what it builds
 * validates, and the overlay's patches land. And `portolan export --target kubernetes` writes the
 * same files from the command line, with the compose export's folder safety.
 */

const KUBECTL = 'kubectl';
const need = needTool(KUBECTL, 'building the Kubernetes export with kustomize');

/**
 * The overlay uses kustomize's `patches:` (its predecessors print deprecation warnings in
 * kustomize v5). kubectl embeds kustomize v4 or later from 1.21 on; Debian bookworm's
 * kubernetes-client is 1.20 (kustomize v2.0.3), which builds the base but not such an overlay,
 * so there the overlay check says it skipped.
 */
function modernKustomize(): boolean {
  const r = spawnSync(KUBECTL, ['version', '--client'], { encoding: 'utf8', timeout: 20_000 });
  const text = `${r.stdout}${r.stderr}`;
  const kustomize = /Kustomize Version: v(\d+)\./.exec(text);
  if (kustomize) return Number(kustomize[1]) >= 4;
  const minor = /(?:Minor:"|v1\.)(\d+)/.exec(text);
  return minor !== null && Number(minor[1]) >= 21;
}
const overlayBuilds = !need.skip && modernKustomize();
if (!need.skip && !overlayBuilds)
  console.warn('[skip] kubectl embeds a kustomize older than v4: the overlay (patches:) is not built; the base is.');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'portolan-kubernetes-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeExport(project: Project, name: string, proxy?: ProxyFlavour): string {
  const result = exportKubernetes(project, { random: seededRandom(1), ...(proxy ? { proxy } : {}) });
  if (!result.ok) throw new Error('refused');
  const root = join(dir, name);
  for (const f of result.files) {
    mkdirSync(dirname(join(root, f.path)), { recursive: true });
    writeFileSync(join(root, f.path), f.contents, { mode: f.mode });
  }
  return root;
}

function kustomize(folder: string): Obj[] {
  const r = spawnSync(KUBECTL, ['kustomize', folder], { encoding: 'utf8', timeout: 60_000 });
  expect(r.stderr, `kubectl kustomize ${folder}`).toBe('');
  expect(r.status).toBe(0);
  return parseAllDocuments(r.stdout).map((d) => d.toJS() as Obj);
}

const CASES: readonly [TemplateId, ProxyFlavour | undefined][] = [
  ...TEMPLATE_IDS.map((id) => [id, undefined] as [TemplateId, undefined]),
  ['manual', 'traefik'],
  ['ha', 'traefik'],
];

describe.skipIf(need.skip)('kubectl kustomize', () => {
  it.each(CASES)('builds the base and the overlay of the %s template (proxy %s)', (id, proxy) => {
    const root = writeExport(template(id), `${id}-${proxy ?? 'own'}`, proxy);
    const base = kustomize(join(root, 'base'));
    for (const o of base) expect(manifestProblems(o)).toEqual([]);
    if (!overlayBuilds) return;
    const overlay = kustomize(join(root, 'overlays/production'));
    expect(base.length).toBeGreaterThan(8);
    expect(overlay.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(base.map((o) => `${o.kind}/${o.metadata.name}`));
    const namespace = base.find((o) => o.kind === 'Namespace')!.metadata.name;
    for (const o of [...base, ...overlay]) {
      expect(manifestProblems(o)).toEqual([]);
      if (o.kind !== 'Namespace') expect(o.metadata.namespace, `${o.kind}/${o.metadata.name}`).toBe(namespace);
    }
    // The overlay's patch and image pin land on the nextauth Deployment.
    const nextauth = overlay.find((o) => o.kind === 'Deployment' && o.metadata.name === 'nextauth')!;
    const drawn = template(id).components.find((c) => c.id === 'nextauth')!;
    expect(nextauth.spec.replicas).toBe(drawn.replicas);
    expect(nextauth.spec.template.spec.containers[0].image).toBe('nextauth:latest');
    // Secrets are not built from the base: only referenced.
    expect(base.filter((o) => o.kind === 'Secret')).toEqual([]);
  });

  it('builds the base of the HA template on three hosts, its node placement intact', () => {
    const root = writeExport(haOnThreeHosts(), 'hosts-ha');
    const base = kustomize(join(root, 'base'));
    for (const o of base) expect(manifestProblems(o)).toEqual([]);
    const pod = (name: string) => base.find((o) => o.metadata.name === name && o.spec?.template)!.spec.template.spec;
    expect(pod('mgmt').nodeSelector).toEqual({ 'portolan.dev/host': 'edge' });
    expect(pod('nextauth').affinity.nodeAffinity).toBeDefined();
  });

  it.skipIf(!overlayBuilds)('builds an overlay whose patches an operator changed', () => {
    const root = writeExport(template('ha'), 'ha-patched');
    const overlayFile = join(root, 'overlays/production/kustomization.yaml');
    writeFileSync(overlayFile, readFileSync(overlayFile, 'utf8').replaceAll('newTag: latest', 'newTag: "4.2.0"'));
    writeFileSync(
      join(root, 'overlays/production/replicas.yaml'),
      readFileSync(join(root, 'overlays/production/replicas.yaml'), 'utf8').replace('replicas: 3', 'replicas: 5'),
    );
    const nextauth = kustomize(join(root, 'overlays/production')).find(
      (o) => o.kind === 'Deployment' && o.metadata.name === 'nextauth',
    )!;
    expect(nextauth.spec.replicas).toBe(5);
    expect(nextauth.spec.template.spec.containers[0].image).toBe('nextauth:4.2.0');
  });
});

describe('portolan export --target kubernetes', () => {
  const BIN = resolve('bin/portolan.mjs');
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  beforeAll(() => {
    if (!existsSync(resolve('out/cli/portolan.js')))
      throw new Error('out/cli is missing: run `npm run build:cli` before the CLI tests');
    writeFileSync(join(dir, 'ha.portolan.yaml'), saveProject(template('ha')));
  });

  it('writes the base, the overlay and secrets/ (the Secret readable by the owner only)', () => {
    const r = run('export', 'ha.portolan.yaml', '--out', 'k8s', '--target', 'kubernetes');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('base/kustomization.yaml\n');
    expect(r.out).toMatch(
      /exported \d+ files to k8s \(kubernetes, namespace nextauth-high-availability; .*see README\.md\)/,
    );
    expect(statSync(join(dir, 'k8s/secrets/secret.yaml')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'k8s/secrets/apply.sh')).mode & 0o777).toBe(0o755);
    expect(existsSync(join(dir, 'k8s/docker-compose.yml'))).toBe(false);
    // The script the operator runs parses as POSIX sh.
    const syntax = spawnSync('sh', ['-n', join(dir, 'k8s/secrets/apply.sh')], { encoding: 'utf8' });
    expect(syntax.stderr).toBe('');
    expect(syntax.status).toBe(0);
  });

  it("refuses to replace an earlier export without --overwrite, and keeps the operator's Secret values with it", () => {
    const again = run('export', 'ha.portolan.yaml', '--out', 'k8s', '--target', 'kubernetes');
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/refusing to overwrite/);
    const secret = join(dir, 'k8s/secrets/secret.yaml');
    const filled = readFileSync(secret, 'utf8').replace('NEXTAUTH_LICENSE: ""', 'NEXTAUTH_LICENSE: the-real-license');
    writeFileSync(secret, filled.replace(/\n {2}MYSQL_PASSWORD: ""\n/, '\n'));
    const r = run('export', 'ha.portolan.yaml', '--out', 'k8s', '--target', 'kubernetes', '--overwrite');
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "secrets/secret.yaml kept: its values are the operator's; add the keys this export adds: MYSQL_PASSWORD",
    );
    expect(readFileSync(secret, 'utf8')).toContain('NEXTAUTH_LICENSE: the-real-license');
  });

  it('rejects an unknown target', () => {
    const r = run('export', 'ha.portolan.yaml', '--out', 'x', '--target', 'swarm-ish');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--target/);
  });
});
