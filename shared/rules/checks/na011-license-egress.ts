import { addComponent, addLink, freePosition, type ComponentId, type Project } from '../../model/index';
import { componentRef, linksToKinds, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/**
 * Links `fromId` to the first component of `kind`, adding that component (on the nearest free
 * spot up and to the right of `fromId`) when the project has none.
 */
export function linkToExternal(
  project: Project,
  fromId: string,
  kind: 'license-server' | 'push-fcm' | 'push-apns',
  name: string,
): Project {
  const from = project.components.find((c) => c.id === fromId);
  if (from === undefined) return project;
  let target = project.components.find((c) => c.kind === kind);
  let next = project;
  if (target === undefined) {
    const internet = project.zones.find((z) => z.kind === 'internet');
    const added = addComponent(next, {
      kind,
      name,
      // Up and to the right of nextauth, towards the internet side, wherever that is free.
      position: freePosition(next, { x: from.position.x + 320, y: from.position.y - 160 }),
      ...(internet ? { zone: internet.id } : {}),
    });
    next = added.project;
    target = next.components.find((c) => c.id === added.id)!;
  }
  return addLink(next, { from: fromId as ComponentId, to: target.id, port: 'https' }).project;
}

export const NA011: Rule = {
  id: 'NA011',
  name: 'license-egress',
  title: 'nextauth cannot reach the license server',
  severity: 'error',
  docs: DOCS.outgoing,
  why: 'nextauth validates its license at license.nextauth.com:443; without that connection it does not run.',
  *check(ctx) {
    for (const nextauth of ctx.ofKind('nextauth')) {
      if (linksToKinds(ctx, nextauth.id, ['license-server']).length > 0) continue;
      yield {
        message: `${named(nextauth)} has no outgoing connection to the license server (license.nextauth.com:443)`,
        elements: [componentRef(nextauth)],
      };
    }
  },
  fix: {
    title: () => 'Connect nextauth to the license server',
    apply: (project, d) => linkToExternal(project, d.elements[0]!.id, 'license-server', 'nextAuth license server'),
  },
};
