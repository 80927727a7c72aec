/**
 * The preview hides the secrets of every target: compose's `.env` (export-mask.test.ts), the
 * Kubernetes Secret manifest, and any private file of a format the dialog does not know.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../shared/export/index';
import { exportTarget } from '../../../shared/export/targets';
import { dotenvSecrets, MASK, maskSecretManifest, previewMask } from '../../../renderer/src/export/mask';
import { template } from '../../support/fixtures';

const noSecretNames = () => false;

describe('the Kubernetes Secret in the preview', () => {
  for (const id of ['default', 'manual', 'ha'] as const)
    it(`shows no generated value of the ${id} template, and every key and empty input`, () => {
      const project = template(id);
      const result = exportTarget('kubernetes')!.run(project, { random: seededRandom(9) });
      if (!result.ok) throw new Error('refused');
      const secret = result.files.find((f) => f.path === 'secrets/secret.yaml')!;
      const mask = previewMask(secret, dotenvSecrets(project));
      expect(mask).not.toBeNull();
      const shown = mask!(secret.contents);
      // Every generated value (32 characters of the random source) is gone, every key is there.
      const values = [...secret.contents.matchAll(/^ {2}[A-Z_0-9]+: "?([A-Za-z0-9]{16,})"?$/gm)].map((m) => m[1]!);
      expect(values.length).toBeGreaterThan(0);
      for (const v of values) expect(shown).not.toContain(v);
      const keys = (text: string) => [...text.matchAll(/^ {2}([A-Z_0-9]+):/gm)].map((m) => m[1]);
      expect(keys(shown)).toEqual(keys(secret.contents));
      expect(shown.split('\n')).toHaveLength(secret.contents.split('\n').length);
      // Empty values say what the operator still fills in.
      expect(shown).toMatch(/^ {2}NEXTAUTH_LICENSE: ""$/m);
    });

  it('hides a value however YAML writes it: quoted, plain, or over several lines', () => {
    const text = [
      '# header: kind: Secret',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: s',
      'stringData:',
      '  # comment kept',
      '  A: "quoted value"',
      '  B: plain',
      "  C: ''",
      '  D: |',
      '    line one',
      '    line two',
      '  E:',
      'data:',
      '  F: c2VjcmV0',
      'type: Opaque',
    ].join('\n');
    expect(maskSecretManifest(text).split('\n')).toEqual([
      '# header: kind: Secret',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: s',
      'stringData:',
      '  # comment kept',
      `  A: ${MASK}`,
      `  B: ${MASK}`,
      "  C: ''",
      `  D: ${MASK}`,
      `    ${MASK}`,
      `    ${MASK}`,
      '  E:',
      'data:',
      `  F: ${MASK}`,
      'type: Opaque',
    ]);
  });

  it('leaves the rest of a file alone: metadata is not data', () => {
    const text = 'kind: Secret\nmetadata:\n  name: portolan-secrets\n  namespace: shop\n';
    expect(maskSecretManifest(text)).toBe(text);
  });
});

describe('which files the preview masks', () => {
  const file = (path: string, contents: string, mode = 0o644) => ({ path, contents, mode });

  it('.env by name, a Secret manifest by kind, any other private file whole, the rest never', () => {
    expect(previewMask(file('.env', 'A=1'), () => true)!('A=1')).toBe(`A=${MASK}`);
    expect(previewMask(file('host-a/.env', 'A=1', 0o600), () => true)!('A=1')).toBe(`A=${MASK}`);
    expect(previewMask(file('x.yaml', 'kind: Secret\n'), noSecretNames)).not.toBeNull();
    const privateFile = previewMask(file('secrets/token', '# a token\nabc\n\n', 0o600), noSecretNames)!;
    expect(privateFile('# a token\nabc\n\n')).toBe(`# a token\n${MASK}\n\n`);
    expect(previewMask(file('base/nextauth.yaml', 'kind: Deployment\n'), noSecretNames)).toBeNull();
    expect(previewMask(file('secrets/apply.sh', 'kubectl apply -f secret.yaml\n', 0o755), noSecretNames)).toBeNull();
    // A ConfigMap that only mentions a Secret is not one.
    expect(previewMask(file('c.yaml', 'kind: ConfigMap\n# see kind: Secret\n'), noSecretNames)).toBeNull();
  });
});
