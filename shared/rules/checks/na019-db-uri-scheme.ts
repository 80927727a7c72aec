import type { DatabaseFlavour } from '../../model/types';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { DB_SCHEME, DB_URI_VAR, dbUri, deriveFromDrawing, linkedDatabases, schemeOf } from './database';

const DOCUMENTED = new Set(Object.values(DB_SCHEME));

export const NA019: Rule = {
  id: 'NA019',
  name: 'db-uri-scheme',
  title: 'Database URI scheme does not match the database',
  severity: 'error',
  docs: DOCS.configuration,
  why: 'nextauth picks its database driver from the URI scheme: mysql:// for MySQL and MariaDB, postgres:// for PostgreSQL.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      const uri = dbUri(nextauth);
      if (uri === undefined || uri.trim() === '' || uri.trim() === ':memory:') continue;
      const scheme = schemeOf(uri);
      if (scheme === undefined || !DOCUMENTED.has(scheme)) {
        yield {
          message: `${DB_URI_VAR} of ${named(nextauth)} starts with "${scheme ?? uri.slice(0, 12)}"; the documented forms are mysql://… and postgres://…`,
          elements: [componentRef(nextauth)],
        };
        continue;
      }
      for (const db of linkedDatabases(ctx, nextauth)) {
        const expected = DB_SCHEME[(db.flavour ?? 'mysql') as DatabaseFlavour];
        if (scheme === expected) continue;
        yield {
          message: `${DB_URI_VAR} of ${named(nextauth)} uses ${scheme}://, but ${named(db)} is ${db.flavour ?? 'mysql'}; use ${expected}://`,
          elements: [componentRef(nextauth), componentRef(db)],
        };
      }
    }
  },
  fix: deriveFromDrawing('database', DB_URI_VAR),
};
