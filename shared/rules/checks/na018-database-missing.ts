import { componentRef, env, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { DB_URI_VAR, linkedDatabases } from './database';

export const NA018: Rule = {
  id: 'NA018',
  name: 'database-missing',
  title: 'nextauth has no persistent database',
  severity: 'error',
  docs: DOCS.configuration,
  why: 'Without a database URI nextauth keeps its data in memory (:memory:) and loses it on every restart.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      if (linkedDatabases(ctx, nextauth).length === 0) {
        yield { message: `${named(nextauth)} has no connection to a database`, elements: [componentRef(nextauth)] };
      }
      const uri = env(nextauth, DB_URI_VAR);
      if (uri === undefined) {
        yield {
          message: `${named(nextauth)} does not set ${DB_URI_VAR}, so it falls back to :memory: and loses its data on restart`,
          elements: [componentRef(nextauth)],
        };
      } else if (uri.type === 'literal' && (uri.value.trim() === '' || uri.value.trim() === ':memory:')) {
        yield {
          message: `${DB_URI_VAR} of ${named(nextauth)} is ${uri.value.trim() === '' ? 'empty' : ':memory:'}; point it at the database`,
          elements: [componentRef(nextauth)],
        };
      }
    }
  },
};
