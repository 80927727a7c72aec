import { DB_SCHEME, DB_URI_VAR } from '../../connections/index';
import type { Component } from '../../model/types';
import { env, linksToKinds, type CheckContext } from '../context';

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
