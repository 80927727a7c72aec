import { portNumber } from '../../catalog/index';
import { updateComponent } from '../../model/index';
import type { Component, ComponentId, DatabaseFlavour, EnvValue, Project } from '../../model/types';
import { componentRef, env, literal, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { DB_SCHEME, DB_URI_VAR, linkedDatabases } from './database';

const isUnset = (uri: EnvValue | undefined): boolean =>
  uri === undefined || (uri.type === 'literal' && (uri.value.trim() === '' || uri.value.trim() === ':memory:'));

/** The documented URI for a database component, with the password taken from its generated secret. */
export function uriFor(db: Component): string | undefined {
  const flavour = (db.flavour ?? 'mysql') as DatabaseFlavour;
  const vars = {
    mysql: ['MYSQL_USER', 'MYSQL_PASSWORD', 'MYSQL_DATABASE'],
    mariadb: ['MARIADB_USER', 'MARIADB_PASSWORD', 'MARIADB_DATABASE'],
    postgres: ['POSTGRES_USER', 'POSTGRES_PASSWORD', 'POSTGRES_DB'],
  }[flavour];
  const [userVar, passwordVar, dbVar] = vars;
  const literalOf = (name: string) => literal(db, name);
  if (db.environment[passwordVar!]?.type !== 'secret' && db.environment[passwordVar!]?.type !== 'input')
    return undefined;
  const host = typeof db.properties.host === 'string' ? db.properties.host : db.id;
  const port = portNumber(db, 'db');
  const base = `${DB_SCHEME[flavour]}://${literalOf(userVar!) ?? 'nextauth'}:\${${passwordVar}}@${host}:${port}/${literalOf(dbVar!) ?? 'nextauth'}`;
  return flavour === 'postgres' ? base : `${base}?loc=Local`;
}

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
      } else if (uri.type === 'literal' && isUnset(uri)) {
        yield {
          message: `${DB_URI_VAR} of ${named(nextauth)} is ${uri.value.trim() === '' ? 'empty' : ':memory:'}; point it at the database`,
          elements: [componentRef(nextauth)],
        };
      }
    }
  },
  fix: {
    // Only the URI can be set for the architect; a missing database has to be drawn.
    applies: (d, project) => {
      const nextauth = project.components.find((c) => c.id === d.elements[0]?.id);
      if (nextauth === undefined || !isUnset(nextauth.environment[DB_URI_VAR])) return false;
      const db = databaseOf(project, nextauth);
      return db !== undefined && uriFor(db) !== undefined;
    },
    title: () => `Point ${DB_URI_VAR} at the connected database`,
    apply(project, d) {
      const id = d.elements[0]?.id as ComponentId | undefined;
      const nextauth = project.components.find((c) => c.id === id);
      const db = nextauth && databaseOf(project, nextauth);
      const uri = db && uriFor(db);
      if (!nextauth || uri === undefined) return project;
      return updateComponent(project, nextauth.id, (c) => ({
        ...c,
        environment: { ...c.environment, [DB_URI_VAR]: { type: 'literal', value: uri } },
      }));
    },
  },
};

function databaseOf(project: Project, nextauth: Component): Component | undefined {
  const ids = new Set(project.links.filter((l) => l.from === nextauth.id).map((l) => l.to as string));
  return project.components.find((c) => c.kind === 'database' && ids.has(c.id));
}
