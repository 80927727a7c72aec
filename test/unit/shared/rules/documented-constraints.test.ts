import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Project } from '../../../../shared/model/index';
import { placeholderHost } from '../../../../shared/rules/checks/na040-placeholder-domain';
import { unreachableFromInternet } from '../../../../shared/rules/checks/na043-private-public-urls';
import { applyFix, checkProject, fixFor, getRule, RULES } from '../../../../shared/rules/index';
import { TEMPLATES } from '../../../../shared/templates/index';
import { expectFixRemoves, of } from '../../../support/fix-check';
import { link, patchComponent, patchRoute, route, setEnv, template } from '../../../support/fixtures';

/*
 * The rules added when the catalog was re-read against ../shared/nextauth-reference.md
 * (NA040–NA044): each fires, stays quiet on its near misses, and its quick fix removes it
 * without adding errors. The README's table of documented constraints is checked against the
 * registry at the end.
 */

const manual = template('manual');
const portmap = template('default');
const ha = template('ha');

const ids = (p: Project) => new Set([...p.zones, ...p.components, ...p.links, ...p.routes].map((e) => e.id as string));

interface Case {
  readonly name: string;
  readonly trigger: Project;
  readonly count?: number;
  readonly message?: RegExp;
}

const restOnSharedHost = route(manual, {
  id: 'rest',
  via: 'proxy',
  scheme: 'https',
  host: 'auth.example.com',
  path: '/api',
  target: 'nextauth',
  port: 'rest',
});

const CASES: Record<string, { fires: Case[]; quiet: [name: string, project: Project][]; fixable: boolean }> = {
  NA040: {
    fixable: false,
    fires: [
      {
        name: 'the docs’ host name on a route',
        trigger: patchRoute(manual, 'ws', { host: 'nextauth.mydomain.com' }),
        message: /route ws serves wss:\/\/nextauth\.mydomain\.com\/; "mydomain\.com" is the placeholder domain/,
      },
      {
        name: 'the docs’ WebSocket URL in the environment',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss://nextauth.mydomain.com/ns/websocket'),
        message: /"nextauth" names NEXTAUTH_DEFAULT_WS_URL \(nextauth\.mydomain\.com\)/,
      },
      {
        name: 'two values of one component, reported once',
        trigger: setEnv(
          setEnv(manual, 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', 'wss://NEXTAUTH.MyDomain.com/'),
          'nextauth',
          'CALLBACK',
          'https://app.your-domain.com/cb',
        ),
        message: /NEXTAUTH_DEFAULT_WS_URL \(nextauth\.mydomain\.com\), CALLBACK \(app\.your-domain\.com\)/,
      },
      {
        name: 'a customer-run database on a placeholder host',
        trigger: patchComponent(ha, 'mysql', {
          properties: { external: true, host: 'mysql.yourdomain.com' },
        }),
        message: /property host \(mysql\.yourdomain\.com\)/,
      },
      {
        name: 'the image registry',
        trigger: { ...manual, settings: { ...manual.settings, registry: 'registry.mydomain.com/nextauth' } },
        message: /image registry registry\.mydomain\.com\/nextauth/,
      },
    ],
    quiet: [
      ['the templates’ reserved example names (RFC 2606)', manual],
      ['a domain that only ends in the same letters', patchRoute(manual, 'ws', { host: 'auth.notmydomain.com' })],
      ['a longer domain that starts with it', patchRoute(manual, 'ws', { host: 'auth.mydomain.com.au' })],
      ['a label that only starts with it', patchRoute(manual, 'ws', { host: 'mydomain.company.com' })],
      [
        'an operator input is never read',
        setEnv(manual, 'nextauth', 'X', { type: 'input', prompt: 'nextauth.mydomain.com' }),
      ],
    ],
  },
  NA041: {
    fixable: true,
    fires: [
      {
        name: 'the REST API at a path of the WebSocket’s host',
        trigger: restOnSharedHost,
        message:
          /REST API of "nextauth" is published at https:\/\/auth\.example\.com\/api, on the same host name as wss:\/\/auth\.example\.com\//,
      },
      {
        name: 'the REST API on the host of the dashboard, in other letter case',
        trigger: route(manual, {
          via: 'proxy',
          scheme: 'https',
          host: 'Dashboard.Auth.Example.com',
          path: '/api',
          target: 'nextauth',
          port: 'rest',
        }),
      },
    ],
    quiet: [
      [
        'the REST API on a host of its own',
        route(manual, {
          via: 'proxy',
          scheme: 'https',
          host: 'api.auth.example.com',
          path: '/',
          target: 'nextauth',
          port: 'rest',
        }),
      ],
      [
        'two REST API routes share their own host',
        route(
          route(manual, {
            via: 'proxy',
            scheme: 'https',
            host: 'api.auth.example.com',
            path: '/v1',
            target: 'nextauth',
            port: 'rest',
          }),
          {
            via: 'proxy',
            scheme: 'https',
            host: 'api.auth.example.com',
            path: '/v2',
            target: 'nextauth',
            port: 'rest',
          },
        ),
      ],
      [
        'through portmap (NA002 instead)',
        route(portmap, {
          via: 'portmap',
          scheme: 'https',
          host: 'auth.example.com',
          path: '/api',
          target: 'nextauth',
          port: 'rest',
        }),
      ],
    ],
  },
  NA042: {
    fixable: true,
    fires: [
      {
        name: 'the variable removed',
        trigger: setEnv(manual, 'nextauth', 'NEXTAUTH_ROOT_API_KEY', undefined),
        message: /"nextauth" does not set NEXTAUTH_ROOT_API_KEY/,
      },
      {
        name: 'on every nextauth of a project',
        trigger: setEnv(ha, 'nextauth', 'NEXTAUTH_ROOT_API_KEY', undefined),
      },
    ],
    quiet: [
      ['a generated secret', manual],
      [
        'an operator input',
        setEnv(manual, 'nextauth', 'NEXTAUTH_ROOT_API_KEY', { type: 'input', prompt: 'Root API key' }),
      ],
      ['set but empty (NA026 instead)', setEnv(manual, 'nextauth', 'NEXTAUTH_ROOT_API_KEY', '')],
    ],
  },
  NA043: {
    fixable: false,
    fires: [
      {
        name: 'the WebSocket on a private address',
        trigger: patchRoute(manual, 'ws', { host: '10.0.0.5' }),
        message:
          /reachable for the mobile app only on a private network \(wss:\/\/10\.0\.0\.5\/ is on a private address\)/,
      },
      {
        name: 'the Mobile API on localhost, through portmap',
        trigger: patchRoute(portmap, 'mobile-api', { host: 'localhost' }),
        message: /https:\/\/localhost\/ is on the local machine only/,
      },
      {
        name: 'both on mDNS and single-label names',
        trigger: patchRoute(patchRoute(manual, 'ws', { host: 'nextauth.local' }), 'mobile-api', { host: 'nextauth' }),
        message:
          /wss:\/\/nextauth\.local\/ is on a local-network \(mDNS\) name; https:\/\/nextauth\/ is on a single-label/,
      },
      {
        name: 'no mobile app drawn at all',
        trigger: patchRoute(
          { ...manual, components: manual.components.filter((c) => c.kind !== 'mobile-app'), links: [] },
          'ws',
          { host: '192.168.1.20' },
        ),
      },
    ],
    quiet: [
      ['public host names', manual],
      ['an address just outside 172.16.0.0/12', patchRoute(manual, 'ws', { host: '172.32.0.1' })],
      [
        'a public WebSocket URL beside the private one',
        route(patchRoute(manual, 'ws', { host: '10.0.0.5' }), {
          via: 'proxy',
          scheme: 'wss',
          host: 'ws.example.com',
          path: '/',
          target: 'nextauth',
          port: 'ws',
        }),
      ],
      [
        'the mobile app drawn inside the private network',
        patchComponent(patchRoute(manual, 'ws', { host: '10.0.0.5' }), 'mobile-app', { zone: 'internal' as never }),
      ],
    ],
  },
  NA044: {
    fixable: true,
    fires: [
      {
        name: 'mgmt connects to the database',
        trigger: link(manual, 'mgmt', 'mysql', 'db'),
        message: /"mgmt" connects to "MySQL" \(Database\), which the networking page does not list for nextauth-mgmt/,
      },
      { name: 'portmap connects to Redis', trigger: link(portmap, 'portmap', 'redis', 'redis') },
      { name: 'nextauth connects to mgmt', trigger: link(manual, 'nextauth', 'mgmt', 'dashboard') },
    ],
    quiet: [
      ['the documented connections of every template', manual],
      ['mgmt reaches nextauth on another port (the docs name none)', link(manual, 'mgmt', 'nextauth', 'ws')],
      ['portmap reaches mgmt, whose interfaces it maps', link(portmap, 'portmap', 'mgmt', 'dashboard')],
      ['mgmt connects outside the deployment (NA013 instead)', link(manual, 'mgmt', 'license', 'https')],
    ],
  },
};

describe('rules for documented constraints (NA040–NA044)', () => {
  for (const [id, table] of Object.entries(CASES)) {
    const rule = getRule(id)!;
    describe(`${id} ${rule?.name}`, () => {
      it('is registered, with docs, a reason and a quick fix exactly where one is safe', () => {
        expect(rule).toBeDefined();
        expect(rule.docs.url).toMatch(/^https:\/\//);
        expect(rule.why).toMatch(/^[A-Za-z].*[.]$/);
        expect(rule.fix !== undefined).toBe(table.fixable);
      });

      it.each(table.fires.map((c) => [c.name, c] as const))('fires: %s', (_name, c) => {
        const found = of(c.trigger, id);
        expect(found, JSON.stringify(found, null, 1)).toHaveLength(c.count ?? 1);
        const known = ids(c.trigger);
        for (const d of found) {
          expect(d.severity).toBe(rule.severity);
          for (const e of d.elements) expect(known.has(e.id), e.id).toBe(true);
          if (c.message) expect(d.message).toMatch(c.message);
        }
      });

      it.each(table.quiet)('stays quiet: %s', (_name, project) => {
        expect(of(project, id)).toEqual([]);
      });

      if (table.fixable) {
        it.each(table.fires.map((c) => [c.name, c] as const))(
          'its fix is offered and removes the diagnostic without adding errors: %s',
          (_name, c) => {
            // Every diagnostic of the rule, one fix at a time, as an architect clicking each button would.
            let project = c.trigger;
            for (let guard = 0; guard < 10 && of(project, id).length > 0; guard++) {
              project = expectFixRemoves(project, id);
            }
            expect(of(project, id)).toEqual([]);
          },
        );
      }
    });
  }

  it('the templates stay quiet under the new rules, infos included', () => {
    for (const t of TEMPLATES) {
      const found = checkProject(template(t.id)).filter((d) => Object.hasOwn(CASES, d.rule));
      expect(found, t.id).toEqual([]);
    }
  });
});

describe('NA040 placeholder hosts', () => {
  it.each([
    ['nextauth.mydomain.com', 'nextauth.mydomain.com', 'mydomain.com'],
    ['wss://ns-api.nextauth.mydomain.com/ns/websocket', 'ns-api.nextauth.mydomain.com', 'mydomain.com'],
    ['mysql://u:p@db.My-Domain.com:3306/x', 'db.my-domain.com', 'my-domain.com'],
    ['yourdomain.com', 'yourdomain.com', 'yourdomain.com'],
  ])('finds %s', (text, host, domain) => {
    expect(placeholderHost(text)).toEqual({ host, domain });
  });

  it.each(['auth.example.com', 'notmydomain.com', 'mydomain.com.au', 'mydomain.company.com', 'mydomain-com.net', ''])(
    'ignores %j',
    (text) => {
      expect(placeholderHost(text)).toBeUndefined();
    },
  );
});

describe('NA041 quick fix', () => {
  it('moves the REST API to api.<host>, keeping its path', () => {
    const d = of(restOnSharedHost, 'NA041')[0]!;
    expect(getRule('NA041')!.fix!.title(d, restOnSharedHost)).toBe('Move the REST API to api.auth.example.com');
    const fixed = applyFix(restOnSharedHost, d);
    expect(fixed.routes.find((r) => r.id === 'rest')).toMatchObject({ host: 'api.auth.example.com', path: '/api' });
  });

  it('picks the next free name, and is not offered when none is free', () => {
    const taken = (p: Project, host: string) =>
      route(p, { via: 'proxy', scheme: 'https', host, path: '/x', target: 'mgmt', port: 'dashboard' });
    let p = taken(restOnSharedHost, 'api.auth.example.com');
    expect(applyFix(p, of(p, 'NA041')[0]!).routes.find((r) => r.id === 'rest')!.host).toBe('rest-api.auth.example.com');
    p = taken(taken(p, 'rest-api.auth.example.com'), 'nextauth-api.auth.example.com');
    const d = of(p, 'NA041')[0]!;
    expect(fixFor(d, p)).toBeUndefined();
  });

  it('is not offered while an environment value names the REST API’s URL', () => {
    const p = setEnv(restOnSharedHost, 'business-app', 'API_URL', 'https://auth.example.com/api/v1');
    const d = of(p, 'NA041')[0]!;
    expect(d).toBeDefined();
    expect(fixFor(d, p)).toBeUndefined();
    // The same value on another host does not stand in the way.
    const q = setEnv(restOnSharedHost, 'business-app', 'API_URL', 'https://other.example.com/api/v1');
    expect(fixFor(of(q, 'NA041')[0]!, q)).toBeDefined();
  });
});

describe('NA042 quick fix', () => {
  it('generates the key as a secret at export', () => {
    const p = setEnv(manual, 'nextauth', 'NEXTAUTH_ROOT_API_KEY', undefined);
    const fixed = applyFix(p, of(p, 'NA042')[0]!);
    expect(fixed.components.find((c) => c.id === 'nextauth')!.environment.NEXTAUTH_ROOT_API_KEY).toEqual({
      type: 'secret',
      length: 32,
    });
  });
});

describe('NA043 addresses', () => {
  it.each([
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.0.1', 'a private address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['127.0.0.1', 'a loopback address'],
    ['169.254.1.1', 'a link-local address'],
    ['0.0.0.0', 'an unroutable address'],
    ['LOCALHOST', 'the local machine only'],
    ['app.localhost', 'the local machine only'],
    ['nextauth.local', 'a local-network (mDNS) name'],
    ['auth.home.arpa', 'a private-network name'],
    ['auth.corp.internal', 'a private-network name'],
    ['nextauth', 'a single-label name no public DNS serves'],
    ['nextauth2', 'a single-label name no public DNS serves'],
    ['10.0.0.5.', 'a private address'],
  ])('%s is %s', (host, why) => {
    expect(unreachableFromInternet(host)).toBe(why);
  });

  it.each([
    'auth.example.com',
    'auth.example.com.',
    'api2.example.com',
    '8.8.8.8',
    '172.15.0.1',
    '172.32.0.1',
    '100.128.0.1',
    '192.169.0.1',
    '300.1.1.1',
  ])('%s is not judged private', (host) => {
    expect(unreachableFromInternet(host)).toBeUndefined();
  });
});

describe('README', () => {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('### Documented constraints and their rules');
  const section = readme.slice(start, readme.indexOf('\n## ', start));

  it('has the section of documented constraints, with a list of those deliberately left unchecked', () => {
    expect(start).toBeGreaterThan(-1);
    expect(section).toMatch(/Deliberately unchecked/);
  });

  it('names every registered rule in it', () => {
    const named = new Set(section.match(/NA\d{3}/g));
    expect(RULES.map((r) => r.id).filter((id) => !named.has(id))).toEqual([]);
  });

  it('names no rule that does not exist', () => {
    const known = new Set(RULES.map((r) => r.id));
    expect([...new Set(section.match(/NA\d{3}/g))].filter((id) => !known.has(id))).toEqual([]);
  });
});
