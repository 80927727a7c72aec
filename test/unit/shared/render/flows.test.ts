import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diagramOf } from '../../../../shared/diagram/diagram';
import { edgeSpecs, type EdgeSpec } from '../../../../shared/diagram/edges';
import { formatFlows, trafficFlows, type TrafficFlow } from '../../../../shared/diagram/flows';
import { hasUnprintable } from '../../../../shared/model/printable';
import type { Project } from '../../../../shared/model/types';
import { arbitraryHostileProject } from '../../../support/arbitraries';
import { diagramProject, MIN_DIAGRAM_COMPONENTS } from '../../../support/diagram-projects';
import {
  component,
  dropLink,
  dropRoute,
  link,
  patchComponent,
  patchRoute,
  route,
  setEnv,
  template,
} from '../../../support/fixtures';

const manual = template('manual');
const byId = (flows: readonly TrafficFlow[], id: string): TrafficFlow => {
  const f = flows.find((x) => x.id === id);
  if (f === undefined) throw new Error(`no flow ${id} in ${flows.map((x) => x.id).join(', ')}`);
  return f;
};

/** The two invariants every flow keeps: its edges are drawn, and its path grows connected. */
function expectWellFormed(
  project: Project,
  flows: readonly TrafficFlow[],
  drawn: readonly Pick<EdgeSpec, 'id' | 'source' | 'target' | 'port'>[] = edgeSpecs(project),
): void {
  const edges = new Map(drawn.map((e) => [e.id, e] as const));
  const ids = new Set<string>();
  for (const flow of flows) {
    expect(ids.has(flow.id), `duplicate flow id ${flow.id}`).toBe(false);
    ids.add(flow.id);
    expect(flow.steps.length).toBeGreaterThan(0);
    const reached = new Set<string>();
    flow.steps.forEach((s, i) => {
      const edge = edges.get(s.edge);
      expect(edge, `${flow.id}: edge ${s.edge} is not drawn`).toBeDefined();
      expect([edge!.source, edge!.target, edge!.port]).toEqual([s.from, s.to, s.port]);
      if (i > 0) expect(reached.has(s.from) || reached.has(s.to), `${flow.id}: step ${i} is disconnected`).toBe(true);
      reached.add(s.from);
      reached.add(s.to);
    });
    expect(new Set(flow.edges)).toEqual(new Set(flow.steps.map((s) => s.edge)));
    expect(new Set(flow.nodes)).toEqual(reached);
    for (const t of flow.tlsEnds) expect(reached.has(t)).toBe(true);
  }
}

describe('trafficFlows on the manual template', () => {
  const flows = trafficFlows(manual);

  it('lists the flows of the issue, in its order', () => {
    expect(flows.map((f) => [f.id, f.title])).toEqual([
      ['login:nextauth', 'Mobile app login (WebSocket)'],
      ['mobile-api:nextauth', 'Mobile app → Mobile API'],
      ['dashboard:mgmt', 'Administrator → dashboard'],
      ['accounts:mgmt', 'Administrator → account management'],
      ['idp:mgmt', 'Administrator → identity provider'],
      ['rest-api:nextauth', 'Business application → REST API'],
      ['database:nextauth', 'nextauth → database'],
      ['kv:nextauth', 'nextauth → Redis'],
      ['push:nextauth', 'nextauth → push services'],
      ['license:nextauth', 'nextauth → license server'],
    ]);
  });

  it('login: mobile app → public WebSocket URL → nginx (TLS ends) → nextauth:8009', () => {
    expect(byId(flows, 'login:nextauth')).toEqual({
      id: 'login:nextauth',
      title: 'Mobile app login (WebSocket)',
      summary:
        'Mobile app opens wss://auth.example.com/; TLS ends at nginx, which forwards it to nextauth:8009 without TLS.',
      steps: [
        {
          from: 'mobile-app',
          to: 'proxy',
          edge: 'mobile-to-proxy',
          port: 'https',
          portNumber: 443,
          url: 'wss://auth.example.com/',
          tlsEnds: 'proxy',
        },
        {
          from: 'proxy',
          to: 'nextauth',
          edge: 'route:ws',
          port: 'ws',
          portNumber: 8009,
          url: 'wss://auth.example.com/',
        },
      ],
      nodes: ['mobile-app', 'proxy', 'nextauth'],
      edges: ['mobile-to-proxy', 'route:ws'],
      tlsEnds: ['proxy'],
      urls: ['wss://auth.example.com/'],
    });
  });

  it('the Mobile API and the three web interfaces each go through nginx', () => {
    const expected: [string, string, string, number, string][] = [
      ['mobile-api:nextauth', 'mobile-app', 'route:mobile-api', 8889, 'https://mobile.auth.example.com/'],
      ['dashboard:mgmt', 'admin', 'route:dashboard', 80, 'https://dashboard.auth.example.com/'],
      ['accounts:mgmt', 'admin', 'route:accounts', 81, 'https://accounts.auth.example.com/'],
      ['idp:mgmt', 'admin', 'route:idp', 82, 'https://idp.auth.example.com/'],
    ];
    for (const [id, client, edge, number, url] of expected) {
      const flow = byId(flows, id);
      expect(flow.steps.map((s) => [s.from, s.to, s.edge, s.portNumber, s.url, s.tlsEnds])).toEqual([
        [client, 'proxy', client === 'admin' ? 'admin-to-proxy' : 'mobile-to-proxy', 443, url, 'proxy'],
        ['proxy', flow.nodes.at(-1), edge, number, url, undefined],
      ]);
      expect(flow.urls).toEqual([url]);
      expect(flow.tlsEnds).toEqual(['proxy']);
    }
  });

  it('the REST API is reached on the internal network only', () => {
    expect(byId(flows, 'rest-api:nextauth')).toMatchObject({
      summary: 'Business application connects to nextauth at http://nextauth:8888 without TLS.',
      steps: [
        {
          from: 'business-app',
          to: 'nextauth',
          edge: 'app-to-rest',
          port: 'rest',
          portNumber: 8888,
          url: 'http://nextauth:8888',
        },
      ],
      tlsEnds: [],
      urls: ['http://nextauth:8888'],
    });
  });

  it('egress: one flow per target group, with the documented addresses', () => {
    const rows = (id: string) => byId(flows, id).steps.map((s) => [s.to, s.edge, s.portNumber, s.url, s.tlsEnds]);
    expect(rows('database:nextauth')).toEqual([['mysql', 'nextauth-to-mysql', 3306, 'mysql://mysql:3306', undefined]]);
    expect(rows('kv:nextauth')).toEqual([['redis', 'nextauth-to-redis', 6379, 'redis://redis:6379', undefined]]);
    expect(rows('push:nextauth')).toEqual([
      ['fcm', 'nextauth-to-fcm', 443, 'https://fcm.googleapis.com', 'fcm'],
      ['apns', 'nextauth-to-apns', 443, 'https://api.push.apple.com', 'apns'],
    ]);
    expect(rows('license:nextauth')).toEqual([
      ['license', 'nextauth-to-license', 443, 'https://license.nextauth.com', 'license'],
    ]);
  });

  it('formats as one block per flow, steps as from → to:port (url, TLS ends at X)', () => {
    const text = formatFlows(flows, manual);
    expect(text.split('\n\n')).toHaveLength(10);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.split('\n\n')[0]).toBe(
      [
        '1. Mobile app login (WebSocket)',
        '   Mobile app opens wss://auth.example.com/; TLS ends at nginx, which forwards it to nextauth:8009 without TLS.',
        '   Mobile app → nginx:443 (wss://auth.example.com/, TLS ends at nginx)',
        '   nginx → nextauth:8009 (wss://auth.example.com/)',
      ].join('\n'),
    );
    expect(text).toContain(
      [
        '10. nextauth → license server',
        '   nextauth connects to nextAuth license server at https://license.nextauth.com over TLS.',
        '   nextauth → nextAuth license server:443 (https://license.nextauth.com, TLS ends at nextAuth license server)',
      ].join('\n'),
    );
    expect(text).toContain('   nextauth → MySQL:3306 (mysql://mysql:3306)\n');
  });

  it('says so when there is nothing to show', () => {
    const empty: Project = { ...manual, components: [], links: [], routes: [] };
    expect(trafficFlows(empty)).toEqual([]);
    expect(formatFlows([], empty)).toMatch(/^No traffic flows/);
  });
});

describe('trafficFlows on the other templates', () => {
  it('default: portmap serves every public URL; no business application, so no REST API flow', () => {
    const flows = trafficFlows(template('default'));
    expect(flows.map((f) => f.id)).toEqual([
      'login:nextauth',
      'mobile-api:nextauth',
      'dashboard:mgmt',
      'accounts:mgmt',
      'idp:mgmt',
      'database:nextauth',
      'kv:nextauth',
      'push:nextauth',
      'license:nextauth',
    ]);
    expect(byId(flows, 'login:nextauth').tlsEnds).toEqual(['portmap']);
  });

  it('ha: Redis through Sentinel, and the customer database at its own host', () => {
    const flows = trafficFlows(template('ha'));
    const kv = byId(flows, 'kv:nextauth');
    expect(kv.title).toBe('nextauth → Redis Sentinel → Redis');
    expect(kv.steps.map((s) => [s.from, s.to, s.url])).toEqual([
      ['nextauth', 'redis-sentinel', 'redis://redis-sentinel:26379'],
      ['redis-sentinel', 'redis', 'redis://redis:6379'],
      ['nextauth', 'redis', 'redis://redis:6379'],
    ]);
    expect(byId(flows, 'database:nextauth').urls).toEqual(['mysql://mysql.db.example.com:3306']);
  });

  it.each(['default', 'manual', 'ha'] as const)('%s: every flow edge is in the diagram', (id) => {
    const project = template(id);
    expectWellFormed(project, trafficFlows(project), diagramOf(project).edges);
  });
});

describe('where TLS ends', () => {
  const login = (p: Project) => byId(trafficFlows(p), 'login:nextauth');

  it('re-encryption: TLS ends at nginx and again at nextauth', () => {
    const flow = login(patchRoute(manual, 'ws', { tls: { terminate: true, reencrypt: true } }));
    expect(flow.steps.map((s) => s.tlsEnds)).toEqual(['proxy', 'nextauth']);
    expect(flow.tlsEnds).toEqual(['proxy', 'nextauth']);
    expect(flow.summary).toContain('over a new TLS connection');
  });

  it('passthrough: the client TLS goes through nginx and ends at nextauth', () => {
    const flow = login(patchRoute(manual, 'ws', { tls: { terminate: false, reencrypt: false } }));
    expect(flow.steps.map((s) => s.tlsEnds)).toEqual(['nextauth', 'nextauth']);
    expect(flow.summary).toBe(
      'Mobile app opens wss://auth.example.com/; TLS passes through nginx and ends at nextauth:8009.',
    );
  });

  it('a plain ws:// URL has no TLS anywhere', () => {
    const flow = login(patchRoute(manual, 'ws', { scheme: 'ws', tls: { terminate: false, reencrypt: false } }));
    expect(flow.tlsEnds).toEqual([]);
    expect(flow.urls).toEqual(['ws://auth.example.com/']);
    expect(flow.summary).toBe(
      'Mobile app opens ws://auth.example.com/ without TLS; nginx forwards it to nextauth:8009.',
    );
  });

  it('the REST API over TLS when its certificate and key are set on nextauth', () => {
    let p = setEnv(manual, 'nextauth', 'NEXTAUTH_API_TLS_CERT', '/certs/api.crt');
    p = setEnv(p, 'nextauth', 'NEXTAUTH_API_TLS_KEY', { type: 'secret', length: 32 });
    const flow = byId(trafficFlows(p), 'rest-api:nextauth');
    expect(flow.steps[0]).toMatchObject({ url: 'https://nextauth:8888', tlsEnds: 'nextauth' });
  });
});

describe('only what the drawing has', () => {
  it('no mobile app, no login or Mobile API flow', () => {
    const p = dropLink(manual, 'mobile-to-proxy');
    const ids = trafficFlows(p).map((f) => f.id);
    expect(ids).not.toContain('login:nextauth');
    expect(ids).not.toContain('mobile-api:nextauth');
    expect(ids).toContain('dashboard:mgmt');
  });

  it('no route to a web interface, no flow for it', () => {
    const ids = trafficFlows(dropRoute(manual, 'accounts')).map((f) => f.id);
    expect(ids).not.toContain('accounts:mgmt');
    expect(ids).toContain('idp:mgmt');
  });

  it('a route through something that is not an entry point is not a public flow', () => {
    const p = patchRoute(manual, 'ws', { via: 'mgmt' as never });
    expect(trafficFlows(p).map((f) => f.id)).not.toContain('login:nextauth');
  });

  it('a mobile app linked straight to nextauth reaches it without a public URL', () => {
    const p = link(dropRoute(manual, 'ws'), 'mobile-app', 'nextauth', 'ws');
    const flow = byId(trafficFlows(p), 'login:nextauth');
    expect(flow.steps.map((s) => [s.from, s.to, s.url])).toEqual([['mobile-app', 'nextauth', 'ws://nextauth:8009']]);
  });

  it('a second entry point joins the flow connected: its route first, then its clients', () => {
    let p = component(manual, { id: 'edge2', kind: 'reverse-proxy', name: 'edge2', position: { x: 0, y: 0 } });
    p = component(p, { id: 'phone2', kind: 'mobile-app', name: 'Phone 2', position: { x: 0, y: 0 } });
    p = link(p, 'phone2', 'edge2', 'https');
    p = route(p, {
      id: 'ws2',
      via: 'edge2',
      target: 'nextauth',
      port: 'ws',
      scheme: 'wss',
      host: 'b.example.com',
      path: '/',
    });
    const flow = byId(trafficFlows(p), 'login:nextauth');
    expect(flow.steps.map((s) => s.edge)).toEqual(['mobile-to-proxy', 'route:ws', 'route:ws2', 'phone2-to-edge2']);
    expect(flow.summary).toContain('Phone 2 opens wss://b.example.com/; TLS ends at edge2');
    expectWellFormed(p, [flow]);
  });

  it('names each flow after its component when there are several', () => {
    const p = patchComponent(manual, 'nextauth', { name: 'Acme nextauth' });
    expect(byId(trafficFlows(p), 'login:nextauth').title).toBe('Mobile app login (WebSocket)');
    const two = component(p, { id: 'nextauth-2', kind: 'nextauth', name: 'Other', position: { x: 0, y: 0 } });
    expect(byId(trafficFlows(two), 'login:nextauth').title).toBe('Mobile app login (WebSocket) — Acme nextauth');
  });
});

describe('trafficFlows properties', () => {
  it('generated deployments: every flow edge is in diagramOf(project).edges, every step connected', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MIN_DIAGRAM_COMPONENTS, max: 60 }),
        fc.nat(10_000),
        fc.constantFrom('shared', 'per-tenant') as fc.Arbitrary<'shared' | 'per-tenant'>,
        (count, seed, redis) => {
          const project = diagramProject(count, seed, { redis });
          const flows = trafficFlows(project);
          expectWellFormed(project, flows, diagramOf(project).edges);
          // Every tenant logs in, and every nextauth reaches its database and the license server.
          for (const n of project.components.filter((c) => c.kind === 'nextauth')) {
            for (const type of ['login', 'mobile-api', 'database', 'kv', 'license'])
              expect(flows.some((f) => f.id === `${type}:${n.id}`)).toBe(true);
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('hostile projects: never throws, edges are drawn, and the listing stays printable', () => {
    fc.assert(
      fc.property(arbitraryHostileProject, (project) => {
        const flows = trafficFlows(project);
        expectWellFormed(project, flows);
        const text = formatFlows(flows, project);
        for (const line of text.split('\n')) expect(hasUnprintable(line)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
