import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom, type ExportFile } from '../../../../shared/export/index';
import { mergeKept, passNode } from '../../../../shared/export/pass-through';
import { toYaml, yamlNumber, type YamlNode } from '../../../../shared/export/yaml';
import type { PassValue, Project, ProxyFlavour } from '../../../../shared/model/types';
import { passValueArbitrary } from '../../../support/arbitraries';
import { component, patchComponent, route, template } from '../../../support/fixtures';

/**
 * The compose side of custom containers and pass-through keys: kept values are written so that
 * YAML 1.2 and YAML 1.1 (docker-compose v1) both read them back as kept, merged with the keys the
 * exporter writes without losing any, and a container is a service and an upstream like any other.
 */

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.constantFrom(
    'yes',
    'on',
    'n',
    '1:20',
    '2001-12-14',
    '1.10',
    '0x1F',
    '1e3',
    '~',
    '',
    '<<',
    '__proto__',
    'a\nb',
    '\u0085',
    '\u2028',
    '"',
    "'",
    '#',
    '- a',
    'a: b',
    '$HOME',
    '${X:-y}',
    '$$',
  ),
);

/** What compose reads back: `$$` is one `$` after interpolation (and no other `$` may be left). */
function undollar(v: unknown): unknown {
  if (typeof v === 'string') {
    expect(v.replaceAll('$$', '')).not.toContain('$');
    return v.replaceAll('$$', '$');
  }
  if (Array.isArray(v)) return v.map(undollar);
  if (v !== null && typeof v === 'object') {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, x] of Object.entries(v)) out[k] = undollar(x);
    return out;
  }
  return v;
}

const entries = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(entries)
    : v !== null && typeof v === 'object'
      ? Object.keys(v).map((k) => [k, entries((v as Record<string, unknown>)[k])])
      : v;

describe('kept values in compose YAML', () => {
  it('read back as kept — in YAML 1.2 and in YAML 1.1 — keys in order, every $ escaped', () => {
    fc.assert(
      fc.property(passValueArbitrary(anyText), (value) => {
        const text = toYaml({ 'x-kept': passNode(value) });
        for (const version of ['1.2', '1.1'] as const) {
          const read = parse(text, { version, uniqueKeys: true, merge: false, intAsBigInt: false }) as {
            'x-kept': unknown;
          };
          expect(entries(undollar(read['x-kept'])), `YAML ${version}:\n${text}`).toEqual(entries(value));
        }
      }),
      { numRuns: 600 },
    );
  });

  it('keeps a ${NAME} reference to a variable .env defines, and escapes every other $', () => {
    const defined = new Set(['MYSQL_PASSWORD']);
    expect(passNode('mysqladmin ping -p${MYSQL_PASSWORD}', defined)).toBe('mysqladmin ping -p${MYSQL_PASSWORD}');
    expect(passNode('costs $5 per ${UNIT}, $HOME, ${MYSQL_PASSWORD}x', defined)).toBe(
      'costs $$5 per $${UNIT}, $$HOME, ${MYSQL_PASSWORD}x',
    );
    // Without references every $ is escaped, a reference too.
    expect(passNode('-p${MYSQL_PASSWORD}')).toBe('-p$${MYSQL_PASSWORD}');
    expect(passNode(['a${MYSQL_PASSWORD}', { k: '${MYSQL_PASSWORD}$' }], defined)).toEqual([
      'a${MYSQL_PASSWORD}',
      { k: '${MYSQL_PASSWORD}$$' },
    ]);
    expect(mergeKept({}, { healthcheck: { test: ['CMD-SHELL', 'x -p${MYSQL_PASSWORD}'] } }, defined).map).toEqual({
      healthcheck: { test: ['CMD-SHELL', 'x -p${MYSQL_PASSWORD}'] },
    });
  });

  it('writes numbers both YAML versions read as numbers', () => {
    expect(yamlNumber(1e21)).toBe('1.0e+21');
    expect(yamlNumber(1.5e-7)).toBe('1.5e-7');
    expect(yamlNumber(-2)).toBe('-2');
    expect(() => yamlNumber(Number.NaN)).toThrow();
    expect(toYaml({ a: [[1, [2]], [], null, { b: [] }] })).toBe(
      'a:\n  - - 1\n    - - 2\n  - []\n  - null\n  - b: []\n',
    );
  });
});

describe('merging kept keys with what the exporter writes', () => {
  const kept = (e: readonly (readonly [string, PassValue])[]) => {
    const out = Object.create(null) as Record<string, PassValue>;
    for (const [k, v] of e) out[k] = v;
    return out;
  };

  it('keeps every kept key: new ones after the exporter’s, maps merged, the exporter winning where both write', () => {
    const written: Record<string, YamlNode> = {
      image: 'mysql:8',
      command: ['--port=3307'],
      deploy: { replicas: 2 },
      volumes: ['db-data:/var/lib/mysql'],
      restart: 'unless-stopped',
    };
    const { map, notes } = mergeKept(
      written,
      kept([
        ['logging', { driver: 'syslog' }],
        ['deploy', { resources: { limits: { cpus: '0.5' } }, labels: { a: 'b' } }],
        [
          'volumes',
          [
            'db-data:/var/lib/mysql',
            'old:/var/lib/mysql:ro',
            './init:/docker-entrypoint-initdb.d',
            { type: 'tmpfs', target: '/tmp' },
          ],
        ],
        ['command', ['--port=3306']],
        ['restart', 'unless-stopped'],
        ['cap_add', ['NET_ADMIN']],
      ]),
    );
    expect(Object.keys(map)).toEqual(['image', 'command', 'deploy', 'volumes', 'restart', 'logging', 'cap_add']);
    expect(map.deploy).toEqual({ replicas: 2, resources: { limits: { cpus: '0.5' } }, labels: { a: 'b' } });
    expect(map.volumes).toEqual([
      'db-data:/var/lib/mysql',
      './init:/docker-entrypoint-initdb.d',
      { type: 'tmpfs', target: '/tmp' },
    ]);
    expect(map.command).toEqual(['--port=3307']);
    expect(map.restart).toBe('unless-stopped');
    expect([...notes]).toEqual([
      [
        'volumes',
        ' Portolan writes volumes from the drawing; kept from the import and replaced here: volumes item "old:/var/lib/mysql:ro"',
      ],
      [
        'command',
        ' Portolan writes command from the drawing; kept from the import and replaced here: command: ["--port=3306"]',
      ],
    ]);
    // The exporter's own map is not changed.
    expect(written.deploy).toEqual({ replicas: 2 });
  });

  it('adds kept ports (forms a publish cannot hold) to the ones the drawing publishes', () => {
    const { map, notes } = mergeKept({ ports: ['80:80'] }, kept([['ports', ['80:80', '127.0.0.1:8443:443', '9000']]]));
    expect(map.ports).toEqual(['80:80', '127.0.0.1:8443:443', '9000']);
    expect(notes.size).toBe(0);
  });

  it('a note never spans lines, whatever the kept value holds', () => {
    const { notes } = mergeKept({ restart: 'no' }, kept([['restart', 'a\nb\u0085c\u2028d\re']]));
    const note = notes.get('restart')!;
    expect(note).not.toMatch(/[\n\r\u0085\u2028\u2029]/);
    const text = toYaml(
      { services: { s: { restart: 'no' } } },
      { notesAt: new Map([['services\u0000s\u0000restart', note]]) },
    );
    expect(text.split('\n')).toHaveLength(5);
    expect(parse(text, { version: '1.1' })).toEqual({ services: { s: { restart: 'no' } } });
  });
});

describe('a custom container in the export', () => {
  function project(): Project {
    let p = component(template('manual'), { kind: 'container', id: 'app', name: 'App', position: { x: 0, y: 0 } });
    p = patchComponent(p, 'app', {
      image: 'ghcr.io/acme/app:2',
      ports: [{ name: 'web', number: 3000, protocol: 'http' }],
      environment: { APP_MODE: { type: 'literal', value: 'on' } },
    });
    return route(p, {
      via: 'proxy',
      scheme: 'https',
      host: 'app.example.com',
      path: '/',
      target: 'app',
      port: 'web',
      tls: { terminate: true, reencrypt: false },
    });
  }

  const files = (flavour: ProxyFlavour): readonly ExportFile[] => {
    const result = exportProject(project(), { random: seededRandom(3), proxy: flavour });
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
    return result.files;
  };

  it('is a service with its own image and variables, reached on the edge network', () => {
    const compose = parse(files('nginx').find((f) => f.path === 'docker-compose.yml')!.contents) as {
      services: Record<string, Record<string, unknown>>;
    };
    expect(compose.services.app).toEqual({
      image: 'ghcr.io/acme/app:2',
      environment: { APP_MODE: 'on' },
      networks: ['edge', 'backend'],
      restart: 'unless-stopped',
    });
  });

  it.each(['nginx', 'haproxy', 'caddy', 'traefik'] as const)(
    '%s forwards its URL to the container’s own port number',
    (flavour) => {
      const config = files(flavour)
        .filter((f) => f.path.startsWith(`${flavour}/`))
        .map((f) => f.contents)
        .join('\n');
      // Caddy finds the replicas by DNS (`dynamic a { name app  port 3000 }`); the others name host:port.
      expect(config).toMatch(flavour === 'caddy' ? /name app\s+port 3000/ : /app:3000/);
    },
  );

  it('publishes its ports (UDP too), and DEPLOYMENT.md opens them in the inbound firewall', () => {
    const p = patchComponent(project(), 'app', {
      ports: [
        { name: 'web', number: 3000, protocol: 'http' },
        { name: 'syslog', number: 514, protocol: 'udp' },
      ],
      publish: [
        { port: 'web', hostPort: 8300 },
        { port: 'syslog', hostPort: 5514 },
      ],
    });
    const result = exportProject(p, { random: seededRandom(3), proxy: 'nginx' });
    if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('; '));
    const compose = parse(result.files.find((f) => f.path === 'docker-compose.yml')!.contents) as {
      services: Record<string, { ports?: string[] }>;
    };
    // Drawn without an address: every interface, as before, now written out (binds.ts).
    expect(compose.services.app!.ports).toEqual([
      '0.0.0.0:8300:3000',
      '[::]:8300:3000',
      '0.0.0.0:5514:514/udp',
      '[::]:5514:514/udp',
    ]);
    const deployment = result.files.find((f) => f.path === 'DEPLOYMENT.md')!.contents;
    expect(deployment).toMatch(
      /\| Internet \| App \(`app`\), host port \| `0\.0\.0\.0:8300`, `\[::\]:8300` \| TCP \(HTTP\) \| reaches its port `web` \|/,
    );
    expect(deployment).toMatch(/\| `0\.0\.0\.0:5514`, `\[::\]:5514` \| UDP \| reaches its port `syslog` \|/);
    expect(deployment).not.toContain('Host ports the export left out');
  });
});
