import {
  connectionsOf,
  isExternal,
  VARIABLE_OF,
  type Connection,
  type ConnectionProblem,
} from '../../connections/index';
import { updateComponent } from '../../model/index';
import type { ComponentId, EnvValue, Project } from '../../model/types';
import { componentRef, linkRef, named } from '../context';
import { DOCS } from '../docs';
import type { Diagnostic, Rule } from '../types';

const WHAT = { database: 'databases', kv: 'Redis or Sentinel components' } as const;

/**
 * The drawing must say everything a connection needs: one target per role, the host of a
 * server the customer runs, and the account nextauth logs in with — taken from the database
 * component's own variables, so the container and the URI can never disagree. Account problems
 * of a customer-run server do not apply while a typed override stands in for the derived URI
 * (NA034 checks that one); a database the deployment runs is created from its variables, so
 * they must be complete whatever nextauth is told.
 */
export const NA035: Rule = {
  id: 'NA035',
  name: 'connection-incomplete',
  title: 'A drawn connection lacks what its URI needs',
  severity: 'error',
  docs: DOCS.configuration,
  why: 'Portolan writes the database and Redis URIs from the drawing; a missing host, account or password, or two targets for one URI, leaves nextauth unable to connect.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      const { database, kv, ambiguous } = connectionsOf(ctx, nextauth);
      for (const a of ambiguous) {
        const targets = [...new Set(a.links.map((l) => l.to))].map((id) => named(ctx.componentById.get(id)));
        yield {
          message: `${named(nextauth)} links to ${targets.length} ${WHAT[a.role]} (${targets.join(', ')}), but reads one ${VARIABLE_OF[a.role]}; keep one connection`,
          elements: [componentRef(nextauth), ...a.links.map(linkRef)],
        };
      }
      for (const conn of [database, kv]) {
        if (conn?.problem === undefined) continue;
        // A customer's own account may stand in for an incomplete one (NA034 checks the typed URI);
        // a database the deployment runs is created from these variables, so they must be complete.
        if (conn.problem.code !== 'no-external-host' && conn.override?.type === 'literal' && isExternal(conn.target))
          continue;
        yield {
          message: describe(conn, conn.problem),
          elements: [componentRef(conn.target), componentRef(nextauth), linkRef(conn.link)],
        };
      }
    }
  },
  fix: {
    applies: (d, project) => fixedValue(project, d) !== undefined,
    title: (d, project) => {
      const f = fixedValue(project, d)!;
      const what =
        f.value.type === 'secret'
          ? 'a generated secret'
          : f.value.type === 'input'
            ? 'an operator input'
            : `"${f.value.value}"`;
      return `Set ${f.variable} of the database to ${what}`;
    },
    apply(project, d) {
      const f = fixedValue(project, d);
      if (f === undefined) return project;
      return updateComponent(project, d.elements[0]!.id as ComponentId, (c) => ({
        ...c,
        environment: { ...c.environment, [f.variable]: f.value },
      }));
    },
  },
};

function describe(conn: Connection, problem: ConnectionProblem): string {
  const target = named(conn.target);
  const uri = `${VARIABLE_OF[conn.role]} of ${named(conn.source)}`;
  switch (problem.code) {
    case 'no-external-host':
      return `${target} runs outside the deployment but has no valid host property, so ${uri} cannot name it`;
    case 'no-user':
      return `${target} does not set ${problem.variable}, the account nextauth logs in with (needed for ${uri})`;
    case 'no-database':
      return `${target} does not set ${problem.variable}, the database nextauth uses (needed for ${uri})`;
    case 'no-password':
      return `${target} does not set ${problem.variable}, the password of nextauth's account (needed for ${uri})`;
    case 'literal-password':
      return `${problem.variable} of ${target} is typed in clear text; make it a generated secret so ${uri} can reference it from .env`;
    case 'external-secret':
      return `${problem.variable} of ${target} is a generated secret, but the customer runs that server with its own password; make it an operator input`;
  }
}

/** The variable and value that repair an account problem, read back from the diagnostic's elements. */
function fixedValue(project: Project, d: Diagnostic): { variable: string; value: EnvValue } | undefined {
  const target = project.components.find((c) => c.id === d.elements[0]?.id);
  const nextauth = project.components.find((c) => c.id === d.elements[1]?.id);
  if (target === undefined || nextauth?.kind !== 'nextauth') return undefined;
  const lookup = {
    componentById: new Map(project.components.map((c) => [c.id as string, c])),
    linksFrom: (id: string) => project.links.filter((l) => l.from === id),
  };
  const { database } = connectionsOf(lookup, nextauth);
  const problem = database?.target === target ? database.problem : undefined;
  if (problem === undefined || problem.code === 'no-external-host') return undefined;
  const prompt = `Password of the nextauth account on ${target.name || target.id}`;
  switch (problem.code) {
    case 'no-user':
    case 'no-database':
      return { variable: problem.variable, value: { type: 'literal', value: 'nextauth' } };
    case 'no-password':
    case 'literal-password':
      return {
        variable: problem.variable,
        value: isExternal(target) ? { type: 'input', prompt } : { type: 'secret', length: 32 },
      };
    case 'external-secret':
      return { variable: problem.variable, value: { type: 'input', prompt } };
  }
}
