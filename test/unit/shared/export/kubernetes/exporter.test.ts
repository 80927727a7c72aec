import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../../shared/export/index';
import { composeParts } from '../../../../../shared/export/kubernetes/env';
import { exportKubernetes, type KubernetesOptions } from '../../../../../shared/export/kubernetes/index';
import { dnsLabel, kubernetesNames, portName } from '../../../../../shared/export/kubernetes/names';
import type { ExportFile } from '../../../../../shared/export/types';
import type { Component, ComponentId, Project } from '../../../../../shared/model/types';
import { component, patchComponent, patchRoute, setEnv, template } from '../../../../support/fixtures';
import { manifestProblems, manifestsOf, type Obj } from '../../../../support/kubernetes-manifests';
import { Cluster, type NetworkPolicyObject } from '../../../../support/network-policy';

function files(project: Project, options: Partial<KubernetesOptions> = {}): readonly ExportFile[] {
  const result = exportKubernetes(project, { random: seededRandom(1), ...options });
  if (!result.ok) throw new Error(`refused: ${result.diagnostics.map((d) => d.rule).join(', ')}`);
  return result.files;
}
const base = (project: Project, options: Partial<KubernetesOptions> = {}): Obj[] =>
  manifestsOf(files(project, options), 'base/');
const find = (objs: Obj[], kind: string, name: string): Obj => {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind}/${name} among ${objs.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`);
  return o;
};
const containerOf = (o: Obj): Obj => (o.spec.template.spec.containers as Obj[])[0]!;
const envOf = (o: Obj, name: string): Obj | undefined =>
  ((containerOf(o).env ?? []) as Obj[]).find((e) => e.name === name);

/** The project with one component id changed everywhere it is referenced. */
function renameId(p: Project, from: string, to: string): Project {
  const id = (x: string) => (x === from ? to : x) as ComponentId;
  return {
    ...p,
    components: p.components.map((c) => (c.id === from ? { ...c, id: id(c.id) } : c)),
    links: p.links.map((l) => ({ ...l, from: id(l.from), to: id(l.to) })),
    routes: p.routes.map((r) => ({ ...r, via: id(r.via), target: id(r.target) })),
  };
}

describe('Kubernetes names', () => {
  it('turn any component id into a Service name, unique, reserving each name and its -public companion', () => {
    expect(dnsLabel('MainDB')).toBe('maindb');
    expect(dnsLabel('sql_1')).toBe('sql-1');
    expect(dnsLabel('1st.db')).toBe('c-1st-db');
    expect(dnsLabel('--')).toBe('c');
    expect(dnsLabel('x'.repeat(80), 56)).toHaveLength(56);
    const p = template('manual');
    const clash: Project = {
      ...p,
      components: [
        ...p.components,
        { ...p.components[0]!, id: 'Redis' as ComponentId },
        { ...p.components[0]!, id: 'a_b' as ComponentId },
        { ...p.components[0]!, id: 'a.b' as ComponentId },
        { ...p.components[0]!, id: 'a-b-public' as ComponentId },
        { ...p.components[0]!, id: 'portolan-secrets' as ComponentId },
      ],
    };
    const names = [...kubernetesNames(clash).project.components.map((c) => c.id)];
    expect(new Set(names).size).toBe(names.length);
    expect(names.slice(-5)).toEqual(['redis-2', 'a-b', 'a-b-2', 'a-b-public-2', 'c-portolan-secrets']);
    for (const n of names) expect(n).toMatch(/^[a-z]([-a-z0-9]{0,54}[a-z0-9])?$/);
  });

  it('give ports an IANA service name, or port-NUMBER', () => {
    const used = new Set<string>();
    expect(portName('rest', 8888, used)).toBe('rest');
    expect(portName('Admin_UI', 9000, used)).toBe('admin-ui');
    expect(portName('a-very-long-port-name', 9001, used)).toBe('port-9001');
    expect(portName('8080', 8080, used)).toBe('port-8080');
    expect(portName('rest', 8889, used)).toBe('p2-8889');
  });

  it('keep every derived address resolving: a renamed database is the Service the URI names', () => {
    const p = renameId(template('manual'), 'mysql', 'Main_DB');
    const objs = base(p);
    find(objs, 'StatefulSet', 'main-db');
    expect(find(objs, 'Service', 'main-db').spec.ports[0].port).toBe(3306);
    expect(envOf(find(objs, 'Deployment', 'nextauth'), 'NEXTAUTH_DB_URI')!.value).toMatch(/@main-db:3306\//);
    expect(files(p).find((f) => f.path === 'base/main-db.yaml')!.contents).toContain('(id "Main_DB" in the project)');
  });
});

describe('environment', () => {
  it('splits compose values into text and .env references ($$ is a literal $)', () => {
    expect(composeParts('a$${X}b${Y}c$$')).toEqual([{ text: 'a${X}b' }, { ref: 'Y' }, { text: 'c$' }]);
    expect(composeParts('${A}${B}')).toEqual([{ ref: 'A' }, { ref: 'B' }]);
  });

  it('reads secrets from the Secret, plain settings from the ConfigMap, and builds text around secrets with $(…)', () => {
    let p = setEnv(template('manual'), 'nextauth', 'NEXTAUTH_GREETING', 'costs $(PRICE) or $5');
    p = setEnv(p, 'nextauth', 'NEXTAUTH_LICENSE', { type: 'input', prompt: 'License' });
    const objs = base(p);
    const nextauth = find(objs, 'Deployment', 'nextauth');
    expect(envOf(nextauth, 'NEXTAUTH_LICENSE')!.valueFrom.secretKeyRef).toEqual({
      name: 'portolan-secrets',
      key: 'NEXTAUTH_LICENSE',
    });
    // envFrom values are not expanded: the ConfigMap keeps the text as typed.
    expect(find(objs, 'ConfigMap', 'nextauth-env').data.NEXTAUTH_GREETING).toBe('costs $(PRICE) or $5');
    const uri = envOf(nextauth, 'NEXTAUTH_DB_URI')!;
    expect(uri.value).toMatch(/^mysql:\/\/nextauth:\$\(PORTOLAN_SECRET_MYSQL_PASSWORD\)@mysql:3306\//);
    const env = containerOf(nextauth).env as Obj[];
    expect(env.findIndex((e) => e.name === 'PORTOLAN_SECRET_MYSQL_PASSWORD')).toBeLessThan(env.indexOf(uri));
  });

  it('escapes a literal $ beside a secret, so Kubernetes does not expand it', () => {
    const p = setEnv(
      template('manual'),
      'nextauth',
      'NEXTAUTH_DB_URI',
      'mysql://nextauth:${MYSQL_PASSWORD}@mysql:3306/nextauth?loc=Local&x=$(HOME)',
    );
    const uri = envOf(find(base(p), 'Deployment', 'nextauth'), 'NEXTAUTH_DB_URI')!;
    expect(uri.value).toContain('$(PORTOLAN_SECRET_MYSQL_PASSWORD)');
    expect(uri.value).toContain('x=$$(HOME)');
  });
});

describe('workloads', () => {
  it('give the documented readiness check to databases and Redis only, and no liveness probe', () => {
    const objs = base(template('manual'));
    expect(containerOf(find(objs, 'StatefulSet', 'mysql')).readinessProbe.exec.command).toEqual([
      'mysqladmin',
      'ping',
      '-h',
      '127.0.0.1',
    ]);
    expect(containerOf(find(objs, 'StatefulSet', 'redis')).readinessProbe.exec.command).toEqual(['redis-cli', 'ping']);
    expect(containerOf(find(objs, 'Deployment', 'nextauth')).readinessProbe).toBeUndefined();
    for (const o of objs) if (o.spec?.template) expect(containerOf(o).livenessProbe).toBeUndefined();
    const pg = base(patchComponent(template('manual'), 'mysql', { flavour: 'postgres', environment: {} }));
    expect(containerOf(find(pg, 'StatefulSet', 'mysql')).readinessProbe.exec.command).toEqual([
      'sh',
      '-c',
      'pg_isready -U "${POSTGRES_USER:-postgres}"',
    ]);
  });

  it('run Sentinels from their ConfigMap, announcing pod addresses (pod host names do not resolve)', () => {
    const objs = base(template('ha'));
    const conf = find(objs, 'ConfigMap', 'redis-sentinel-sentinel').data['sentinel.conf'] as string;
    expect(conf).toContain('sentinel monitor nextauth redis 6379 2');
    expect(conf).not.toContain('announce-hostnames yes');
    expect(containerOf(find(objs, 'Deployment', 'redis-sentinel')).volumeMounts[0].subPath).toBe('sentinel.conf');
  });

  it('pin nextAuth images to the project registry and tag, and show the overlay where to change them', () => {
    let p = template('ha');
    p = { ...p, settings: { ...p.settings, registry: 'registry.example.com/nextauth', tag: '4.2.0' } };
    const all = files(p);
    expect(containerOf(find(manifestsOf(all, 'base/'), 'Deployment', 'nextauth')).image).toBe(
      'registry.example.com/nextauth/nextauth:4.2.0',
    );
    const overlay = all.find((f) => f.path === 'overlays/production/kustomization.yaml')!.contents;
    expect(overlay).toContain('  - name: registry.example.com/nextauth/nextauth\n    newTag: "4.2.0"');
    expect(all.find((f) => f.path === 'overlays/production/replicas.yaml')!.contents).toContain('replicas: 3');
  });
});

describe('a custom container that publishes ports', () => {
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

  it('gets a LoadBalancer Service with exactly the ports it publishes beyond loopback', () => {
    const objs = base(withApp());
    for (const o of objs) expect(manifestProblems(o)).toEqual([]);
    expect(find(objs, 'Service', 'app-public').spec.ports).toEqual([
      { name: 'tcp-8080', port: 8080, targetPort: 3000, protocol: 'TCP' },
      { name: 'udp-514', port: 514, targetPort: 5514, protocol: 'UDP' },
    ]);
    const policies = objs.filter((o) => o.kind === 'NetworkPolicy') as unknown as NetworkPolicyObject[];
    const cluster = new Cluster(policies, 'nextauth-behind-nginx');
    const pod = {
      pod: {
        name: 'app',
        namespace: 'nextauth-behind-nginx',
        labels: find(objs, 'Deployment', 'app').spec.template.metadata.labels,
      },
    };
    expect(cluster.mayConnect({ ip: '198.51.100.1' }, pod, 3000)).toBe(true);
    expect(cluster.mayConnect({ ip: '198.51.100.1' }, pod, 5514, 'UDP')).toBe(true);
    expect(cluster.mayConnect({ ip: '198.51.100.1' }, pod, 5514, 'TCP')).toBe(false);
    expect(cluster.mayConnect({ ip: '198.51.100.1' }, pod, 9000)).toBe(false);
  });
});

describe('routes', () => {
  it('are Traefik IngressRoutes for a Traefik proxy, re-encrypting where drawn', () => {
    const p = patchRoute(template('manual'), 'mobile-api', { tls: { terminate: true, reencrypt: true } });
    const routes = base(p, { proxy: 'traefik' }).filter((o) => o.kind === 'IngressRoute');
    expect(routes.length).toBeGreaterThan(1);
    for (const r of routes) expect(r.spec.entryPoints).toEqual(['websecure']);
    const services = routes.flatMap((r) => (r.spec.routes as Obj[]).flatMap((x) => x.services as Obj[]));
    expect(services.filter((s) => s.scheme === 'https')).toEqual([{ name: 'nextauth', port: 8889, scheme: 'https' }]);
  });

  it('get ingress-nginx annotations for WebSocket and re-encryption, grouped per Ingress', () => {
    const p = patchRoute(template('manual'), 'mobile-api', { tls: { terminate: true, reencrypt: true } });
    const ingresses = base(p).filter((o) => o.kind === 'Ingress');
    const byName = Object.fromEntries(ingresses.map((i) => [i.metadata.name, i.metadata.annotations ?? {}]));
    expect(byName['proxy-http-tls']).toEqual({ 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' });
    expect(byName['proxy-websocket']['nginx.ingress.kubernetes.io/proxy-read-timeout']).toBe('3600');
    expect(byName['proxy-http']).toEqual({});
  });

  it('say in the README what an Ingress cannot carry (another public port)', () => {
    const p = patchRoute(template('manual'), 'mobile-api', { publicPort: 8443 });
    const readme = files(p).find((f) => f.path === 'README.md')!.contents;
    expect(readme).toMatch(/served on port 8443, which an Ingress cannot express/);
  });
});

describe('options and refusals', () => {
  it('use the namespace and ingress controller namespace given', () => {
    const all = files(template('manual'), { namespace: 'Auth_Prod', ingressNamespace: 'edge' });
    expect(all.find((f) => f.path === 'base/kustomization.yaml')!.contents).toContain('namespace: auth-prod');
    expect(all.find((f) => f.path === 'base/network-policies.yaml')!.contents).toContain(
      'kubernetes.io/metadata.name: edge',
    );
  });

  it('cut a long project name to a valid namespace and label value', () => {
    const p = template('manual');
    const long = { ...p, meta: { ...p.meta, name: `${'Very long customer name '.repeat(3)}(EU)` } };
    const objs = base(long);
    for (const o of objs) expect(manifestProblems(o)).toEqual([]);
    expect(find(objs, 'Namespace', 'very-long-customer-name-very-long-customer-name-very-long-custo')).toBeDefined();
  });

  it('refuse what the compose export refuses: values that could break out of their place', () => {
    const p = patchComponent(template('manual'), 'redis', { name: 'evil\nname' });
    const result = exportKubernetes(setEnv(p, 'nextauth', 'NEXTAUTH_X', 'a\nb'), { random: seededRandom(1) });
    expect(result.ok).toBe(false);
  });
});
