/**
 * import(export(p)) == p for the caddy exporter: the template projects, the exporters' edge and
 * feature projects, and generated deployments (test/support/deployments.ts). What is compared
 * and why is in haproxy-caddy-roundtrip.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deployments } from '../../../../support/deployments';
import { PROJECT_CASES } from '../../../../support/proxy-cases';
import { roundTrip } from './haproxy-caddy-roundtrip';

describe('caddy: import(export(p)) gives back the routes of p', () => {
  it.each(PROJECT_CASES.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    const compared = roundTrip(c.project(), 'caddy');
    if (c.id !== 'default') expect(compared).toBeGreaterThan(0);
  });

  it('for generated deployments', () => {
    let compared = 0;
    for (const project of fc.sample(deployments, { numRuns: 150, seed: 0x5eed }))
      compared += roundTrip(project, 'caddy');
    // The sample is large enough to compare real routes, not only empty proxies.
    expect(compared).toBeGreaterThan(200);
  });
});
