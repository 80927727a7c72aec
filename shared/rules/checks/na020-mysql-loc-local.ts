import { updateComponent, type ComponentId } from '../../model/index';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { DB_URI_VAR, dbUri, schemeOf } from './database';

const hasLocLocal = (uri: string): boolean => /[?&]loc=Local(&|$)/.test(uri);

export const NA020: Rule = {
  id: 'NA020',
  name: 'mysql-loc-local',
  title: 'MySQL URI without loc=Local',
  severity: 'warning',
  docs: DOCS.configuration,
  why: 'The documented MySQL/MariaDB URI ends with ?loc=Local so that times are read in the server’s time zone.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      const uri = dbUri(nextauth);
      if (uri === undefined || schemeOf(uri) !== 'mysql' || hasLocLocal(uri)) continue;
      yield {
        message: `${DB_URI_VAR} of ${named(nextauth)} has no loc=Local parameter`,
        elements: [componentRef(nextauth)],
      };
    }
  },
  fix: {
    title: () => 'Add ?loc=Local to the URI',
    apply(project, d) {
      return updateComponent(project, d.elements[0]!.id as ComponentId, (c) => {
        const uri = dbUri(c);
        if (uri === undefined || hasLocLocal(uri)) return c;
        const value = `${uri}${uri.includes('?') ? '&' : '?'}loc=Local`;
        return { ...c, environment: { ...c.environment, [DB_URI_VAR]: { type: 'literal', value } } };
      });
    },
  },
};
