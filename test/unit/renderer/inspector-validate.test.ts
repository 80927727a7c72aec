import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../shared/format/index';
import { saveProject } from '../../../shared/format/save';
import {
  addComponent,
  addRoute,
  emptyProject,
  updateComponent,
  updateRoute,
  type ComponentId,
  type Project,
  type RouteId,
} from '../../../shared/model/index';
import { checkProject } from '../../../shared/rules/index';
import { getTemplate } from '../../../shared/templates/index';
import {
  hasControlCharacters,
  MAX_REPLICAS,
  validateContainerPort,
  validateEnvName,
  validateHost,
  validateImage,
  validateInteger,
  validateMultilineText,
  validateName,
  validateNumber,
  validatePath,
  validatePortName,
  validatePropertyKey,
  validatePublicPort,
  validateRegistry,
  validateReplicas,
  validateSecretLength,
  validateTag,
  validateText,
  type Validation,
} from '../../../renderer/src/inspector/validate';
import { portForScheme, suggestRoute } from '../../../renderer/src/inspector/routes';
import { filterKinds, freeSpot } from '../../../renderer/src/palette/Palette';

const manual = (): Project => {
  const r = loadProject(getTemplate('manual')!.text);
  if (!r.ok) throw new Error('template does not load');
  return r.project;
};

const error = <T>(v: Validation<T>): string => (v.ok ? '' : v.error);

describe('host names', () => {
  it.each(['auth.example.com', 'localhost', 'a-1.b-2.example', 'xn--bcher-kva.example'])('accepts %s', (h) => {
    expect(validateHost(h)).toEqual({ ok: true, value: h });
  });
  it.each([
    ['', /Enter a host name/],
    ['https://auth.example.com', /without the scheme/],
    ['auth.example.com/ws', /path has its own field/],
    ['auth.example.com:8443', /without a port/],
    ['auth example.com', /Spaces/],
    ['auth..example.com', /dot/],
    ['.example.com', /dot/],
    ['-auth.example.com', /start or end with "-"/],
    [`${'a'.repeat(64)}.com`, /63 characters/],
    ['auth_1.example.com', /RFC 1123/],
    ['ä.example.com', /RFC 1123/],
    ['auth.example.com\n', /control characters/],
  ])('refuses %j with a reason', (h, reason) => {
    expect(error(validateHost(h))).toMatch(reason);
  });
});

describe('paths', () => {
  it.each(['/', '/ws', '/api/v1/', '/a%20b', '/~user/x.y_z-1'])('accepts %s', (p) => {
    expect(validatePath(p).ok).toBe(true);
  });
  it.each([
    ['', /Enter a path/],
    ['ws', /must start with "\/"/],
    ['/a b', /Spaces/],
    ['/a?b=1', /query/],
    ['/a/../b', /segments/],
    ['/.', /segments/],
    ['/a"b', /letters, digits/],
    ['/a%zz', /letters, digits/],
    ['/a\u0000', /control characters/],
  ])('refuses %j with a reason', (p, reason) => {
    expect(error(validatePath(p))).toMatch(reason);
  });
});

describe('environment names and property keys', () => {
  it('accepts the loader pattern and refuses the rest', () => {
    expect(validateEnvName('NEXTAUTH_LICENSE').ok).toBe(true);
    expect(validateEnvName('_x1').ok).toBe(true);
    expect(error(validateEnvName(''))).toMatch(/Enter/);
    expect(error(validateEnvName('1ABC'))).toMatch(/digit/);
    expect(error(validateEnvName('MY-VAR'))).toMatch(/letters, digits and "_"/);
    expect(error(validateEnvName('A B'))).toMatch(/letters/);
  });
  it('refuses a name another variable of the component already has', () => {
    expect(error(validateEnvName('REDIS_URL', ['A', 'REDIS_URL']))).toMatch(/already set/);
    expect(validateEnvName('REDIS_URL', ['A']).ok).toBe(true);
  });
  it('property keys', () => {
    expect(validatePropertyKey('external').ok).toBe(true);
    expect(validatePropertyKey('tls.mode-2').ok).toBe(true);
    expect(error(validatePropertyKey(''))).toMatch(/Enter/);
    expect(error(validatePropertyKey('9x'))).toMatch(/starting with a letter/);
    expect(error(validatePropertyKey('host', ['host']))).toMatch(/already set/);
  });
  it('every accepted env name survives a save and load', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AZaz09_-. '), maxLength: 12 }), (name) => {
        if (!validateEnvName(name).ok) return;
        const p = updateComponent(manual(), 'redis' as ComponentId, (c) => ({
          ...c,
          environment: { [name]: { type: 'literal', value: 'x' } },
        }));
        const back = loadProject(saveProject(p));
        expect(back.ok && Object.keys(back.project.components.find((c) => c.id === 'redis')!.environment)).toEqual([
          name,
        ]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('numbers', () => {
  it('replicas are whole numbers from 1 to 64', () => {
    expect(validateReplicas('3')).toEqual({ ok: true, value: 3 });
    expect(validateReplicas(String(MAX_REPLICAS)).ok).toBe(true);
    expect(error(validateReplicas('0'))).toMatch(/from 1 to 64/);
    expect(error(validateReplicas('65'))).toMatch(/from 1 to 64/);
    expect(error(validateReplicas('2.5'))).toMatch(/whole number/);
    expect(error(validateReplicas(''))).toMatch(/Enter a number/);
    expect(error(validateReplicas('1e3'))).toMatch(/whole number/);
  });
  it('secret lengths follow the loader', () => {
    expect(validateSecretLength('32').ok).toBe(true);
    expect(error(validateSecretLength('8'))).toMatch(/16 to 256/);
    expect(error(validateSecretLength('257'))).toMatch(/16 to 256/);
  });
  it('a public port is optional', () => {
    expect(validatePublicPort('')).toEqual({ ok: true, value: undefined });
    expect(validatePublicPort('8443')).toEqual({ ok: true, value: 8443 });
    expect(validatePublicPort('0').ok).toBe(false);
    expect(validatePublicPort('70000').ok).toBe(false);
  });
  it('generic ranges and decimals', () => {
    expect(validateInteger(' 7 ', 1, 10)).toEqual({ ok: true, value: 7 });
    expect(validateNumber('1.5')).toEqual({ ok: true, value: 1.5 });
    expect(validateNumber('-2')).toEqual({ ok: true, value: -2 });
    expect(validateNumber('abc').ok).toBe(false);
    expect(validateNumber('').ok).toBe(false);
  });
});

describe('text', () => {
  it('refuses control characters and line breaks in one-line text', () => {
    for (const s of ['a\nb', 'a\rb', 'a\tb', 'a\u0007', 'a\u2028b', 'a\u0085']) {
      expect(hasControlCharacters(s)).toBe(true);
      expect(error(validateText(s))).toMatch(/control characters/);
      expect(validateName(s).ok).toBe(false);
    }
    expect(validateText('mysql://u:${MYSQL_PASSWORD}@mysql:3306/db?loc=Local').ok).toBe(true);
    expect(validateText('').ok).toBe(true);
  });
  it('names are not blank', () => {
    expect(error(validateName('   '))).toMatch(/Enter a name/);
    expect(error(validateName('x'.repeat(81)))).toMatch(/80/);
    expect(validateName('nginx (edge)').ok).toBe(true);
  });
  it('a description may span lines but holds no other control characters', () => {
    expect(validateMultilineText('line 1\nline 2\tend').ok).toBe(true);
    expect(validateMultilineText('bell\u0007').ok).toBe(false);
  });
});

describe('settings', () => {
  it('registry and tag', () => {
    expect(validateRegistry('').ok).toBe(true);
    expect(validateRegistry('registry.example.com:5000/nextauth').ok).toBe(true);
    expect(error(validateRegistry('https://registry.example.com'))).toMatch(/scheme/);
    expect(error(validateRegistry('Registry.example.com'))).toMatch(/lower case/);
    expect(error(validateRegistry('registry.example.com/'))).toMatch(/trailing/);
    expect(validateTag('1.2.3-rc_1').ok).toBe(true);
    expect(error(validateTag(''))).toMatch(/Enter a tag/);
    expect(error(validateTag('-x'))).toMatch(/not starting/);
  });
});

/** The checker is the authority: what the inspector accepts, NA027/NA031 must not report, and the reverse. */
describe('agrees with the checker', () => {
  const na = (p: Project) => checkProject(p).filter((d) => d.rule === 'NA027' || d.rule === 'NA031');
  const routeWith = (patch: { host?: string; path?: string }) =>
    updateRoute(manual(), 'ws' as RouteId, (r) => ({ ...r, ...patch }));
  const settingsWith = (patch: { registry?: string; tag?: string }) => {
    const p = manual();
    return { ...p, settings: { ...p.settings, ...patch } };
  };

  it('the manual template is clean to begin with', () => {
    expect(na(manual())).toEqual([]);
  });

  it('on host names', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab9-._:/ '), maxLength: 20 }), (host) => {
        expect(validateHost(host).ok).toBe(na(routeWith({ host })).length === 0);
      }),
      { numRuns: 150 },
    );
  });

  it('on paths', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'/a.%2F_~-? \n'), maxLength: 12 }), (path) => {
        expect(validatePath(path).ok).toBe(na(routeWith({ path })).length === 0);
      }),
      { numRuns: 150 },
    );
  });

  it('on registries and tags', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aZ9.-_:/'), maxLength: 14 }), (text) => {
        expect(validateRegistry(text).ok).toBe(na(settingsWith({ registry: text })).length === 0);
        expect(validateTag(text).ok).toBe(na(settingsWith({ tag: text })).length === 0);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a new route row', () => {
  const withProxy = () => {
    let p = emptyProject('t');
    for (const [kind, name] of [
      ['nextauth', 'nextauth'],
      ['reverse-proxy', 'proxy'],
      ['database', 'MySQL'],
      ['redis', 'Redis'],
    ] as const) {
      p = addComponent(p, { kind, name, position: { x: 0, y: 0 } }).project;
    }
    return p;
  };

  it('offers the wss:// URL to port 8009 first', () => {
    expect(suggestRoute(withProxy(), 'proxy' as ComponentId)).toEqual({
      via: 'proxy',
      scheme: 'wss',
      host: 'auth.example.com',
      path: '/',
      target: 'nextauth',
      port: 'ws',
      tls: { terminate: true, reencrypt: false },
    });
  });

  it('then the other documented mappings, each on its own host', () => {
    let p = withProxy();
    const seen: string[] = [];
    for (let i = 0; i < 2; i++) {
      const r = suggestRoute(p, 'proxy' as ComponentId)!;
      seen.push(`${r.scheme}://${r.host}${r.path} -> ${r.target}:${r.port}`);
      p = addRoute(p, r).project;
    }
    expect(seen).toEqual([
      'wss://auth.example.com/ -> nextauth:ws',
      'https://mobile.auth.example.com/ -> nextauth:mobile',
    ]);
  });

  it('never publishes the REST API, and makes no address or duplicate problems, once everything is routed', () => {
    let p = manual();
    for (let i = 0; i < 3; i++) {
      const r = suggestRoute(p, 'proxy' as ComponentId)!;
      expect(r.port).not.toBe('rest');
      expect(validateHost(r.host).ok && validatePath(r.path).ok).toBe(true);
      p = addRoute(p, r).project;
    }
    const found = checkProject(p).map((d) => d.rule);
    for (const rule of ['NA001', 'NA008', 'NA009', 'NA027']) expect(found).not.toContain(rule);
  });

  it('has nothing to offer without a service to route to', () => {
    const p = addComponent(emptyProject('t'), { kind: 'reverse-proxy', name: 'proxy', position: { x: 0, y: 0 } });
    expect(suggestRoute(p.project, p.id)).toBeUndefined();
  });

  it('picks a port that suits the scheme', () => {
    expect(portForScheme({ kind: 'nextauth' }, 'wss')).toBe('ws');
    expect(portForScheme({ kind: 'nextauth' }, 'https')).toBe('mobile');
    expect(portForScheme({ kind: 'nextauth-mgmt' }, 'https')).toBe('dashboard');
  });
});

describe('palette search', () => {
  it('matches label, kind id, description and group, every word', () => {
    expect(filterKinds('').length).toBe(14);
    expect(filterKinds('custom').map((k) => k.kind)).toEqual(['container']);
    expect(filterKinds('image ports').map((k) => k.kind)).toEqual(['container']);
    expect(filterKinds('redis').map((k) => k.kind)).toEqual(['redis', 'redis-sentinel']);
    expect(filterKinds('push').map((k) => k.kind)).toEqual(['push-fcm', 'push-apns']);
    expect(filterKinds('external services').map((k) => k.kind)).toEqual(['push-fcm', 'push-apns', 'license-server']);
    expect(filterKinds('PROXY nginx').map((k) => k.kind)).toEqual([]);
    expect(filterKinds('reverse proxy').map((k) => k.kind)).toContain('reverse-proxy');
    expect(filterKinds('zzz')).toEqual([]);
  });
});

describe('keyboard adds', () => {
  it('land at the centre when it is free, and beside earlier nodes when not', () => {
    const at = { x: 160, y: 320 };
    let p = emptyProject('t');
    expect(freeSpot(at, 'redis', p)).toEqual(at);
    const boxes: { x: number; y: number }[] = [];
    for (let i = 0; i < 6; i++) {
      const spot = freeSpot(at, 'redis', p);
      boxes.push(spot);
      p = addComponent(p, { kind: 'redis', name: 'Redis', position: spot }).project;
    }
    // No two of the six overlap (node boxes are 232 wide and under 120 high).
    for (const a of boxes) {
      for (const b of boxes) {
        if (a !== b) expect(Math.abs(a.x - b.x) >= 232 || Math.abs(a.y - b.y) >= 96).toBe(true);
      }
    }
  });
});

describe('custom container fields', () => {
  it('take a Docker image reference, as NA047 and the loader do', () => {
    expect(validateImage(' nginx:1.27 ')).toEqual({ ok: true, value: 'nginx:1.27' });
    expect(validateImage(`ghcr.io/acme/app@sha256:${'f'.repeat(64)}`).ok).toBe(true);
    expect(validateImage('')).toMatchObject({ ok: false, error: expect.stringMatching(/^Enter an image/) });
    expect(validateImage('App:1')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/is not a Docker image name/),
    });
    expect(validateImage('app:${TAG}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/tag Docker refuses/),
    });
  });

  it('take unique port names and one number per transport', () => {
    expect(validatePortName('smtp', ['web'])).toEqual({ ok: true, value: 'smtp' });
    expect(validatePortName('web', ['web']).ok).toBe(false);
    expect(validatePortName('a b').ok).toBe(false);
    const others = [{ number: 53, protocol: 'udp' }];
    expect(validateContainerPort('53', 'tcp', others)).toEqual({ ok: true, value: 53 });
    expect(validateContainerPort('53', 'udp', others)).toMatchObject({
      ok: false,
      error: 'Port 53/udp is already listed',
    });
    expect(validateContainerPort('0', 'tcp').ok).toBe(false);
    expect(validateContainerPort('65536', 'tcp').ok).toBe(false);
  });

  it('a container target offers its own ports to routes', () => {
    const relay = {
      kind: 'container' as const,
      ports: [
        { name: 'smtp', number: 25, protocol: 'tcp' as const },
        { name: 'web', number: 80, protocol: 'http' as const },
      ],
    };
    expect(portForScheme(relay, 'https')).toBe('web');
    expect(portForScheme({ kind: 'container', ports: [] }, 'https')).toBeUndefined();
  });
});
