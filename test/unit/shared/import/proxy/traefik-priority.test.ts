/**
 * Traefik's router priority in the import. Traefik tries the routers of a request by priority,
 * highest first, by default the length of the rule; a route is matched by the longest path. Where
 * the two disagree — a router with a shorter path outranks one with a longer path — the longer
 * route is dead in the original, and importing it would send its requests elsewhere behind any
 * other proxy. The importer reads `priority` (file and labels), leaves dead routes out with a
 * note at the router, and keeps two routers on one path (the drawing shows the conflict).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { importTraefikFile } from '../../../../../shared/import/proxy/traefik-file';
import { importTraefikLabels, type Label } from '../../../../../shared/import/proxy/traefik-labels';
import { priorityOf } from '../../../../../shared/import/proxy/traefik-priority';
import type { ImportedRoute, ProxyImport } from '../../../../../shared/import/proxy/types';

const url = (r: ImportedRoute) => `${r.host}${r.path} → ${r.upstream.host}:${r.upstream.port}`;

function file(text: string): ProxyImport {
  const result = importTraefikFile(text, 'dynamic.yml');
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.value;
}

/** A dynamic file of routers `name: [rule, priority?, service port]` on websecure, each to its own service. */
function routers(spec: Record<string, [string, number | string | undefined, number]>): string {
  const lines = ['http:', '  routers:'];
  for (const [name, [rule, priority]] of Object.entries(spec)) {
    lines.push(`    ${name}:`, `      rule: "${rule}"`, '      entryPoints: [websecure]', `      service: ${name}`);
    if (priority !== undefined) lines.push(`      priority: ${priority}`);
  }
  lines.push('  services:');
  for (const [name, [, , port]] of Object.entries(spec))
    lines.push(`    ${name}:`, '      loadBalancer:', '        servers:', `          - url: http://app:${port}`);
  return lines.join('\n');
}

describe('Traefik router priority', () => {
  it('leaves out a route a shorter, higher-ranked router takes first, with a note at the router', () => {
    const imported = file(
      routers({
        // 43 characters: outranks `old` (priority 10), whose path is longer.
        all: ['Host(`a.example.com`) && PathPrefix(`/api`)', undefined, 81],
        old: ['Host(`a.example.com`) && PathPrefix(`/api/v1`)', 10, 82],
        root: ['Host(`a.example.com`)', undefined, 80],
      }),
    );
    expect(imported.routes.map(url)).toEqual(['a.example.com/api → app:81', 'a.example.com/ → app:80']);
    expect(imported.notes).toContainEqual({
      kind: 'interpreted',
      text: 'router old (priority 10) never gets a.example.com/api/v1: router all (priority 43, the length of its rule) takes those requests first; not imported',
      at: { file: 'dynamic.yml', line: 7, column: 5 },
    });
  });

  it('keeps routes whose priorities agree with their paths, the rule lengths or the written numbers', () => {
    const imported = file(
      routers({
        // The host-only rule is longer (two hosts) than the prefix rule, so the prefix router needs its priority.
        site: ['Host(`a.example.com`) || Host(`www.a.example.com`)', undefined, 80],
        ws: ['Host(`a.example.com`) && PathPrefix(`/ws`)', 100, 81],
      }),
    );
    expect(imported.routes.map(url).sort()).toEqual([
      'a.example.com/ → app:80',
      'a.example.com/ws → app:81',
      'www.a.example.com/ → app:80',
    ]);
    // Without its priority the same `ws` router is dead: the two-host rule (50) outranks it (42).
    const dead = file(
      routers({
        site: ['Host(`a.example.com`) || Host(`www.a.example.com`)', undefined, 80],
        ws: ['Host(`a.example.com`) && PathPrefix(`/ws`)', undefined, 81],
      }),
    );
    expect(dead.routes.map(url)).not.toContain('a.example.com/ws → app:81');
  });

  it('does not let a router narrowed by another matcher, or on another host or port, shadow a route', () => {
    const imported = file(
      routers({
        narrowed: ['Host(`a.example.com`) && Headers(`X-Api`, `1`) && PathPrefix(`/`)', 500, 81],
        other: ['Host(`b.example.com`)', 500, 82],
        api: ['Host(`a.example.com`) && PathPrefix(`/api`)', 1, 83],
      }),
    );
    expect(imported.routes.map(url)).toContain('a.example.com/api → app:83');
  });

  it('keeps two routers on one path, and says which one Traefik picks', () => {
    const imported = file(
      routers({
        first: ['Host(`a.example.com`) && PathPrefix(`/x`)', 5, 81],
        second: ['Host(`a.example.com`) && PathPrefix(`/x`)', 9, 82],
      }),
    );
    expect(imported.routes.map(url)).toEqual(['a.example.com/x → app:81', 'a.example.com/x → app:82']);
    expect(imported.notes.map((n) => n.text)).toContain(
      'router first (priority 5) and router second (priority 9) both serve a.example.com/x; Traefik picks second',
    );
  });

  it('notes a priority that is not a whole number and uses the default', () => {
    const imported = file(
      routers({
        all: ['Host(`a.example.com`) && PathPrefix(`/a`)', '"high"', 81],
        sub: ['Host(`a.example.com`) && PathPrefix(`/a/b`)', undefined, 82],
      }),
    );
    expect(imported.routes).toHaveLength(2);
    expect(imported.notes).toContainEqual(
      expect.objectContaining({ kind: 'not-understood', text: 'http.routers.all.priority: not imported' }),
    );
  });

  it('reads the priority of Docker labels', () => {
    const labels = (pairs: string[]): Label[] =>
      pairs.map((pair, i) => {
        const eq = pair.indexOf('=');
        return {
          key: pair.slice(0, eq),
          value: pair.slice(eq + 1),
          at: { file: 'compose.yml', line: i + 1, column: 9 },
        };
      });
    const read = (priority: string) =>
      importTraefikLabels([
        {
          service: 'app',
          ports: [],
          labels: labels([
            'traefik.http.routers.site.rule=Host(`a.example.com`) || Host(`www.a.example.com`)',
            'traefik.http.routers.site.service=site',
            'traefik.http.services.site.loadbalancer.server.port=80',
            'traefik.http.routers.ws.rule=Host(`a.example.com`) && PathPrefix(`/ws`)',
            'traefik.http.routers.ws.service=ws',
            `traefik.http.routers.ws.priority=${priority}`,
            'traefik.http.services.ws.loadbalancer.server.port=81',
          ]),
        },
      ]);
    const high = read('100');
    expect(high.ok && high.value.routes.map(url)).toContain('a.example.com/ws → app:81');
    const bad = read('1e3');
    expect(bad.ok && bad.value.routes.map(url)).not.toContain('a.example.com/ws → app:81');
    expect(bad.ok && bad.value.notes.map((n) => n.text)).toContain(
      "traefik.http.routers.ws.priority=1e3: not a whole number; Traefik's default is used",
    );
  });

  it('priorityOf reads 32-bit integers and nothing else', () => {
    expect([priorityOf('42'), priorityOf(' -7 '), priorityOf('2147483647')]).toEqual([42, -7, 2147483647]);
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = priorityOf(s);
        if (n !== undefined)
          expect(String(n)).toBe(
            s
              .trim()
              .replace(/^(-?)0+(?=\d)/, '$1')
              .replace(/^-0$/, '0'),
          );
      }),
    );
    for (const bad of ['', '1.5', '1e3', '0x10', '2147483648', 'high', '1 2'])
      expect(priorityOf(bad), bad).toBeUndefined();
  });
});
