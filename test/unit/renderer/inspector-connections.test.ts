import { describe, expect, it } from 'vitest';
import { DB_URI_VAR, KV_URI_VAR } from '../../../shared/connections/index';
import { loadProject } from '../../../shared/format/index';
import {
  addComponent,
  addLink,
  removeLinks,
  updateComponent,
  type ComponentId,
  type LinkId,
} from '../../../shared/model/index';
import type { Component, EnvValue, Project } from '../../../shared/model/types';
import { checkProject } from '../../../shared/rules/index';
import { getTemplate } from '../../../shared/templates/index';
import {
  connectionRows,
  REDACTED,
  redactUri,
  uriParts,
  withOverride,
  withoutOverride,
  type ConnectionRow,
  type DrawnConnectionRow,
} from '../../../renderer/src/inspector/connectionRows';

const template = (name: string): Project => {
  const r = loadProject(getTemplate(name)!.text);
  if (!r.ok) throw new Error(`template ${name} does not load`);
  return r.project;
};

const DERIVED_DB = 'mysql://nextauth:${MYSQL_PASSWORD}@mysql:3306/nextauth?loc=Local';

/** The rows of the project's nextauth, with the checker's findings, as the inspector computes them. */
const rowsOf = (project: Project, id = 'nextauth'): ConnectionRow[] =>
  connectionRows(project, id, checkProject(project));

function drawn(row: ConnectionRow | undefined): DrawnConnectionRow {
  expect(row?.state).toBe('drawn');
  return row as DrawnConnectionRow;
}

const setEnv = (project: Project, id: string, name: string, value: EnvValue | undefined): Project =>
  updateComponent(project, id as ComponentId, (c) => {
    const { [name]: _old, ...rest } = c.environment;
    return { ...c, environment: value === undefined ? rest : { ...rest, [name]: value } };
  });

describe('connectionRows', () => {
  it('derives the database and Redis rows of the manual template from its links', () => {
    const rows = rowsOf(template('manual'));
    expect(rows.map((r) => [r.role, r.variable, r.label])).toEqual([
      ['database', DB_URI_VAR, 'Database'],
      ['kv', KV_URI_VAR, 'Key-value store'],
    ]);
    const db = drawn(rows[0]);
    expect(db).toMatchObject({
      target: { id: 'mysql', kind: 'database', name: 'MySQL' },
      host: 'mysql',
      port: 3306,
      account: { user: 'nextauth', database: 'nextauth', passwordVar: 'MYSQL_PASSWORD' },
      uri: DERIVED_DB,
      problems: [],
    });
    expect(db.override).toBeUndefined();
    const kv = drawn(rows[1]);
    expect(kv).toMatchObject({ target: { id: 'redis' }, host: 'redis', port: 6379, uri: 'redis://redis:6379' });
    expect(kv.account).toBeUndefined();
    expect(kv.master).toBeUndefined();
  });

  it('is JSON-safe (the section selects it from the store as one string)', () => {
    const rows = rowsOf(template('ha'));
    expect(rows.length).toBe(2);
    expect(JSON.parse(JSON.stringify(rows))).toEqual(rows);
  });

  it('names the Sentinel master, and the declared host of a database the customer runs', () => {
    const rows = rowsOf(template('ha'));
    const kv = drawn(rows[1]);
    expect(kv.target.kind).toBe('redis-sentinel');
    expect(kv.master).toBeTruthy();
    expect(kv.uri).toBe(`redis-sentinel://${kv.host}:${kv.port}/${kv.master}`);
    const db = drawn(rows[0]);
    expect(db.host).not.toBe(db.target.id);
    expect(db.uri).toContain(`@${db.host}:${db.port}/`);
    // The password is a reference to .env, never a value.
    expect(db.uri).toContain(`\${${db.account!.passwordVar}}`);
  });

  it('is empty for anything but a nextauth, and for an unknown id', () => {
    const p = template('manual');
    expect(connectionRows(p, 'mysql')).toEqual([]);
    expect(connectionRows(p, 'no-such-component')).toEqual([]);
  });

  it('says what to draw when a role has no link', () => {
    const p = removeLinks(template('manual'), new Set(['nextauth-to-redis' as LinkId]));
    const kv = rowsOf(p)[1]!;
    expect(kv).toEqual({
      role: 'kv',
      variable: KV_URI_VAR,
      label: 'Key-value store',
      state: 'none',
      message: 'No key-value store connected — draw a link from nextauth to Redis or Redis Sentinel',
    });
    const none = rowsOf(removeLinks(p, new Set(['nextauth-to-mysql' as LinkId])))[0]!;
    expect(none.state).toBe('none');
    expect(none.state === 'none' && none.message).toBe(
      'No database connected — draw a link from nextauth to a database',
    );
  });

  it('shows the checker’s NA035 text inline when the account is incomplete, and no URI', () => {
    const p = setEnv(template('manual'), 'mysql', 'MYSQL_USER', undefined);
    const db = drawn(rowsOf(p)[0]);
    expect(db.uri).toBeUndefined();
    expect(db.account).toBeUndefined();
    expect(db.problems).toHaveLength(1);
    expect(db.problems[0]).toMatch(/does not set MYSQL_USER/);
    // The Redis row is not blamed for the database's problem.
    expect(drawn(rowsOf(p)[1]).problems).toEqual([]);
  });

  it('reports an ambiguous role with every target and the NA035 text', () => {
    let p = template('manual');
    const added = addComponent(p, { kind: 'database', name: 'Second DB', flavour: 'mysql', position: { x: 0, y: 0 } });
    p = addLink(added.project, { from: 'nextauth' as ComponentId, to: added.id, port: 'db' }).project;
    const db = rowsOf(p)[0]!;
    if (db.state !== 'ambiguous') throw new Error(`expected an ambiguous row, got ${db.state}`);
    expect(db.targets.map((t) => t.name)).toEqual(['MySQL', 'Second DB']);
    expect(db.problems).toHaveLength(1);
    expect(db.problems[0]).toMatch(/links to 2 databases/);
  });

  describe('overrides', () => {
    const overridden = (value: string): Project =>
      setEnv(template('manual'), 'nextauth', DB_URI_VAR, { type: 'literal', value });

    it('an override equal to the derived URI is "same", with no mismatch', () => {
      const db = drawn(rowsOf(overridden(DERIVED_DB))[0]);
      expect(db.uri).toBe(DERIVED_DB);
      expect(db.override).toEqual({ type: 'literal', text: DERIVED_DB, same: true, mismatches: [] });
    });

    it('lists how a disagreeing override differs, one describeMismatch line each', () => {
      const db = drawn(rowsOf(overridden('mysql://nextauth:${MYSQL_PASSWORD}@mysql:3307/auth?loc=Local'))[0]);
      expect(db.override?.same).toBe(false);
      expect(db.override?.mismatches).toEqual([
        'reaches port 3307, but the drawing listens on 3306',
        'names the database "auth", but the drawing says "nextauth"',
      ]);
    });

    it('an override that differs only in style connects where the drawing says', () => {
      const db = drawn(rowsOf(overridden('mysql://nextauth:${MYSQL_PASSWORD}@mysql:3306/nextauth'))[0]);
      expect(db.override).toMatchObject({ same: false, mismatches: [] });
    });

    it('never shows a password typed in clear text', () => {
      const db = drawn(rowsOf(overridden('mysql://nextauth:hunter2@mysql:3306/nextauth?loc=Local'))[0]);
      expect(db.override?.text).toBe(`mysql://nextauth:${REDACTED}@mysql:3306/nextauth?loc=Local`);
      expect(JSON.stringify(db)).not.toContain('hunter2');
      expect(db.override?.mismatches).toEqual([
        "has a password typed in clear text, but the database's password is ${MYSQL_PASSWORD}",
      ]);
    });

    it('a secret or input override is not shown and cannot be checked', () => {
      const p = setEnv(template('manual'), 'nextauth', DB_URI_VAR, { type: 'secret', length: 32 });
      const db = drawn(rowsOf(p)[0]);
      expect(db.override).toMatchObject({ type: 'secret', same: false });
      expect(db.override?.text).toBeUndefined();
      expect(db.override?.mismatches[0]).toMatch(/generated secret/);
    });

    it('an override without a drawn connection stays visible on the "none" row', () => {
      let p = removeLinks(template('manual'), new Set(['nextauth-to-redis' as LinkId]));
      p = setEnv(p, 'nextauth', KV_URI_VAR, { type: 'literal', value: 'redis://cache:6379' });
      const kv = rowsOf(p)[1]!;
      expect(kv.state).toBe('none');
      expect(kv.override).toEqual({ type: 'literal', text: 'redis://cache:6379', same: false, mismatches: [] });
    });
  });
});

describe('redactUri', () => {
  it.each([
    ['mysql://u:${MYSQL_PASSWORD}@db:3306/x?loc=Local', 'mysql://u:${MYSQL_PASSWORD}@db:3306/x?loc=Local'],
    ['mysql://u:secret@db:3306/x', `mysql://u:${REDACTED}@db:3306/x`],
    ['redis://:secret@cache:6379', `redis://:${REDACTED}@cache:6379`],
    ['redis://cache:6379', 'redis://cache:6379'],
    ['  redis://cache  ', 'redis://cache'],
    ['postgres://u@db/x', 'postgres://u@db/x'],
  ])('%s → %s', (input, shown) => {
    expect(redactUri(input)).toBe(shown);
  });

  it.each(['hunter2', ':memory:', 'mysql://u:p@', ''])('hides %j, which is not a connection URI', (text) => {
    expect(redactUri(text)).toBeUndefined();
  });
});

describe('uriParts', () => {
  it('cuts after the userinfo and before path and query, never inside ://', () => {
    expect(uriParts(DERIVED_DB)).toEqual([
      'mysql://nextauth:${MYSQL_PASSWORD}@',
      'mysql:3306',
      '/nextauth',
      '?loc=Local',
    ]);
    expect(uriParts('redis-sentinel://s:26379/mymaster')).toEqual(['redis-sentinel://s:26379', '/mymaster']);
    expect(uriParts('redis://redis:6379')).toEqual(['redis://redis:6379']);
  });

  it('loses no character', () => {
    for (const uri of [DERIVED_DB, 'postgres://a:b@c/d?x=1&y=2', 'x']) expect(uriParts(uri).join('')).toBe(uri);
  });
});

describe('withOverride / withoutOverride', () => {
  const env: Component['environment'] = {
    A: { type: 'literal', value: 'a' },
    [DB_URI_VAR]: { type: 'secret', length: 32 },
    B: { type: 'input', prompt: 'b' },
  };

  it('writes the URI as a literal in place, and removes only that variable', () => {
    const next = withOverride(env, DB_URI_VAR, DERIVED_DB);
    expect(Object.keys(next)).toEqual(['A', DB_URI_VAR, 'B']);
    expect(next[DB_URI_VAR]).toEqual({ type: 'literal', value: DERIVED_DB });
    expect(withoutOverride(next, DB_URI_VAR)).toEqual({ A: env.A, B: env.B });
    expect(env[DB_URI_VAR]).toEqual({ type: 'secret', length: 32 });
  });

  it('appends a new override, and round-trips to the environment it started from', () => {
    const { [DB_URI_VAR]: _drop, ...plain } = env;
    const next = withOverride(plain, KV_URI_VAR, 'redis://redis:6379');
    expect(Object.keys(next)).toEqual(['A', 'B', KV_URI_VAR]);
    expect(withoutOverride(next, KV_URI_VAR)).toEqual(plain);
  });
});
