import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom } from '../../../../../shared/export/index';
import { exportSwarm, type SwarmOptions } from '../../../../../shared/export/swarm/index';
import { exportTarget } from '../../../../../shared/export/targets';
import { fingerprint, objectName, swarmNames } from '../../../../../shared/export/swarm/names';
import type { ExportFile } from '../../../../../shared/export/types';
import type { Component, ComponentId, Project, ProxyFlavour } from '../../../../../shared/model/types';
import { TEMPLATE_IDS } from '../../../../../shared/templates/index';
import { arbitraryHostileProject, arbitraryProject } from '../../../../support/arbitraries';
import { deployments } from '../../../../support/deployments';
import { component, patchComponent, setEnv, template } from '../../../../support/fixtures';
import { composeSchema, fileOf } from '../../../../support/swarm-stack';

/*
 * The Swarm export: stack.yml validates against the compose specification schema (read from
 * ../shared/schemas) for every template and flavour and for random projects; it holds no secret
 * value and no key Swarm ignores; names are ones Docker accepts; and the secrets, configs,
 * ports, networks and placement are what the drawing says.
 */

const FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function exported(project: Project, options: Partial<SwarmOptions> = {}): readonly ExportFile[] {
  const result = exportSwarm(project, { random: seededRandom(1), ...options });
  if (!result.ok) throw new Error(`refused: ${result.diagnostics.map((d) => d.rule).join(', ')}`);
  return result.files;
}
const stackOf = (files: readonly ExportFile[]): Obj => parse(fileOf(files, 'stack.yml')) as Obj;

/** Keys `docker stack deploy` ignores or refuses: writing them would promise what Swarm does not do. */
const IGNORED_BY_SWARM = ['depends_on', 'container_name', 'build', 'restart', 'env_file', 'network_mode', 'links'];
/** swarmkit's service name check: a DNS label, `_` allowed inside, at most 63 characters with the stack. */
const SERVICE_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;
const OBJECT_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

/** Everything Docker would refuse or Portolan promised not to write, for one export. */
function problems(files: readonly ExportFile[], stack: string): string[] {
  const out: string[] = [];
  const validate = composeSchema();
  const doc = stackOf(files);
  if (!validate(doc)) out.push(...(validate.errors ?? []).map((e) => `schema: ${e.instancePath} ${e.message}`));
  const paths = new Set(files.map((f) => f.path));
  for (const [name, s] of Object.entries(doc.services as Record<string, Obj>)) {
    if (!SERVICE_NAME.test(name) || `${stack}_${name}`.length > 63) out.push(`service name ${name}`);
    for (const k of IGNORED_BY_SWARM) if (k in s) out.push(`${name} has ${k}`);
    for (const v of (s.volumes ?? []) as string[])
      if (v.startsWith('.') || v.startsWith('/')) out.push(`${name} binds ${v}`);
    for (const m of (s.secrets ?? []) as Obj[])
      if (!(m.source in (doc.secrets ?? {}))) out.push(`${name}: undeclared secret ${m.source}`);
    for (const m of (s.configs ?? []) as Obj[])
      if (!(m.source in (doc.configs ?? {}))) out.push(`${name}: undeclared config ${m.source}`);
    for (const n of (s.networks ?? []) as string[])
      if (!(n in (doc.networks ?? {}))) out.push(`${name}: undeclared network ${n}`);
    for (const [k, v] of Object.entries((s.environment ?? {}) as Record<string, string>))
      if (k.endsWith('_FILE') && v.startsWith('/run/secrets/')) {
        const target = v.slice('/run/secrets/'.length);
        if (!((s.secrets ?? []) as Obj[]).some((m) => m.target === target))
          out.push(`${name}: ${k} names no mounted secret`);
      }
    if (typeof s.deploy?.replicas !== 'number') out.push(`${name}: no deploy.replicas`);
  }
  for (const [key, x] of Object.entries((doc.secrets ?? {}) as Record<string, Obj>)) {
    if (x.external !== true || 'file' in x) out.push(`secret ${key} is not external`);
    if (!OBJECT_NAME.test(x.name) || x.name.length > 64) out.push(`secret name ${x.name}`);
    if (!x.name.startsWith(`${stack}_`)) out.push(`secret ${x.name} outside the stack's names`);
  }
  for (const [key, x] of Object.entries((doc.configs ?? {}) as Record<string, Obj>)) {
    if (!paths.has(String(x.file).replace(/^\.\//, ''))) out.push(`config ${key}: no file ${x.file}`);
    if (!OBJECT_NAME.test(x.name) || x.name.length > 64) out.push(`config name ${x.name}`);
  }
  for (const [key, n] of Object.entries((doc.networks ?? {}) as Record<string, Obj>))
    if (n.external !== true && n.driver !== 'overlay') out.push(`network ${key} is not an overlay`);
  return out;
}

/** Every value `.env` would hold for this project that is long enough to recognise. */
function secretValues(project: Project, flavour?: ProxyFlavour): string[] {
  const compose = exportProject(project, { random: seededRandom(1), ...(flavour ? { proxy: flavour } : {}) });
  if (!compose.ok) return [];
  return compose.plan.env
    .slice(1)
    .flatMap((g) => g.entries.map((e) => e.value))
    .filter((v) => v.length >= 12);
}

describe.each(TEMPLATE_IDS.flatMap((id) => FLAVOURS.map((f) => [id, f] as const)))(
  'the %s template with %s',
  (id, flavour) => {
    const result = exportSwarm(template(id), { random: seededRandom(1), proxy: flavour });
    if (!result.ok) throw new Error('refused');
    const { files, stack } = result;
    const doc = stackOf(files);

    it('validates against the compose schema, with nothing Swarm ignores or refuses', () => {
      expect(Object.keys(doc.services).length).toBeGreaterThan(2);
      expect(problems(files, stack)).toEqual([]);
    });

    it('keeps every secret value out of stack.yml and every file beside it; secrets/values are 0600', () => {
      const values = secretValues(template(id), flavour);
      expect(values.length).toBeGreaterThan(0);
      for (const f of files.filter((x) => !x.path.startsWith('secrets/values/')))
        for (const v of values) expect(f.contents, `${f.path} holds a secret value`).not.toContain(v);
      const valueFiles = files.filter((f) => f.path.startsWith('secrets/values/'));
      expect(valueFiles.length).toBeGreaterThan(0);
      for (const f of valueFiles) expect(f.mode, f.path).toBe(0o600);
      for (const p of ['secrets/create.sh', 'deploy.sh']) expect(files.find((f) => f.path === p)!.mode).toBe(0o755);
    });

    it('publishes the entry point in host mode, pinned to the edge nodes; backend is an internal overlay', () => {
      const entries = Object.entries(doc.services as Record<string, Obj>).filter(([, s]) =>
        ((s.ports ?? []) as Obj[]).some((p) => p.published === 443),
      );
      expect(entries.length).toBe(1);
      const [, entry] = entries[0]!;
      for (const p of entry.ports as Obj[]) expect(p.mode).toBe('host');
      expect(entry.deploy.placement.constraints).toEqual([`node.labels.${stack}.edge == true`]);
      if (doc.networks.backend) expect(doc.networks.backend.internal).toBe(true);
      expect(doc.networks.edge.internal).toBeUndefined();
    });

    it('hands each proxy its configuration as configs and its certificates as secrets in /run/secrets', () => {
      const proxies = Object.values(doc.services as Record<string, Obj>).filter((s) =>
        /^(nginx|haproxy|caddy|traefik):/.test(s.image as string),
      );
      // The default template's entry point is portmap: no proxy, no proxy configuration.
      expect(proxies.length).toBe(id === 'default' ? 0 : 1);
      for (const proxy of proxies) {
        const text = ((proxy.configs ?? []) as Obj[])
          .map((c) => fileOf(files, (doc.configs[c.source].file as string).slice(2)))
          .join('\n');
        const certs = ((proxy.secrets ?? []) as Obj[]).map((m) => m.target as string);
        expect(certs.length).toBeGreaterThan(0);
        // HAProxy names the certificate only and finds NAME.key beside it.
        for (const c of certs.filter((x) => x.endsWith('.crt'))) expect(text).toContain(`/run/secrets/${c}`);
        expect(text).not.toContain('/etc/portolan/certs');
      }
    });
  },
);

describe('random projects', () => {
  it('export a stack that validates and whose names Docker accepts, byte-stable for one seed', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.oneof(deployments, arbitraryProject, arbitraryHostileProject),
        fc.constantFrom(undefined, ...FLAVOURS),
        (project, flavour) => {
          const options = { random: seededRandom(7), ...(flavour ? { proxy: flavour } : {}) };
          const a = exportSwarm(project, options);
          if (!a.ok) return; // refused for unsafe values, as the compose export is
          checked++;
          expect(problems(a.files, a.stack)).toEqual([]);
          for (const f of a.files.filter((x) => x.path.endsWith('.sh')))
            expect(
              [...f.contents].some((ch) => ch !== '\n' && ch !== '\t' && (ch < ' ' || ch === '\u007f')),
              `${f.path} holds a control character`,
            ).toBe(false);
          const b = exportSwarm(project, { ...options, random: seededRandom(7) });
          expect(b.ok && b.files).toEqual(a.files);
        },
      ),
      { numRuns: 200, seed: 0x5a12 },
    );
    // Most random projects export (only unsafe values are refused): the property checked something.
    expect(checked).toBeGreaterThan(50);
  }, 120_000);
});

describe('names', () => {
  it('turn component ids into service names swarmkit accepts, unique, with the stack name in 63 characters', () => {
    const p = template('manual');
    const ids = ['Main.DB', 'main-db', 'x'.repeat(64), '1st'];
    let project = p;
    for (const id of ids) project = component(project, { kind: 'redis', id, name: id, position: { x: 0, y: 0 } });
    const stack = 'a'.repeat(30);
    const names = swarmNames(project, stack);
    const renamed = names.project.components.map((c) => c.id as string);
    expect(new Set(renamed).size).toBe(renamed.length);
    for (const n of renamed) {
      expect(n).toMatch(SERVICE_NAME);
      expect(`${stack}_${n}`.length).toBeLessThanOrEqual(63);
    }
    // A valid id stays as it is (a URI typed with it still resolves); `Main.DB` yields to it.
    expect(names.originalId.get('main-db')).toBe('main-db');
    expect(names.originalId.get('main-db-2')).toBe('Main.DB');
    expect(names.originalId.get('1st')).toBe('1st');
  });

  it('shorten long object names with a fingerprint of the whole, so two long names never meet', () => {
    const a = objectName('s', 'x'.repeat(80), 'A');
    const b = objectName('s', 'x'.repeat(80), 'B');
    expect(a.length).toBeLessThanOrEqual(64);
    expect(a).not.toBe(b);
    expect(a).toMatch(OBJECT_NAME);
    expect(fingerprint('')).toBe('811c9dc5');
  });

  it('keep every derived address resolving: a renamed database is the service the URI is made from', () => {
    const p = template('default');
    const db = p.components.find((c) => c.kind === 'database')!;
    const renamedId = 'Main.DB' as ComponentId;
    const id = (x: string) => (x === db.id ? renamedId : (x as ComponentId));
    const project: Project = {
      ...p,
      components: p.components.map((c): Component => (c.id === db.id ? { ...c, id: renamedId } : c)),
      links: p.links.map((l) => ({ ...l, from: id(l.from), to: id(l.to) })),
    };
    const files = exported(project);
    expect(Object.keys(stackOf(files).services)).toContain('main-db');
    expect(fileOf(files, 'secrets/create.sh')).toMatch(/printf '[a-z]+:\/\/[^']*@main-db:\d+\//);
    expect(fileOf(files, 'README.md')).toContain('Component `Main.DB` is the service `main-db`');
  });
});

describe('secrets', () => {
  it('give nextAuth and the database their values as files; a URI around a password is one secret create.sh builds', () => {
    const files = exported(template('default'));
    const doc = stackOf(files);
    const nextauth = doc.services.nextauth as Obj;
    const env = nextauth.environment as Record<string, string>;
    const uriVar = Object.keys(env).find((k) => k.endsWith('DB_URI_FILE'));
    expect(uriVar).toBeDefined();
    expect(Object.keys(env).some((k) => k.endsWith('DB_URI'))).toBe(false);
    const db = Object.values(doc.services as Record<string, Obj>).find((s) =>
      /^(mysql|mariadb|postgres):/.test(s.image),
    )!;
    expect(Object.keys(db.environment).filter((k) => k.endsWith('PASSWORD_FILE')).length).toBeGreaterThan(0);
    const script = fileOf(files, 'secrets/create.sh');
    expect(script).toMatch(/^printf '[a-z]+:\/\/[^:]+:%s@/m);
    expect(script).toContain("if [ ! -s 'values/NEXTAUTH_LICENSE' ]");
  });

  it('interpolate at deploy time only what an image cannot read from a file, and say so', () => {
    let p = component(template('manual'), {
      kind: 'container',
      id: 'app',
      name: 'App',
      position: { x: 0, y: 0 },
      image: 'example/app:1.0',
    });
    p = setEnv(p, 'app', 'APP_TOKEN', { type: 'secret', length: 32 });
    const files = exported(p);
    const app = stackOf(files).services.app as Obj;
    expect(app.environment).toEqual({ APP_TOKEN: '${APP_TOKEN}' });
    const deploy = fileOf(files, 'deploy.sh');
    expect(deploy).toContain("APP_TOKEN=$(cat 'secrets/values/APP_TOKEN')");
    expect(deploy).toContain('export APP_TOKEN');
    expect(fileOf(files, 'README.md')).toContain('`APP_TOKEN` of `app` holds `APP_TOKEN`');
    expect(files.find((f) => f.path === 'secrets/values/APP_TOKEN')!.contents).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('write text around a secret with % doubled and quotes escaped for sh', () => {
    const p = setEnv(template('default'), 'nextauth', 'NEXTAUTH_X_URI', "redis://it's:${NEXTAUTH_ROOT_API_KEY}@h/100%");
    const script = fileOf(exported(p), 'secrets/create.sh');
    expect(script).toContain(`printf 'redis://it'\\''s:%s@h/100%%' "$(value 'NEXTAUTH_ROOT_API_KEY')"`);
  });
});

describe('ports, placement and networks', () => {
  const withApp = (): Project => {
    let p = component(template('manual'), {
      kind: 'container',
      id: 'app',
      name: 'App',
      position: { x: 0, y: 0 },
      image: 'example/app:1.0',
    });
    p = patchComponent(p, 'app', {
      ports: [
        { name: 'web', number: 3000, protocol: 'http' },
        { name: 'syslog', number: 5514, protocol: 'udp' },
        { name: 'admin', number: 9000, protocol: 'http' },
      ],
      publish: [
        { port: 'web', hostPort: 8080 },
        { port: 'syslog', hostPort: 514 },
        { port: 'admin', hostPort: 9000, hostIp: '127.0.0.1' },
      ],
    } as Partial<Component>);
    return p;
  };

  it('publish a custom container through the ingress mesh, and leave a port bound to one address unpublished', () => {
    const files = exported(withApp());
    expect(stackOf(files).services.app.ports).toEqual([
      { target: 3000, published: 8080, protocol: 'tcp', mode: 'ingress' },
      { target: 5514, published: 514, protocol: 'udp', mode: 'ingress' },
    ]);
    expect(fileOf(files, 'README.md')).toContain('Port 9000 of `app` is bound to 127.0.0.1 only');
  });

  it('pin data volumes to a labelled node, spread replicas, and take a host from the hosts hook', () => {
    const files = exported(template('ha'), { hostOf: (c) => (c.kind === 'redis' ? 'db-1' : undefined) });
    const doc = stackOf(files);
    const stack = 'nextauth-high-availability';
    expect(doc.services.redis.deploy.placement.constraints).toEqual([
      `node.labels.${stack}.data.redis == true`,
      'node.labels.portolan.host == db-1',
    ]);
    expect(doc.services.nextauth.deploy.placement).toEqual({ preferences: [{ spread: 'node.labels.portolan.host' }] });
    expect(doc.services.nextauth.deploy.update_config.order).toBe('start-first');
    expect(doc.services.redis.deploy.update_config.order).toBe('stop-first');
    expect(fileOf(files, 'README.md')).toContain(`docker node update --label-add ${stack}.data.redis=true NODE`);
    expect(fileOf(files, 'README.md')).toContain('docker node update --label-add portolan.host=db-1 NODE');
  });

  it('make a network attachable only where an outside caller joins it', () => {
    expect(stackOf(exported(template('ha'))).networks.edge.attachable).toBeUndefined();
    const p = component(template('ha'), { kind: 'business-app', id: 'crm', name: 'CRM', position: { x: 0, y: 0 } });
    const withCaller = {
      ...p,
      links: [
        ...p.links,
        { id: 'crm-rest' as never, from: 'crm' as ComponentId, to: 'nextauth' as ComponentId, port: 'rest' },
      ],
    };
    const doc = stackOf(exported(withCaller));
    expect(doc.networks.edge.attachable).toBe(true);
    expect(doc.networks.backend.attachable).toBeUndefined();
  });

  it('announce Sentinel task addresses, not host names', () => {
    const conf = fileOf(exported(template('ha')), 'sentinel/redis-sentinel.conf');
    expect(conf).not.toContain('announce-hostnames yes');
    expect(conf).toContain('sentinel resolve-hostnames yes');
  });
});

describe('the registry entry', () => {
  it('gives the exporter’s files unchanged, ignoring the options of other targets', () => {
    const swarm = exportTarget('swarm');
    expect(swarm).toBeDefined();
    const p = template('manual');
    const viaRegistry = swarm!.run(p, {
      random: seededRandom(4),
      certDir: '/srv/certs',
      namespace: 'elsewhere',
      proxy: 'caddy',
    });
    const direct = exportSwarm(p, { random: seededRandom(4), proxy: 'caddy' });
    expect(viaRegistry.ok && direct.ok).toBe(true);
    if (viaRegistry.ok && direct.ok) {
      expect(viaRegistry.files).toEqual(direct.files);
      expect(viaRegistry.summary).toBe(`swarm, stack ${direct.stack}`);
    }
    expect([...swarm!.uses]).toEqual(['proxy']);
    expect(swarm!.nextSteps).toEqual(['sh secrets/create.sh', 'sh deploy.sh']);
    expect(swarm!.guide).toBe('README.md');
  });
});

describe('refusals', () => {
  it('refuse what the compose export refuses: values that could break out of their place', () => {
    const p = patchComponent(template('manual'), 'redis', { name: 'evil\nname' });
    const result = exportSwarm(setEnv(p, 'nextauth', 'NEXTAUTH_X', 'a\nb'), { random: seededRandom(1) });
    expect(result.ok).toBe(false);
  });
});
