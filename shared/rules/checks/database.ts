import { connectionsOf, DB_SCHEME, DB_URI_VAR, lookupOf, type ConnectionRole } from '../../connections/index';
import { updateComponent } from '../../model/index';
import type { Component, ComponentId } from '../../model/types';
import { env, linksToKinds, type CheckContext } from '../context';
import type { Fix } from '../types';

export { DB_SCHEME, DB_URI_VAR };

export const schemeOf = (uri: string): string | undefined =>
  /^([a-z][a-z0-9+.-]*):\/\//i.exec(uri.trim())?.[1]?.toLowerCase();

/** The literal DB URI override of a nextauth component, when it has one (derived URIs need no checking). */
export function dbUri(c: Component): string | undefined {
  const v = env(c, DB_URI_VAR);
  return v?.type === 'literal' ? v.value : undefined;
}

/** The databases a component is connected to. */
export function linkedDatabases(ctx: CheckContext, c: Component): Component[] {
  return linksToKinds(ctx, c.id, ['database']).map((l) => ctx.componentById.get(l.to)!);
}

/**
 * The quick fix of a typed connection URI that the checker refuses: drop the override, so the
 * export derives the URI from the drawing. Offered only when the drawing can derive one — a fix
 * must not trade one error for another. The diagnostic names the nextauth component first.
 */
export function deriveFromDrawing(role: ConnectionRole, variable: string): Fix {
  const derivable = (project: Parameters<Fix['apply']>[0], id: string | undefined): boolean => {
    const nextauth = project.components.find((c) => c.id === id);
    if (nextauth === undefined || !Object.hasOwn(nextauth.environment, variable)) return false;
    const c = connectionsOf(lookupOf(project), { ...nextauth, environment: {} });
    return (role === 'database' ? c.database : c.kv)?.uri !== undefined;
  };
  return {
    applies: (d, project) => derivable(project, d.elements[0]?.id),
    title: () => `Remove the typed ${variable}: derive it from the drawing`,
    apply: (project, d) =>
      derivable(project, d.elements[0]?.id)
        ? updateComponent(project, d.elements[0]!.id as ComponentId, (c) => {
            const { [variable]: _removed, ...environment } = c.environment;
            return { ...c, environment };
          })
        : project,
  };
}
