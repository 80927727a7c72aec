/**
 * The HA template spread over three hosts, as an architect would draw it: nextauth and the
 * Sentinels on all three, the load balancer and Redis on the first, mgmt on the second. Used by
 * the host-region tests (geometry, picture, canvas) so they all look at the same drawing.
 */
import { arrange } from '../../shared/diagram/arrange';
import type { Project } from '../../shared/model/types';
import { templateProjects } from './diagram-projects';
import { onHosts, withHosts } from './hosts';

export const HA_HOSTS = ['app-1', 'app-2', 'app-3'] as const;

/** The project with every component where "Arrange all" puts it. */
export function arranged(p: Project): Project {
  const moves = arrange(p, { all: true });
  return { ...p, components: p.components.map((c) => ({ ...c, position: moves.get(c.id) ?? c.position })) };
}

/** The HA template, arranged, then spread over HA_HOSTS. */
export function haOnThreeHosts(): Project {
  let p = withHosts(arranged(templateProjects().find((t) => t.name === 'ha')!.project), ...HA_HOSTS);
  p = onHosts(p, 'nextauth', ...HA_HOSTS);
  p = onHosts(p, 'redis-sentinel', ...HA_HOSTS);
  p = onHosts(p, 'lb', 'app-1');
  p = onHosts(p, 'redis', 'app-1');
  p = onHosts(p, 'mgmt', 'app-2');
  return p;
}
