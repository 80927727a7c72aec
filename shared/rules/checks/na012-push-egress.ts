import { componentRef, linksToKinds, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';
import { linkToExternal } from './na011-license-egress';

const PLATFORMS = [
  { kind: 'push-fcm', what: 'Android push (fcm.googleapis.com:443)' },
  { kind: 'push-apns', what: 'iOS push (api.push.apple.com:443)' },
] as const;

export const NA012: Rule = {
  id: 'NA012',
  name: 'push-egress',
  title: 'Push platform drawn but nextauth cannot reach it',
  severity: 'warning',
  docs: DOCS.outgoing,
  why: 'nextauth sends push messages itself; without the outgoing connection the mobile app gets no notifications.',
  *check(ctx) {
    for (const { kind, what } of PLATFORMS) {
      const services = ctx.ofKind(kind);
      if (services.length === 0) continue;
      for (const nextauth of ctx.ofKind('nextauth')) {
        if (linksToKinds(ctx, nextauth.id, [kind]).length > 0) continue;
        yield {
          message: `${named(nextauth)} has no outgoing connection for ${what} to ${named(services[0])}`,
          elements: [componentRef(nextauth), componentRef(services[0]!)],
        };
      }
    }
  },
  fix: {
    title: () => 'Connect nextauth to the push service',
    apply(project, d) {
      const service = project.components.find((c) => c.id === d.elements[1]?.id);
      if (service?.kind !== 'push-fcm' && service?.kind !== 'push-apns') return project;
      return linkToExternal(project, d.elements[0]!.id, service.kind, service.name);
    },
  },
};
