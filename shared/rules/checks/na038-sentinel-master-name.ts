import { DEFAULT_SENTINEL_MASTER, SENTINEL_MASTER_PATTERN } from '../../model/constraints';
import { updateComponent, type ComponentId } from '../../model/index';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/**
 * The `master` property of a Redis Sentinel lands in two places: `sentinel monitor NAME host
 * port quorum` (and the lines after it) in sentinel.conf, and the path of the Sentinel URI
 * nextauth reads. Only one plain word (SENTINEL_MASTER_PATTERN) is safe in both; a space, a
 * line break or a `/` would add config lines or change the URI. Unset means the default.
 */
export const NA038: Rule = {
  id: 'NA038',
  name: 'sentinel-master-name',
  title: 'Redis Sentinel master name that cannot be written safely',
  severity: 'error',
  docs: DOCS.sentinelConfig,
  why: 'The master name is written into sentinel.conf ("sentinel monitor NAME …") and into the Sentinel URI nextauth reads, so anything but one plain word breaks or rewrites both.',
  *check(ctx) {
    for (const sentinel of ctx.ofKind('redis-sentinel')) {
      if (!Object.hasOwn(sentinel.properties, 'master')) continue;
      const master = sentinel.properties.master;
      if (typeof master === 'string' && SENTINEL_MASTER_PATTERN.test(master)) continue;
      const shown = JSON.stringify(String(master)).slice(1, -1);
      yield {
        message:
          typeof master === 'string'
            ? `the master name "${shown}" of ${named(sentinel)} is not one word of letters, digits, ".", "_" and "-" (at most 64 characters, starting with a letter or digit)`
            : `the master name of ${named(sentinel)} is the ${typeof master} ${shown}, not text; write it as a word of letters, digits, ".", "_" and "-"`,
        elements: [componentRef(sentinel)],
      };
    }
  },
  fix: {
    title: () => `Name the master "${DEFAULT_SENTINEL_MASTER}"`,
    apply: (project, d) =>
      updateComponent(project, d.elements[0]!.id as ComponentId, (c) => ({
        ...c,
        properties: { ...c.properties, master: DEFAULT_SENTINEL_MASTER },
      })),
  },
};
