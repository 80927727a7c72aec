import { describe, expect, it } from 'vitest';
import { renamedProject } from '../../../../shared/export/renamed-project';
import type { Component, Project } from '../../../../shared/model/types';
import { template } from '../../../support/fixtures';

/** The HA template with nextauth's environment replaced by `env`. */
function withEnv(env: Record<string, string>): Project {
  const ha = template('ha');
  return {
    ...ha,
    components: ha.components.map((c): Component =>
      c.id === 'nextauth'
        ? {
            ...c,
            environment: Object.fromEntries(
              Object.entries(env).map(([k, value]) => [k, { type: 'literal' as const, value }]),
            ),
          }
        : c,
    ),
  };
}

const nextauthEnv = (p: Project): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(p.components.find((c) => c.id === 'nextauth')!.environment).map(([k, v]) => [
      k,
      v.type === 'literal' ? v.value : v,
    ]),
  );

describe('renamedProject', () => {
  it('renames ids everywhere and rewrites a typed URI host naming a renamed component', () => {
    const project = withEnv({
      DB: 'mysql://u:p@sql_1:3306/db',
      NO_PORT: 'redis://sql_1/0',
      LIST: 'redis-sentinel://sql_1:26379,sql_1,other:26379/mymaster',
      LONGER: 'mysql://u:p@sql_10:3306/db',
      INSIDE: 'mysql://u:p@my-sql_1:3306/db',
      PLAIN: 'sql_1',
    });
    const renamed = renamedProject(project, new Map([['sql_1', 'sql-1']]));
    expect(nextauthEnv(renamed)).toEqual({
      DB: 'mysql://u:p@sql-1:3306/db',
      NO_PORT: 'redis://sql-1/0',
      LIST: 'redis-sentinel://sql-1:26379,sql-1,other:26379/mymaster',
      // Another host that only starts or ends with the id, and text that is no URI, stay.
      LONGER: 'mysql://u:p@sql_10:3306/db',
      INSIDE: 'mysql://u:p@my-sql_1:3306/db',
      PLAIN: 'sql_1',
    });
  });

  it('moves links, routes and suppressions with the ids, and leaves an unrenamed project as it was', () => {
    const ha = template('ha');
    const rename = new Map(ha.components.map((c) => [c.id as string, `x-${c.id}`]));
    const renamed = renamedProject(ha, rename);
    expect(renamed.components.map((c) => c.id)).toEqual(ha.components.map((c) => `x-${c.id}`));
    expect(renamed.links.every((l) => l.from.startsWith('x-') && l.to.startsWith('x-'))).toBe(true);
    expect(renamed.routes.every((r) => r.via.startsWith('x-') && r.target.startsWith('x-'))).toBe(true);
    const same = renamedProject(ha, new Map(ha.components.map((c) => [c.id as string, c.id as string])));
    expect(same.components.map((c) => c.environment)).toEqual(ha.components.map((c) => c.environment));
  });
});
