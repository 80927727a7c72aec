/**
 * The one-truth promise across hosts (issue 16), as a property: a project with random hosts and a
 * random placement of its containers that the checker reports no errors for exports folders whose
 * every connection arrives where the drawing says — on the same host by service name, across
 * hosts through a port the target publishes on its host, with the address wired (drawn, or the
 * operator's `.env` input behind an `extra_hosts` alias). Read from the exported files themselves
 * (test/support/host-stack.ts): each nextauth URI, each proxy upstream, each Sentinel monitor.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDeployed, portNumber } from '../../../../shared/catalog/index';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import { crossingsOf } from '../../../../shared/export/hosts/reach';
import { saveProject } from '../../../../shared/format/index';
import { instancesOn, replicaSpread } from '../../../../shared/model/hosts';
import { addHost, setComponentHosts } from '../../../../shared/model/hosts-ops';
import { updateComponent } from '../../../../shared/model/ops';
import type { ComponentId, HostId, Project } from '../../../../shared/model/types';
import { checkProject } from '../../../../shared/rules/engine';
import { buildDeployment, deploymentChoices, fixErrors } from '../../../support/deployments';
import { readHostStacks, resolveDial, type HostStack } from '../../../support/host-stack';
import { parseUri, proxyUpstreams, sentinelConf, type Role } from '../../../support/stack';

const SEED = Number(process.env.COHERENCE_SEED ?? 0x5eed2016);
const RUNS = 400;

const hostChoices = fc.record({
  count: fc.integer({ min: 2, max: 3 }),
  addresses: fc.array(fc.constantFrom('ip', 'dns', 'none'), { minLength: 3, maxLength: 3 }),
  placements: fc.array(fc.uniqueArray(fc.nat({ max: 2 }), { minLength: 1, maxLength: 3 }), {
    minLength: 1,
    maxLength: 12,
  }),
  fix: fc.boolean(),
  /** Publish every routed port, so proxies balance over other hosts too. */
  publishRoutes: fc.boolean(),
});
type HostChoices = typeof hostChoices extends fc.Arbitrary<infer T> ? T : never;

function withHosts(p0: Project, ch: HostChoices): Project {
  let p = p0;
  for (let i = 0; i < ch.count; i++) {
    const kind = ch.addresses[i]!;
    const address = kind === 'ip' ? `10.20.0.${i + 1}` : kind === 'dns' ? `node-${i}.example.internal` : undefined;
    p = addHost(p, { id: `h${i}`, name: `Host ${i}`, ...(address !== undefined ? { address } : {}) }).project;
  }
  let k = 0;
  for (const c of p.components) {
    if (!isDeployed(c)) continue;
    const pick = ch.placements[k++ % ch.placements.length]!;
    const hosts = [...new Set(pick.map((n) => `h${n % ch.count}`))];
    p = setComponentHosts(p, c.id as ComponentId, hosts as HostId[]);
  }
  if (ch.publishRoutes)
    for (const r of p.routes) {
      const t = p.components.find((c) => c.id === r.target);
      const port = t === undefined ? undefined : portNumber(t, r.port);
      if (t === undefined || port === undefined || !isDeployed(t) || t.publish.some((x) => x.port === r.port)) continue;
      p = updateComponent(p, t.id, (c) => ({ ...c, publish: [...c.publish, { port: r.port, hostPort: port }] }));
    }
  return ch.fix ? fixErrors(p, 30) : p;
}

/** Every way the exported files fail to connect as drawn. */
function violations(project: Project): string[] {
  const result = exportProject(project, { random: seededRandom(SEED) });
  if (!result.ok) return ['export refused'];
  const stacks = readHostStacks(project, result.files);
  const out: string[] = [];
  const at = (h: HostStack) => `on ${h.host.name}`;
  for (const h of stacks) {
    for (const v of h.stack.problems) out.push(`${at(h)}: ${v.message}`);
    for (const c of project.components.filter(isDeployed)) {
      const n = instancesOn(project, c, h.host.id);
      const s = h.stack.services.get(c.id);
      if ((s === undefined ? 0 : s.replicas) !== n) out.push(`${at(h)}: ${c.id} runs ${s?.replicas ?? 0}, placed ${n}`);
    }
  }
  // nextauth's connection URIs.
  for (const conn of result.plan.connections) {
    if (conn.uri === undefined) continue;
    for (const h of stacks) {
      const s = h.stack.services.get(conn.source.id);
      if (s === undefined) continue;
      const uri = parseUri(s.environment.get(conn.variable) ?? '');
      if (uri === undefined) {
        out.push(`${at(h)}: ${conn.source.id} ${conn.variable} is no URI`);
        continue;
      }
      if (!isDeployed(conn.target)) {
        if (uri.host !== conn.host) out.push(`${at(h)}: ${conn.variable} names ${uri.host}, not ${conn.host}`);
        continue;
      }
      const reached = resolveDial(stacks, h, conn.source.id, uri.host, uri.port);
      if (reached?.service !== conn.target.id || reached.containerPort !== conn.port)
        out.push(
          `${at(h)}: ${conn.source.id} ${conn.variable} ${uri.host}:${uri.port} reaches ${JSON.stringify(reached)}, not ${conn.target.id}:${conn.port}`,
        );
    }
  }
  // Each proxy's upstreams: every address reaches a routed target, and every instance of one is reached.
  for (const proxy of result.plan.proxies) {
    for (const h of stacks) {
      const s = h.stack.services.get(proxy.entry.id);
      if (s === undefined) continue;
      const text = h.stack.files.get(proxy.configFile);
      if (text === undefined) {
        out.push(`${at(h)}: no ${proxy.configFile}`);
        continue;
      }
      const dynamic = proxy.dynamicFile === undefined ? '' : (h.stack.files.get(proxy.dynamicFile) ?? '');
      const ups = proxyUpstreams(proxy.flavour as Role, proxy.configFile, proxy.flavour === 'traefik' ? dynamic : text);
      const reached = new Set<string>();
      for (const u of ups) {
        if (u.port === undefined) continue;
        const r = resolveDial(stacks, h, proxy.entry.id, u.host, u.port);
        if (r === undefined) out.push(`${at(h)}: ${proxy.entry.id} upstream ${u.text} reaches nothing`);
        else reached.add(`${r.host.id}\u0000${r.service}\u0000${r.containerPort}`);
      }
      for (const r of project.routes.filter((x) => x.via === proxy.entry.id)) {
        const t = project.components.find((c) => c.id === r.target);
        if (t === undefined || !isDeployed(t)) continue;
        const port = portNumber(t, r.port);
        const published = t.publish.some((p) => p.port === r.port && !(p.hostIp ?? '').startsWith('127.'));
        for (const share of replicaSpread(project, t)) {
          if (share.host.id !== h.host.id && !published) continue;
          if (!reached.has(`${share.host.id}\u0000${t.id}\u0000${port}`))
            out.push(
              `${at(h)}: ${proxy.entry.id} does not reach ${t.id}:${port} on ${share.host.name} (route ${r.id})`,
            );
        }
      }
    }
  }
  // Sentinel monitors.
  for (const h of stacks)
    for (const s of h.stack.services.values()) {
      if (s.role !== 'sentinel') continue;
      const conf = sentinelConf(h.stack, s);
      const link = project.links.find((l) => l.from === s.name && l.port === 'redis');
      const redis = project.components.find((c) => c.id === link?.to && c.kind === 'redis');
      if (conf === undefined || redis === undefined || !isDeployed(redis)) continue;
      for (const m of conf.conf.monitors) {
        const r = resolveDial(stacks, h, s.name, m.host, m.port);
        if (r?.service !== redis.id)
          out.push(`${at(h)}: Sentinel ${s.name} monitors ${m.host}:${m.port}, not ${redis.id}`);
      }
    }
  return out;
}

/** A route whose proxy's host runs no instance of the target, and no other host publishes the route's port. */
const routeGap = (project: Project): boolean =>
  crossingsOf(project).some(
    (x) =>
      x.kind === 'route' &&
      instancesOn(project, x.to, x.fromHost.id) === 0 &&
      !crossingsOf(project).some(
        (y) =>
          y.kind === 'route' &&
          y.from === x.from &&
          y.fromHost === x.fromHost &&
          y.to === x.to &&
          y.portName === x.portName &&
          y.hostPort !== undefined,
      ),
  );

describe('no checker errors ⇒ every connection resolves across hosts', () => {
  it(`holds for ${RUNS} deployments with random hosts (seed ${SEED}), and crossings were really checked`, () => {
    let checked = 0;
    let crossing = 0;
    let counted = 0;
    let balanced = 0;
    fc.assert(
      fc.property(deploymentChoices, hostChoices, (choices, hosts) => {
        const project = withHosts(buildDeployment(choices), hosts);
        const errors = checkProject(project).filter((d) => d.severity === 'error' && d.suppressed === undefined);
        if (errors.length > 0) return;
        // NA054 reports a route whose proxy's host runs no instance of the target that publishes nothing:
        // with no errors, no route is left without an upstream (DEPLOYMENT.md's "Not connected").
        if (routeGap(project))
          throw new Error(`no checker errors, but a route has no upstream:\n${saveProject(project)}`);
        const found = violations(project);
        if (found.length > 0)
          throw new Error(`no checker errors, but:\n${found.slice(0, 10).join('\n')}\n\n${saveProject(project)}`);
        if (counted++ < RUNS) {
          checked++;
          if (crossingsOf(project).some((x) => x.hostPort !== undefined)) crossing++;
          if (crossingsOf(project).some((x) => x.kind === 'route' && x.hostPort !== undefined)) balanced++;
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    console.info(
      `[hosts coherence] ${checked} error-free (checked), ${crossing} of them with connections between hosts, ${balanced} with a proxy balancing over hosts`,
    );
    expect(checked / RUNS).toBeGreaterThanOrEqual(0.08);
    expect(crossing / RUNS).toBeGreaterThanOrEqual(0.05);
    expect(balanced, 'proxies balancing over other hosts').toBeGreaterThan(0);
  }, 120_000);
});
