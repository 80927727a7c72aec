import { updateComponent } from '../../model/index';
import type { ComponentId, EnvValue } from '../../model/types';
import { componentRef, env, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { DB_URI_VAR, linkedDatabases } from './database';

const isUnset = (uri: EnvValue | undefined): boolean =>
  uri !== undefined && uri.type === 'literal' && (uri.value.trim() === '' || uri.value.trim() === ':memory:');

/**
 * The database connection is derived from the link (see shared/connections): without a link
 * nextauth has no database, and an override of `:memory:` or nothing throws the link away.
 */
export const NA018: Rule = {
  id: 'NA018',
  name: 'database-missing',
  title: 'nextauth has no persistent database',
  severity: 'error',
  docs: DOCS.configuration,
  why: 'Without a database URI nextauth keeps its data in memory (:memory:) and loses it on every restart.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      const linked = linkedDatabases(ctx, nextauth).length > 0;
      const uri = env(nextauth, DB_URI_VAR);
      if (isUnset(uri)) {
        yield {
          message: `${DB_URI_VAR} of ${named(nextauth)} is set to ${uri?.type === 'literal' && uri.value.trim() === '' ? 'nothing' : ':memory:'}, so it keeps its data in memory and loses it on restart${linked ? '; remove the override to use the connected database' : ''}`,
          elements: [componentRef(nextauth)],
        };
      } else if (!linked && uri === undefined) {
        yield {
          message: `${named(nextauth)} has no connection to a database, so it falls back to :memory: and loses its data on restart`,
          elements: [componentRef(nextauth)],
        };
      }
    }
  },
  fix: {
    // Only the override can be removed for the architect; a missing database has to be drawn.
    applies: (d, project) => {
      const nextauth = project.components.find((c) => c.id === d.elements[0]?.id);
      if (nextauth === undefined || !isUnset(env(nextauth, DB_URI_VAR))) return false;
      return project.links.some(
        (l) => l.from === nextauth.id && project.components.some((c) => c.id === l.to && c.kind === 'database'),
      );
    },
    title: () => `Remove the ${DB_URI_VAR} override: connect to the database the drawing links`,
    apply: (project, d) =>
      updateComponent(project, d.elements[0]!.id as ComponentId, (c) => {
        if (!isUnset(env(c, DB_URI_VAR))) return c;
        const { [DB_URI_VAR]: _removed, ...environment } = c.environment;
        return { ...c, environment };
      }),
  },
};
