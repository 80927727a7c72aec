import { setTls } from '../../model/ops';
import { belowIntermediate, MOZILLA_GUIDELINE } from '../../export/tls-profiles';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/**
 * Issue 15: the exported proxies follow the project's Mozilla TLS profile. Relaxing it below
 * intermediate (old: TLS 1.0/1.1, CBC and static-RSA suites without forward secrecy) is a
 * decision an audit asks about, so it is accepted only with a written reason in the project's TLS
 * settings (settings.tls.reason) — like a suppression, the finding then stays as an info that
 * shows the reason instead of disappearing.
 */
export const NA053: Rule = {
  id: 'NA053',
  name: 'tls-below-intermediate',
  title: "The project's TLS profile is below Mozilla's intermediate",
  severity: 'warning',
  docs: DOCS.mozillaTls,
  why: "Mozilla's old profile offers TLS 1.0 and 1.1 and cipher suites without forward secrecy, which security reviews of an authentication server reject unless very old clients must be served.",
  *check(ctx) {
    const tls = ctx.project.settings.tls;
    if (tls === undefined || !belowIntermediate(tls.profile)) return;
    const proxies = ctx.ofKind('reverse-proxy');
    if (proxies.length === 0) return;
    const reason = tls.reason?.trim() ?? '';
    const what = `the TLS profile is "${tls.profile}" (Mozilla ${MOZILLA_GUIDELINE.version}): ${proxies.map(named).join(', ')} offer${proxies.length === 1 ? 's' : ''} TLS 1.0/1.1 and suites without forward secrecy`;
    yield reason === ''
      ? {
          message: `${what}; choose intermediate, or write the reason in the project's TLS settings`,
          elements: proxies.map(componentRef),
        }
      : {
          message: `${what}, accepted: ${reason.slice(0, 200)}`,
          elements: proxies.map(componentRef),
          severity: 'info',
        };
  },
  fix: {
    applies: (d) => !d.message.includes(', accepted: '),
    title: () => "Use Mozilla's intermediate TLS profile",
    // The HSTS opt-ins stay; the reason went with the weaker profile.
    apply: (project) => {
      const hsts = project.settings.tls?.hsts;
      return setTls(project, { profile: 'intermediate', ...(hsts !== undefined ? { hsts } : {}) });
    },
  },
};
