import type { Component, DatabaseFlavour } from '../../model/types';
import { env, linksToKinds, type CheckContext } from '../context';

/** The variable nextauth reads its database from (named after NEXTAUTH_NS_DB_URI, see the catalog). */
export const DB_URI_VAR = 'NEXTAUTH_DB_URI';

/** The URI schemes the configuration page documents, per database flavour. */
export const DB_SCHEME: Readonly<Record<DatabaseFlavour, string>> = {
  mysql: 'mysql',
  mariadb: 'mysql',
  postgres: 'postgres',
};

export const schemeOf = (uri: string): string | undefined =>
  /^([a-z][a-z0-9+.-]*):\/\//i.exec(uri.trim())?.[1]?.toLowerCase();

/** The literal DB URI of a nextauth component, when it has one. */
export function dbUri(c: Component): string | undefined {
  const v = env(c, DB_URI_VAR);
  return v?.type === 'literal' ? v.value : undefined;
}

/** The databases a component is connected to. */
export function linkedDatabases(ctx: CheckContext, c: Component): Component[] {
  return linksToKinds(ctx, c.id, ['database']).map((l) => ctx.componentById.get(l.to)!);
}
