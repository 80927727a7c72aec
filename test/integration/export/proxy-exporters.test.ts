/**
 * Every case of the proxy-exporter table (test/support/proxy-cases.ts) against every flavour:
 * the real tool accepts each project's files, the files are where and what they must be, the
 * test override moves only what it may, and no hostile value reaches a configuration. What only
 * one flavour writes (its directives, its redirects, its catch-alls) is in that flavour's file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portNumber } from '../../../shared/catalog/index';
import {
  exportProject,
  PROXY_EXPORTERS,
  seededRandom,
  type ExportOptions,
  type ProxyPlan,
} from '../../../shared/export/index';
import { TEMPLATE_IDS } from '../../../shared/templates/index';
import { cid, setEnv } from '../../support/fixtures';
import {
  ACCEPTED_SECRET,
  ADAPTERS,
  base,
  DRAWN_FLAVOURS,
  exportWith,
  FLAVOURS,
  handBuiltPlan,
  HOSTILE,
  HOSTILE_PROJECTS,
  PROJECT_CASES,
  proxyFiles,
  proxyText,
  random,
  servicesByPort,
  show,
  TEST_OVERRIDE,
  type Exported,
  type PlanField,
  type ProjectCase,
  type ProxyAdapter,
} from '../../support/proxy-cases';
import { cleanUp, makeCertificates, tlsHosts, type Certificates } from '../../support/routing';
import { needTool } from '../../support/tools';

// Temp folders and certificates of the harness go when the file is done.
afterAll(cleanUp);

/** Every project of the table but the default template, which has no reverse proxy. */
const WITH_PROXY = PROJECT_CASES.filter((c) => c.id !== 'default');

describe('the proxy-exporter table', () => {
  it('has an adapter for every flavour the exporter knows', () => {
    expect(ADAPTERS.map((a) => a.flavour)).toEqual([...FLAVOURS]);
    expect(Object.keys(PROXY_EXPORTERS).sort()).toEqual([...FLAVOURS].sort());
  });

  it('has one reverse proxy in every project but the default template', () => {
    for (const flavour of FLAVOURS) {
      const proxies = PROJECT_CASES.map((c) => exportWith(c.project(), flavour).plan.proxies.length);
      expect(proxies, flavour).toEqual(PROJECT_CASES.map((c) => (c.id === 'default' ? 0 : 1)));
    }
  });

  it('exports a template as drawn byte for byte as with the flavour it draws', () => {
    expect(Object.keys(DRAWN_FLAVOURS).sort()).toEqual([...TEMPLATE_IDS].sort());
    for (const id of TEMPLATE_IDS) {
      const drawn = exportWith(base(id), undefined);
      expect(
        drawn.plan.proxies.map((p) => p.flavour),
        id,
      ).toEqual(DRAWN_FLAVOURS[id]);
      for (const flavour of DRAWN_FLAVOURS[id]) {
        expect(drawn.files, `${id} as ${flavour}`).toEqual(exportWith(base(id), flavour).files);
      }
    }
  });
});

describe('exportProject refuses hostile values before writing a file, whatever the flavour', () => {
  for (const c of HOSTILE_PROJECTS) {
    it(`refuses the ${c.what}`, () => {
      const project = c.project();
      for (const flavour of FLAVOURS) {
        const result = exportProject(project, { random: random(), proxy: flavour });
        expect(result.ok, flavour).toBe(false);
        expect(result).not.toHaveProperty('files');
        expect(result.diagnostics.length, flavour).toBeGreaterThan(0);
        const rules = result.diagnostics.map((d) => d.rule);
        expect(
          rules.filter((r) => !['NA027', 'NA031', 'NA032'].includes(r)),
          flavour,
        ).toEqual([]);
        if (c.route === undefined) continue;
        // An error on that very route.
        const about = result.diagnostics.filter((d) => d.elements.some((e) => e.type === 'route' && e.id === c.route));
        expect(about.map((d) => [d.rule, d.severity])).toContainEqual([expect.stringMatching(/^NA0(27|31)$/), 'error']);
      }
    });
  }
});

describe('hostile characters in an environment value', () => {
  const project = (v: string) => setEnv(base('manual'), 'nextauth', 'HOSTILE_TEST', `x${v}y`);

  it('are refused exactly when they are control characters or a reference to nothing', () => {
    const refused = HOSTILE.filter((v) => !exportProject(project(v), { random: random() }).ok);
    // A line feed or tab may stand in a variable the catalog does not define (a PEM, a JSON
    // document): compose gets it through YAML, and it never reaches a proxy file (below).
    expect(refused.map(show)).toEqual(
      ['\r', '${X}', '\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u2028'].map(show),
    );
    const catalogVariable = (v: string) =>
      setEnv(base('manual'), 'nextauth', 'NEXTAUTH_DEFAULT_WS_URL', `wss://auth.example.com/${v}`);
    for (const v of ['\n', '\t'])
      expect(exportProject(catalogVariable(v), { random: random() }).ok, show(v)).toBe(false);
  });

  for (const v of HOSTILE) {
    it(`keep ${show(v)} out of every proxy configuration`, () => {
      for (const flavour of FLAVOURS) {
        const result = exportProject(project(v), { random: random(), proxy: flavour });
        // Control characters and undefined ${…} references are refused by the checker (NA031/NA032).
        // Printable punctuation is legitimate in a secret or a URL and is quoted by the .env and
        // compose writers; it must not change a byte of the proxy configuration.
        if (!result.ok) {
          expect(result.diagnostics.map((d) => d.rule).every((r) => ['NA031', 'NA032'].includes(r))).toBe(true);
          continue;
        }
        expect(proxyFiles(result), flavour).toEqual(proxyFiles(exportWith(base('manual'), flavour)));
      }
    });
  }
});

describe.each(ADAPTERS)('$flavour export', (adapter: ProxyAdapter) => {
  const { flavour } = adapter;
  const memo = new Map<string, Exported>();
  /** Each project of the table exported once (seed 7, no override). */
  const exported = (c: ProjectCase): Exported => {
    let result = memo.get(c.id);
    if (result === undefined) memo.set(c.id, (result = exportWith(c.project(), flavour)));
    return result;
  };

  const purpose = `${adapter.check} on exported configs`;
  const missing = [...adapter.tools, ...(adapter.tools.length > 0 ? ['openssl'] : [])].some(
    (tool) => needTool(tool, tool === 'openssl' ? 'test certificates' : purpose).skip,
  );

  describe.skipIf(missing)(`passes ${adapter.check}`, () => {
    let certs: Certificates;
    beforeAll(async () => {
      // The real tools open every certificate a config names; the schemas do not.
      if (adapter.tools.length === 0) return;
      certs = await makeCertificates(WITH_PROXY.flatMap((c) => exported(c).plan.proxies.flatMap(tlsHosts)));
    });

    for (const c of WITH_PROXY) it(c.title, () => adapter.validate(c.project(), certs));
  });

  it('writes no file for a project without a reverse proxy', () => {
    const result = exported(PROJECT_CASES.find((c) => c.id === 'default')!);
    expect(result.plan.proxies).toEqual([]);
    expect(result.files.filter((f) => f.path.startsWith(flavour))).toEqual([]);
  });

  for (const c of WITH_PROXY) {
    it(`${c.id}: its own files, 0644, the Portolan header, the same bytes for any seed`, () => {
      const result = exported(c);
      const files = proxyFiles(result);
      expect(files.map((f) => f.path)).toEqual(adapter.files);
      // Its own configuration files, and no other flavour's.
      const anyFlavour = result.files.filter((f) => FLAVOURS.some((other) => f.path.startsWith(`${other}/`)));
      expect(anyFlavour.map((f) => f.path)).toEqual(adapter.files);
      for (const f of files) {
        expect(f.mode, f.path).toBe(0o644);
        expect(f.contents.split('\n')[0], f.path).toMatch(adapter.header(result.plan.proxies[0]!.entry.id));
      }
      // Every file of the export is the same for the same project and seed …
      expect(exportWith(c.project(), flavour).files).toEqual(result.files);
      // … and the proxy files hold no secret, so no other seed changes a byte of them.
      expect(proxyFiles(exportWith(c.project(), flavour, { random: seededRandom(1) }))).toEqual(files);
      expect(proxyFiles(exportWith(c.project(), flavour, { random: seededRandom(2) }))).toEqual(files);
    });
  }

  it('writes the REST API port only where the model routes it', () => {
    const routing: string[] = [];
    for (const c of WITH_PROXY) {
      const result = exported(c);
      const rest = result.plan.services
        .filter((s) => s.component.kind === 'nextauth')
        .map((s) => portNumber(s.component, 'rest')!);
      expect(rest.length, c.id).toBeGreaterThan(0);
      const routed = result.plan.proxies.some((p) =>
        p.sites.some((s) => s.locations.some((l) => l.upstream.portName === 'rest')),
      );
      if (routed) routing.push(c.id);
      for (const port of rest) expect(proxyText(result).includes(`${port}`), `${c.id}: port ${port}`).toBe(routed);
    }
    // The features project routes it on purpose (a warning, not an error); no other does.
    expect(routing).toEqual(['features']);
  });

  it('re-encrypts without verification only where a route asks for it, and says why', () => {
    let total = 0;
    for (const c of WITH_PROXY) {
      const result = exported(c);
      const text = proxyText(result);
      const asked = result.plan.proxies
        .flatMap((p) => p.sites)
        .flatMap((s) => s.locations)
        .filter((l) => l.upstream.reencrypt).length;
      total += asked;
      expect(text.match(adapter.reencrypt.each)?.length ?? 0, c.id).toBe(asked);
      expect(adapter.reencrypt.why.test(text), c.id).toBe(asked > 0);
    }
    expect(total).toBeGreaterThan(0);
  });

  it('moves only listen ports, upstream addresses and certificate paths under the test override', () => {
    const plain = exportWith(base('manual'), flavour);
    const moved = proxyText(exportWith(base('manual'), flavour, { override: TEST_OVERRIDE }));
    expect(moved).not.toBe(proxyText(plain));
    expect(adapter.undoOverride(moved, servicesByPort(plain.plan))).toBe(proxyText(plain));
  });

  it('keeps a printable secret the checker accepts out of its files', () => {
    const cases = [
      { project: base('manual'), component: 'mysql', name: 'MYSQL_DATABASE' },
      { project: base('ha'), component: 'nextauth', name: 'NEXTAUTH_LICENSE' },
    ];
    for (const c of cases) {
      const clean = proxyFiles(exportWith(c.project, flavour));
      // The finder finds what is there …
      expect(adapter.carries(clean, 'auth.example.com')).toBe(true);
      const files = proxyFiles(exportWith(setEnv(c.project, c.component, c.name, ACCEPTED_SECRET), flavour));
      // … and not the secret, which changes no byte.
      expect(adapter.carries(files, ACCEPTED_SECRET), c.name).toBe(false);
      expect(files, c.name).toEqual(clean);
    }
  });

  describe('the exporter itself, called with a hand-built plan the checker never saw', () => {
    const plan = handBuiltPlan(flavour);
    const proxy = plan.proxies[0]!;
    const site = proxy.sites[0]!;
    const location = site.locations[0]!;
    const host = tlsHosts(proxy)[0]!;
    const withSite = (patch: Partial<typeof site>): ProxyPlan => ({ ...proxy, sites: [{ ...site, ...patch }] });
    const withLocation = (patch: Partial<typeof location>) => withSite({ locations: [{ ...location, ...patch }] });
    const withUpstream = (patch: Partial<typeof location.upstream>) =>
      withLocation({ upstream: { ...location.upstream, ...patch } });
    const run = (p: ProxyPlan, extra: Partial<ExportOptions> = {}) =>
      PROXY_EXPORTERS[flavour](p, plan, { random: random(), ...extra });

    /** Each place a value goes, with `v` in it: what the attempt sets, and the value a reader would find. */
    const attempts = (v: string): [PlanField, string, ProxyPlan, Partial<ExportOptions>][] => [
      ['host', `a${v}b.example.com`, withSite({ host: `a${v}b.example.com` }), {}],
      ['path', `/a${v}b`, withLocation({ path: `/a${v}b` }), {}],
      [
        'route id',
        `r${v}`,
        withLocation({ route: { ...location.route, id: `r${v}` as typeof location.route.id } }),
        {},
      ],
      ['service', `svc${v}`, withUpstream({ service: `svc${v}` }), {}],
      ['port name', `ws${v}`, withUpstream({ portName: `ws${v}` }), {}],
      ['component id', `p${v}`, { ...proxy, entry: { ...proxy.entry, id: cid(`p${v}`) } }, {}],
      ['override address', `127.0.0.1${v}:80`, proxy, { override: { upstream: () => `127.0.0.1${v}:80` } }],
      ['override address', `127.0.0.1:1${v}x`, proxy, { override: { upstream: () => `127.0.0.1:1${v}x` } }],
      [
        'override certificate',
        `/c${v}/${host}.pem`,
        proxy,
        { override: { certificate: (h) => ({ cert: `/c${v}/${h}.pem`, key: `/c${v}/${h}.key` }) } },
      ],
      ['certificate folder', `/a${v}b/${host}.crt`, { ...proxy, certDir: `/a${v}b` }, {}],
    ];

    for (const v of HOSTILE) {
      it(`refuses ${show(v)} in a host, path, id, name, address or certificate path`, () => {
        for (const [field, value, p, extra] of attempts(v)) {
          const accepted = adapter.accepts?.[field];
          if (accepted?.when(value)) {
            // Written quoted, and found whole; or never written at all.
            expect(adapter.carries(run(p, extra), value), `${field} ${show(value)}`).toBe(accepted.as === 'quoted');
          } else {
            expect(() => run(p, extra), `${field} ${show(value)}`).toThrow(new RegExp(`^${flavour} export: refusing`));
          }
        }
      });
    }

    it('reads the certificate folder from the plan, never from the options', () => {
      const plainFiles = run(proxy);
      for (const certDir of ['/a b', '/a $b']) {
        const files = run(proxy, { certDir });
        expect(files).toEqual(plainFiles);
        expect(adapter.carries(files, certDir)).toBe(false);
      }
    });

    const ports = () => {
      const invalid = new RegExp(`^${flavour} export: (invalid|refusing)`);
      for (const bad of [0, -1, 65536, 1.5, Number.NaN]) {
        expect(() => run(withSite({ publicPort: bad })), `public port ${bad}`).toThrow(invalid);
        expect(() => run(withUpstream({ port: bad })), `upstream port ${bad}`).toThrow(invalid);
        expect(() => run(proxy, { override: { httpsPort: bad } }), `listening port ${bad}`).toThrow(invalid);
      }
    };
    it('refuses port numbers that are not ports', ports);
  });
});
