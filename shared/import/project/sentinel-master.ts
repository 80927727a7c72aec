/**
 * The master name a Redis Sentinel monitors, from the URI nextauth reads it through. Compose
 * says it only inside sentinel.conf (`sentinel monitor NAME …`), which the import does not read;
 * nextauth's `redis-sentinel://HOST:PORT/NAME` says it too. Where the URI is the one its link to
 * the Sentinel derives but for the master name, that name is the Sentinel's `master` property —
 * so the URI is the link's own again (and the override goes, index.ts).
 */
import { allConnections } from '../../connections/index';
import { DEFAULT_SENTINEL_MASTER, SENTINEL_MASTER_PATTERN } from '../../model/constraints';
import type { ComponentId, Project } from '../../model/types';
import type { ImportNote, SourcePos } from '../types';

export function sentinelMasters(
  project: Project,
  notes: ImportNote[],
  where: (id: ComponentId, variable: string) => SourcePos,
): Project {
  const masters = new Map<ComponentId, string>();
  for (const c of allConnections(project)) {
    const o = c.override;
    if (c.target.kind !== 'redis-sentinel' || c.uri === undefined || c.master === undefined || o?.type !== 'literal')
      continue;
    if (Object.hasOwn(c.target.properties, 'master') || masters.has(c.target.id)) continue;
    const prefix = c.uri.slice(0, c.uri.length - c.master.length);
    if (!o.value.startsWith(prefix)) continue;
    const name = o.value.slice(prefix.length);
    if (!SENTINEL_MASTER_PATTERN.test(name) || name === DEFAULT_SENTINEL_MASTER) continue;
    masters.set(c.target.id, name);
    notes.push({
      kind: 'interpreted',
      text: `${c.variable} of ${c.source.id} reaches master ${name} through ${c.target.id}: the Sentinel monitors ${name}`,
      at: where(c.source.id, c.variable),
    });
  }
  if (masters.size === 0) return project;
  return {
    ...project,
    components: project.components.map((c) => {
      const master = masters.get(c.id);
      return master === undefined ? c : { ...c, properties: { ...c.properties, master } };
    }),
  };
}
