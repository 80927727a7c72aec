import { describe, expect, it } from 'vitest';
import { connectionsOf, lookupOf } from '../../../../shared/connections/index';
import type { Project } from '../../../../shared/model/index';
import { fixFor } from '../../../../shared/rules/index';
import { expectFixRemoves, of } from '../../../support/fix-check';
import { component, dropLink, link, patchComponent, setEnv, template } from '../../../support/fixtures';

const manual = template('manual');
const ha = template('ha');

const derived = (p: Project, role: 'database' | 'kv') => {
  const c = connectionsOf(
    lookupOf(p),
    p.components.find((x) => x.id === 'nextauth')!,
  );
  return role === 'database' ? c.database : c.kv;
};

/**
 * The connection rules' quick fixes, one case each, where the fix must be offered: the shared
 * case table in rules.test.ts also runs them, but counts only the fixes that happen to apply.
 */
describe('quick fixes of the connection rules', () => {
  it('NA034: a URI with a wrong port is dropped, and the derived one follows the moved port', () => {
    const moved = patchComponent(manual, 'mysql', { portOverrides: { db: 3307 } });
    const typed = setEnv(
      moved,
      'nextauth',
      'NEXTAUTH_DB_URI',
      'mysql://nextauth:${MYSQL_PASSWORD}@mysql/nextauth?loc=Local',
    );
    const fixed = expectFixRemoves(typed, 'NA034');
    expect(fixed.components.find((c) => c.id === 'nextauth')!.environment.NEXTAUTH_DB_URI).toBeUndefined();
    expect(derived(fixed, 'database')?.uri).toContain('@mysql:3307/');
  });

  it('NA034: a URI naming a Redis the drawing does not connect draws the connection', () => {
    const typed = setEnv(dropLink(manual, 'nextauth-to-redis'), 'nextauth', 'NEXTAUTH_KV_URI', 'redis://redis:6379');
    const fixed = expectFixRemoves(typed, 'NA034');
    expect(fixed.links.some((l) => l.from === 'nextauth' && l.to === 'redis' && l.port === 'redis')).toBe(true);
    expect(derived(fixed, 'kv')?.uri).toBe('redis://redis:6379');
  });

  it('NA034: no fix is offered when dropping the URI would leave a connection that cannot be derived', () => {
    const noAccount = setEnv(manual, 'mysql', 'MYSQL_USER', undefined);
    const typed = setEnv(
      noAccount,
      'nextauth',
      'NEXTAUTH_DB_URI',
      'mysql://nextauth:${MYSQL_PASSWORD}@db.example.com/nextauth',
    );
    const d = of(typed, 'NA034')[0]!;
    expect(d).toBeDefined();
    expect(fixFor(d, typed)).toBeUndefined();
  });

  it.each([
    ['no password', setEnv(manual, 'mysql', 'MYSQL_PASSWORD', undefined), { type: 'secret', length: 32 }],
    ['a clear-text password', setEnv(manual, 'mysql', 'MYSQL_PASSWORD', 'Xk39-typed'), { type: 'secret', length: 32 }],
    [
      'a generated password for the customer’s server',
      setEnv(ha, 'mysql', 'MYSQL_PASSWORD', { type: 'secret', length: 32 }),
      { type: 'input', prompt: 'Password of the nextauth account on Customer MySQL' },
    ],
  ] as const)('NA035: %s becomes what the connection can reference', (_name, project, value) => {
    const fixed = expectFixRemoves(project, 'NA035');
    expect(fixed.components.find((c) => c.id === 'mysql')!.environment.MYSQL_PASSWORD).toEqual(value);
    expect(derived(fixed, 'database')?.uri).toContain('${MYSQL_PASSWORD}');
  });

  it('NA035: two databases for one URI offer no fix (the architect picks one)', () => {
    const two = link(
      component(manual, { kind: 'database', name: 'DB 2', id: 'db2', position: { x: 0, y: 0 } }),
      'nextauth',
      'db2',
      'db',
    );
    const d = of(two, 'NA035')[0]!;
    expect(d.message).toMatch(/links to 2 databases/);
    expect(fixFor(d, two)).toBeUndefined();
  });

  it('NA018: an override of :memory: is dropped so the linked database applies', () => {
    const fixed = expectFixRemoves(setEnv(manual, 'nextauth', 'NEXTAUTH_DB_URI', ':memory:'), 'NA018');
    expect(derived(fixed, 'database')?.uri).toBe('mysql://nextauth:${MYSQL_PASSWORD}@mysql:3306/nextauth?loc=Local');
  });

  it('NA019: a URI with another database’s scheme is dropped for the derived one', () => {
    const typed = setEnv(
      manual,
      'nextauth',
      'NEXTAUTH_DB_URI',
      'postgres://nextauth:${MYSQL_PASSWORD}@mysql:3306/nextauth',
    );
    expectFixRemoves(typed, 'NA019');
  });

  it('NA045: the override that lands on another port’s number is removed', () => {
    const fixed = expectFixRemoves(patchComponent(manual, 'nextauth', { portOverrides: { mobile: 8888 } }), 'NA045');
    expect(fixed.components.find((c) => c.id === 'nextauth')!.portOverrides).toEqual({});
  });
});
