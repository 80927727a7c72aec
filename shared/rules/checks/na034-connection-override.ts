import {
  connectionsOf,
  describeMismatch,
  hostOf,
  lookupOf,
  overrideMismatches,
  parseConnectionUri,
  VARIABLE_OF,
  type ConnectionRole,
} from '../../connections/index';
import { addLink, updateComponent } from '../../model/index';
import type { Component, ComponentId, ComponentKind, Project } from '../../model/types';
import { componentRef, env, linkRef, named, type CheckContext } from '../context';
import { DOCS } from '../docs';
import type { Diagnostic, Finding, Rule } from '../types';

const KINDS: Readonly<Record<ConnectionRole, readonly ComponentKind[]>> = {
  database: ['database'],
  kv: ['redis-sentinel', 'redis'],
};
const PORT_OF: Readonly<Record<string, string>> = { database: 'db', redis: 'redis', 'redis-sentinel': 'sentinel' };
const WHAT: Readonly<Record<ConnectionRole, string>> = { database: 'database', kv: 'Redis or Redis Sentinel' };

/**
 * A typed NEXTAUTH_DB_URI / NEXTAUTH_KV_URI is an override of the connection the drawing
 * derives. It stays possible (a customer's own URI options), but it must connect where the
 * drawing says: same scheme (the database scheme is NA019's), host, port, and — for a database
 * the deployment runs — the account and password the container is created with.
 */
export const NA034: Rule = {
  id: 'NA034',
  name: 'connection-override-mismatch',
  title: 'A connection URI typed into the environment disagrees with the drawing',
  severity: 'error',
  docs: DOCS.configuration,
  why: 'nextauth connects where its URI says, not where the drawing links: a host, port or password that differs from the drawing means the exported stack cannot reach its database or Redis.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      const { database, kv, ambiguous } = connectionsOf(ctx, nextauth);
      for (const role of ['database', 'kv'] as const) {
        const conn = role === 'database' ? database : kv;
        const variable = VARIABLE_OF[role];
        if (conn === undefined) {
          if (!ambiguous.some((a) => a.role === role)) yield* unlinkedOverride(ctx, nextauth, role);
          continue;
        }
        const mismatches = overrideMismatches(conn).filter((m) => !(role === 'database' && m.field === 'scheme'));
        if (mismatches.length === 0) continue;
        yield {
          message: `${variable} of ${named(nextauth)} ${mismatches.map(describeMismatch).join('; ')} (drawn: ${named(conn.target)})`,
          elements: [componentRef(nextauth), componentRef(conn.target), linkRef(conn.link)],
        };
      }
    }
  },
  fix: {
    applies: (d, project) => derivable(project, d) !== undefined,
    title: (d, project) => {
      const how = derivable(project, d);
      return how === 'link'
        ? 'Draw the connection the URI names, and derive the URI from it'
        : 'Remove the override: derive the URI from the drawing';
    },
    apply(project, d) {
      const how = derivable(project, d);
      const nextauth = project.components.find((c) => c.id === d.elements[0]?.id);
      const role = roleOf(d);
      if (how === undefined || nextauth === undefined || role === undefined) return project;
      let next = project;
      if (how === 'link') {
        const target = namedTarget(project, nextauth, role)!;
        next = addLink(next, { from: nextauth.id, to: target.id, port: PORT_OF[target.kind]! }).project;
      }
      const variable = VARIABLE_OF[role];
      return updateComponent(next, nextauth.id as ComponentId, (c) => {
        const { [variable]: _removed, ...environment } = c.environment;
        return { ...c, environment };
      });
    },
  },
};

/** An override for a role nextauth draws no connection for: it names something the drawing does not connect. */
function* unlinkedOverride(ctx: CheckContext, nextauth: Component, role: ConnectionRole): Generator<Finding> {
  const variable = VARIABLE_OF[role];
  const value = env(nextauth, variable);
  if (value === undefined) return;
  if (value.type !== 'literal') {
    yield {
      message: `${variable} of ${named(nextauth)} is ${value.type === 'secret' ? 'a generated secret' : 'an operator input'}, which cannot be checked against the drawing, and ${named(nextauth)} has no connection to a ${WHAT[role]} in it; draw the connection and the URI is derived from it`,
      elements: [componentRef(nextauth)],
    };
    return;
  }
  const text = value.value.trim();
  if (text === '' || text === ':memory:') return; // NA018 reports these (for the store: nothing to connect)
  yield {
    message: `${variable} of ${named(nextauth)} is set, but ${named(nextauth)} has no connection to a ${WHAT[role]} in the drawing; draw the connection and the URI is derived from it`,
    elements: [componentRef(nextauth)],
  };
}

function roleOf(d: Diagnostic): ConnectionRole | undefined {
  if (d.message.startsWith(VARIABLE_OF.database)) return 'database';
  if (d.message.startsWith(VARIABLE_OF.kv)) return 'kv';
  return undefined;
}

/** A component of the role's kinds whose host the override names (for the "draw it" fix). */
function namedTarget(project: Project, nextauth: Component, role: ConnectionRole): Component | undefined {
  const value = nextauth.environment[VARIABLE_OF[role]];
  const uri = value?.type === 'literal' ? parseConnectionUri(value.value) : undefined;
  if (uri === undefined) return undefined;
  const matches = project.components.filter((c) => KINDS[role].includes(c.kind) && hostOf(c) === uri.host);
  return matches.length === 1 ? matches[0] : undefined;
}

/** How the diagnostic can be fixed from the drawing: drop the override, or first draw the link it names. */
function derivable(project: Project, d: Diagnostic): 'remove' | 'link' | undefined {
  const nextauth = project.components.find((c) => c.id === d.elements[0]?.id);
  const role = roleOf(d);
  if (nextauth === undefined || role === undefined) return undefined;
  // Offered only when the derived URI exists afterwards: a fix must not trade this error for NA035.
  const derives = (p: Project) => {
    const c = connectionsOf(
      lookupOf(p),
      p.components.find((x) => x.id === nextauth.id)!,
    );
    return (role === 'database' ? c.database : c.kv)?.uri !== undefined;
  };
  if (d.elements.some((e) => e.type === 'link')) return derives(project) ? 'remove' : undefined;
  const target = namedTarget(project, nextauth, role);
  if (target === undefined) return undefined;
  const linked = addLink(project, { from: nextauth.id, to: target.id, port: PORT_OF[target.kind]! }).project;
  return derives(linked) ? 'link' : undefined;
}
