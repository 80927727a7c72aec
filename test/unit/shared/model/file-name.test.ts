import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectFileName, projectFileStem } from '../../../../shared/model/file-name';

describe('the file names a project suggests', () => {
  it('slugs the project name: a first save, the PDF attachment and picture names alike', () => {
    expect(projectFileName('nextAuth behind nginx')).toBe('nextauth-behind-nginx.portolan.yaml');
    expect(projectFileName('Acme <&) \\ "Ops"')).toBe('acme-ops.portolan.yaml');
    expect(projectFileName('')).toBe('deployment.portolan.yaml');
    expect(projectFileName('日本')).toBe('deployment.portolan.yaml');
    // Accents go, the letters stay.
    expect(projectFileName('Łódź café')).toBe('odz-cafe.portolan.yaml');
    expect(projectFileStem('Crème brûlée')).toBe('creme-brulee');
    expect(projectFileName('x'.repeat(200))).toBe(`${'x'.repeat(64)}.portolan.yaml`);
    expect(projectFileStem(`${'a'.repeat(63)} b`)).toBe('a'.repeat(63));
  });

  it('gives any name, hostile or empty, a plain stem: never a path, a dot or a control character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (name) => {
        const stem = projectFileStem(name);
        expect(stem).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(stem.length).toBeLessThanOrEqual(64);
        expect(projectFileName(name)).toBe(`${stem}.portolan.yaml`);
      }),
    );
    expect(projectFileStem('../../etc/passwd')).toBe('etc-passwd');
  });
});
