import { describe, expect, it } from 'vitest';
import { flavoursOf, imageFor, KINDS } from '../../../../../shared/catalog/index';
import { IMAGE_ROWS, LOOKALIKE_ROWS } from '../../../../../shared/import/recognize/image-table';
import { recognizeImage, runsSentinel } from '../../../../../shared/import/recognize/kinds';

const SHA = 'dbcc1c35ac38df41fd2f5e4130b32ffdb93ebae8b3dbe638c23575912276fc9c';

/** Every way the same image can be written in `image:`. */
const variants = (name: string): string[] => [
  name,
  `${name}:1.2.3`,
  `${name}@sha256:${SHA}`,
  `${name}:1.2.3-alpine@sha256:${SHA}`,
  `registry.example.com/${name}`,
  `registry.example.com:5000/${name}:latest`,
  `localhost/${name}`,
  `[fd00::1]:5000/${name}`,
  ...(name.includes('/') ? [`docker.io/${name}`, `public.ecr.aws/${name}`] : [`docker.io/library/${name}`]),
];

describe('recognizeImage: every alias, with any registry prefix, tag or digest', () => {
  const cases = IMAGE_ROWS.flatMap((row) => variants(row.path).map((image) => [image, row] as const));
  it.each(cases)('%s', (image, row) => {
    const r = recognizeImage(image);
    expect(r).toMatchObject({ kind: row.kind, confidence: row.confidence });
    expect(r.flavour).toBe(row.flavour);
    expect(r.why).toContain(row.why);
    expect(r.image).not.toBeNull();
  });

  it('covers every kind and flavour the catalog deploys from an image', () => {
    const rows = new Set(IMAGE_ROWS.map((r) => `${r.kind}/${r.flavour ?? ''}`));
    for (const spec of KINDS) {
      if (!spec.deployable || spec.kind === 'container') continue;
      const flavours = flavoursOf(spec.kind);
      for (const f of flavours.length > 0 ? flavours : [undefined]) expect(rows).toContain(`${spec.kind}/${f ?? ''}`);
    }
  });
});

describe("recognizeImage: the catalog's own images (what the exporter writes) come back as their kind", () => {
  it.each(
    KINDS.filter((k) => k.deployable && k.kind !== 'container' && k.kind !== 'redis-sentinel').flatMap((spec) => {
      const flavours = flavoursOf(spec.kind);
      return (flavours.length > 0 ? flavours : [undefined]).map(
        (f) => [spec.kind, f, imageFor(spec.kind, f)!] as const,
      );
    }),
  )('%s %s (%s)', (kind, flavour, image) => {
    for (const written of [image, `registry.example.com/nextauth/${image}`]) {
      const r = recognizeImage(written.includes(':') ? written : `${written}:1.0`);
      expect(r.kind).toBe(kind);
      expect(r.flavour).toBe(flavour);
    }
  });

  it("recognises the exported Sentinel: the redis image started by Portolan's sh -c command", () => {
    const command = [
      'sh',
      '-c',
      'cp /etc/portolan/sentinel.conf /tmp/sentinel.conf && exec redis-sentinel /tmp/sentinel.conf',
    ];
    expect(recognizeImage(imageFor('redis-sentinel')!, { command })).toMatchObject({
      kind: 'redis-sentinel',
      confidence: 'high',
    });
  });
});

describe('recognizeImage: near misses stay custom containers', () => {
  it.each([
    ['mynginx-app'],
    ['nginx-app'],
    ['my-redis'],
    ['nginx/nginx-prometheus-exporter'],
    ['nginx/unit:1.32'],
    ['redis/redisinsight'],
    ['bitnami/redis-exporter'],
    ['postgres-exporter'],
    ['mysql/mysql-router'],
    ['traefik/whoami'],
    ['caddy/ingress'],
    ['grafana/grafana'],
    ['registry.example.com/nginxinc/nginx-prometheus-exporter'],
    ['ghcr.io/acme/auth-nextauth-proxy'],
    ['registry.git.nextauth.com/core/ns:1.0'],
  ])('%s', (image) => {
    const r = recognizeImage(image);
    expect(r).toMatchObject({ kind: 'container', confidence: 'low' });
    expect(r.why).toContain('custom container');
  });

  it.each(LOOKALIKE_ROWS.map((r) => [r.path, r.why] as const))('%s says why', (path, why) => {
    expect(recognizeImage(`${path}:latest`)).toMatchObject({ kind: 'container', why: expect.stringContaining(why) });
  });

  it('says that a newer-layout nextAuth image is not modelled', () => {
    expect(recognizeImage('registry.git.nextauth.com/core/sfs:2').why).toContain('newer layout');
  });

  it('names the problem of an image Docker would refuse', () => {
    expect(recognizeImage('Nginx:latest')).toMatchObject({ kind: 'container', image: null, problem: 'uppercase' });
    expect(recognizeImage('nextauth:')).toMatchObject({ kind: 'container', problem: 'invalid-format' });
    expect(recognizeImage('')).toMatchObject({ kind: 'container', problem: 'empty' });
  });
});

describe('recognizeImage: official names under an unknown namespace', () => {
  it.each([
    ['myorg/nginx:1.27', 'reverse-proxy', 'nginx'],
    ['registry.example.com/team/postgres:16', 'database', 'postgres'],
    ['ghcr.io/acme/redis', 'redis', undefined],
  ])('%s is probably a build of the official image (medium)', (image, kind, flavour) => {
    const r = recognizeImage(image);
    expect(r).toMatchObject({ kind, confidence: 'medium' });
    expect(r.flavour).toBe(flavour);
    expect(r.why).toContain('probably');
  });

  it('reads official images behind a mirror as official', () => {
    expect(recognizeImage('mirror.gcr.io/library/mysql:8').confidence).toBe('high');
    expect(recognizeImage('public.ecr.aws/docker/library/haproxy:3').confidence).toBe('high');
  });

  it("takes nextAuth's images under any registry path (the project's registry setting may hold one)", () => {
    expect(recognizeImage('registry.example.com/acme/auth/nextauth-portmap:9').kind).toBe('nextauth-portmap');
  });
});

describe('Redis Sentinel from the command', () => {
  it.each([
    ['redis:7', { command: 'redis-sentinel /etc/sentinel.conf' }],
    ['redis:7', { command: ['redis-server', '/etc/sentinel.conf', '--sentinel'] }],
    ['redis:7', { entrypoint: ['/usr/local/bin/redis-sentinel'], command: ['/conf/sentinel.conf'] }],
    ['redis:7', { command: 'sh -c "redis-sentinel /tmp/s.conf"' }],
    ['bitnami/redis:7', { command: 'redis-server /opt/s.conf --sentinel' }],
    ['valkey/valkey:8', { command: ['valkey-sentinel', '/s.conf'] }],
  ])('%s started with %j', (image, start) => {
    expect(recognizeImage(image, start)).toMatchObject({ kind: 'redis-sentinel' });
  });

  it.each([
    [{ command: 'redis-server /etc/redis-sentinel.conf' }],
    [{ command: ['redis-server', '--sentinel-like'] }],
    [{ command: 'redis-server --appendonly yes' }],
    [{}],
  ])('a redis image started with %j stays Redis', (start) => {
    expect(recognizeImage('redis:7', start).kind).toBe('redis');
  });

  it('only turns Redis-family images into Sentinel', () => {
    expect(recognizeImage('mysql:8', { command: 'redis-sentinel' }).kind).toBe('database');
    expect(recognizeImage('acme/cache', { command: 'redis-sentinel' }).kind).toBe('container');
    expect(runsSentinel(undefined)).toBe(false);
  });

  it('keeps bitnami/redis-sentinel a Sentinel with any command', () => {
    expect(recognizeImage('bitnami/redis-sentinel:7.2').kind).toBe('redis-sentinel');
  });
});
