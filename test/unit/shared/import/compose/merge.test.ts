import { describe, expect, it } from 'vitest';
import { entryOf, toPlain, type CMap } from '../../../../../shared/import/compose/tree';
import { volumeTarget } from '../../../../../shared/import/compose/unique';
import { load, loaded, plainServices, problemOf } from './memory-fs';

// `-f a.yml -f b.yml`: the compose-spec's merge rules (13-merge.md) as compose-go applies them
// (override/merge.go, override/uncity.go), with the spec's own examples first.

/** Loads a.yml, b.yml (and c.yml when given) and returns the services as plain data. */
function merged(...texts: string[]): Record<string, unknown> {
  const files = Object.fromEntries(texts.map((t, i) => [`${'abc'[i]}.yml`, t]));
  return plainServices(loaded(load(Object.keys(files), files)));
}

describe('the compose-spec merge examples', () => {
  it('merges mappings by adding missing keys and replacing conflicting ones', () => {
    expect(
      merged(
        'services:\n  foo:\n    key1: value1\n    key2: value2\n',
        'services:\n  foo:\n    key2: VALUE\n    key3: value3\n',
      ),
    ).toEqual({ foo: { key1: 'value1', key2: 'VALUE', key3: 'value3' } });
  });

  it('appends sequences', () => {
    expect(
      merged('services:\n  foo:\n    DNS:\n      - 1.1.1.1\n', 'services:\n  foo:\n    DNS:\n      - 8.8.8.8\n'),
    ).toEqual({
      foo: { DNS: ['1.1.1.1', '8.8.8.8'] },
    });
  });

  it('replaces command, entrypoint and healthcheck.test', () => {
    expect(
      merged(
        'services:\n  foo:\n    command: ["echo", "foo"]\n    entrypoint: [sh, -c]\n    healthcheck: {test: [CMD, a], interval: 5s}\n',
        'services:\n  foo:\n    command: ["echo", "bar"]\n    entrypoint: bash\n    healthcheck: {test: [CMD, b]}\n',
      ),
    ).toEqual({
      foo: { command: ['echo', 'bar'], entrypoint: 'bash', healthcheck: { test: ['CMD', 'b'], interval: '5s' } },
    });
  });

  it('keeps unique resources unique: volumes by target, the later one in the earlier place', () => {
    expect(
      merged(
        'services:\n  foo:\n    volumes:\n      - foo:/work\n      - logs:/logs\n',
        'services:\n  foo:\n    volumes:\n      - bar:/work\n      - type: volume\n        source: x\n        target: /new\n',
      ),
    ).toEqual({ foo: { volumes: ['bar:/work', 'logs:/logs', { type: 'volume', source: 'x', target: '/new' }] } });
  });

  it('resets values with !reset', () => {
    expect(
      merged(
        'services:\n  app:\n    image: myapp\n    ports:\n      - "8080:80"\n    environment:\n      FOO: BAR\n      KEEP: 1\n',
        'services:\n  app:\n    image: myapp\n    ports: !reset []\n    environment:\n      FOO: !reset null\n',
      ),
    ).toEqual({ app: { image: 'myapp', environment: { KEEP: 1 } } });
  });

  it('honours !reset inside a map merged in with <<', () => {
    expect(
      merged(
        'services:\n  app:\n    image: a\n    ports: ["80:80"]\n',
        'x-no-ports: &no-ports\n  ports: !reset []\nservices:\n  app:\n    <<: *no-ports\n    image: b\n',
      ),
    ).toEqual({ app: { image: 'b' } });
  });

  it('removes a whole service with !reset', () => {
    expect(merged('services:\n  a: {image: a}\n  b: {image: b}\n', 'services:\n  b: !reset\n')).toEqual({
      a: { image: 'a' },
    });
  });

  it('replaces values whole with !override', () => {
    expect(
      merged(
        'services:\n  app:\n    image: myapp\n    ports:\n      - "8080:80"\n',
        'services:\n  app:\n    ports: !override\n      - "8443:443"\n',
      ),
    ).toEqual({ app: { image: 'myapp', ports: ['8443:443'] } });
  });
});

describe('compose-go special merge rules', () => {
  it('merges environment and labels by key, whether written as a list or a map', () => {
    expect(
      merged(
        'services:\n  a:\n    environment: {A: "1", B: "2"}\n    labels: [x=1, y=2]\n',
        'services:\n  a:\n    environment: [B=3, C=4]\n    labels: {y: "9", z: "0"}\n',
      ),
    ).toEqual({ a: { environment: ['A=1', 'B=3', 'C=4'], labels: ['x=1', 'y=9', 'z=0'] } });
    // Two maps stay a map; a null override (`KEY:`, "from the environment") replaces the value.
    expect(
      merged(
        'services:\n  a:\n    environment: {A: "1", B: "2"}\n',
        'services:\n  a:\n    environment: {B: null, C: "3"}\n',
      ),
    ).toEqual({ a: { environment: { A: '1', B: null, C: '3' } } });
  });

  it('makes a list environment unique by key within one file too', () => {
    expect(merged('services:\n  a:\n    environment: [A=1, B=1, A=2]\n')).toEqual({
      a: { environment: ['A=2', 'B=1'] },
    });
  });

  it('appends extra_hosts without repeating an entry', () => {
    expect(
      merged(
        'services:\n  a:\n    extra_hosts: ["db:10.0.0.1"]\n',
        'services:\n  a:\n    extra_hosts: ["db:10.0.0.1", "cache:10.0.0.2"]\n',
      ),
    ).toEqual({ a: { extra_hosts: ['db:10.0.0.1', 'cache:10.0.0.2'] } });
  });

  it('merges depends_on, networks and models as mappings (a list names each with the defaults)', () => {
    expect(
      merged(
        'services:\n  a:\n    depends_on: {db: {condition: service_healthy}}\n    networks: [front]\n  db: {}\n  cache: {}\n',
        'services:\n  a:\n    depends_on: [db, cache]\n    networks: {back: {aliases: [x]}}\n',
      ),
    ).toEqual({
      db: {},
      cache: {},
      a: {
        depends_on: {
          db: { condition: 'service_started', required: true },
          cache: { condition: 'service_started', required: true },
        },
        networks: { front: null, back: { aliases: ['x'] } },
      },
    });
    expect(
      merged(
        'services:\n  a:\n    depends_on: [db]\n  db: {}\n  cache: {}\n',
        'services:\n  a:\n    depends_on: [db, cache]\n',
      ),
    ).toEqual({ a: { depends_on: ['db', 'cache'] }, db: {}, cache: {} });
  });

  it('reads a build string as its context', () => {
    expect(merged('services:\n  a:\n    build: ./app\n', 'services:\n  a:\n    build: {target: prod}\n')).toEqual({
      a: { build: { context: './app', target: 'prod' } },
    });
  });

  it('merges logging only when the driver stays the same', () => {
    const base = 'services:\n  a:\n    logging: {driver: json-file, options: {max-size: 1m}}\n';
    expect(merged(base, 'services:\n  a:\n    logging: {options: {max-file: "3"}}\n')).toEqual({
      a: { logging: { driver: 'json-file', options: { 'max-size': '1m', 'max-file': '3' } } },
    });
    expect(merged(base, 'services:\n  a:\n    logging: {driver: syslog}\n')).toEqual({
      a: { logging: { driver: 'syslog' } },
    });
  });

  it('replaces a ulimit, and merges ipam configs by subnet', () => {
    expect(
      merged(
        'services:\n  a:\n    ulimits: {nofile: {soft: 1, hard: 2}, nproc: 5}\n',
        'services:\n  a:\n    ulimits: {nofile: {soft: 3}}\n',
      ),
    ).toEqual({ a: { ulimits: { nofile: { soft: 3 }, nproc: 5 } } });
    const files = {
      'a.yml': 'services: {}\nnetworks:\n  n:\n    ipam:\n      config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1}]\n',
      'b.yml':
        'networks:\n  n:\n    ipam:\n      config: [{subnet: 10.0.0.0/24, ip_range: 10.0.0.0/28}, {subnet: 10.1.0.0/24}]\n',
    };
    const model = loaded(load(['a.yml', 'b.yml'], files));
    expect(toPlain(model.networks as CMap)).toEqual({
      n: {
        ipam: {
          config: [{ subnet: '10.0.0.0/24', gateway: '10.0.0.1', ip_range: '10.0.0.0/28' }, { subnet: '10.1.0.0/24' }],
        },
      },
    });
  });

  it('makes ports, expose, secrets and dns unique', () => {
    expect(
      merged(
        'services:\n  a:\n    ports: ["80:80", {target: 443, published: 8443}]\n    expose: [9000]\n    secrets: [s]\n    dns: 1.1.1.1\n',
        'services:\n  a:\n    ports: ["80:80", {target: 443, published: 8443, protocol: tcp}]\n    expose: ["9000"]\n    secrets: [{source: s, target: /run/secrets/s}]\n    dns: [1.1.1.1, 8.8.8.8]\n',
      ),
    ).toEqual({
      a: {
        ports: ['80:80', { target: 443, published: 8443, protocol: 'tcp' }],
        expose: ['9000'],
        secrets: [{ source: 's', target: '/run/secrets/s' }],
        dns: ['1.1.1.1', '8.8.8.8'],
      },
    });
  });

  it('keeps the base when the override is null, and refuses to turn a map into a scalar', () => {
    expect(
      merged(
        'services:\n  a:\n    image: x\n    deploy: {replicas: 2}\n',
        'services:\n  a:\n    image:\n    deploy:\n',
      ),
    ).toEqual({
      a: { image: 'x', deploy: { replicas: 2 } },
    });
    const outcome = load(['a.yml', 'b.yml'], {
      'a.yml': 'services:\n  a:\n    deploy: {replicas: 2}\n',
      'b.yml': 'services:\n  a:\n    deploy: two\n',
    });
    expect(problemOf(outcome)).toBe('wrong-type b.yml:3:13');
    expect(
      problemOf(
        load(['a.yml', 'b.yml'], {
          'a.yml': 'services:\n  a:\n    dns_x: [a]\n',
          'b.yml': 'services:\n  a:\n    dns_x: {b: 1}\n',
        }),
      ),
    ).toBe('wrong-type b.yml:3:12');
  });
});

describe('positions after a merge', () => {
  it('follow the node that won', () => {
    const model = loaded(
      load(['a.yml', 'b.yml'], {
        'a.yml': 'services:\n  web:\n    image: a\n    restart: always\n    ports: ["80:80"]\n',
        'b.yml': 'services:\n  web:\n    image: b\n    ports: ["81:81"]\n',
      }),
    );
    const web = model.services[0];
    expect(web?.at).toEqual({ file: 'a.yml', line: 2, column: 3 });
    const node = web?.node as CMap;
    expect(entryOf(node, 'image')?.value.at).toEqual({ file: 'b.yml', line: 3, column: 12 });
    expect(entryOf(node, 'image')?.keyAt.file).toBe('b.yml');
    expect(entryOf(node, 'restart')?.value.at.file).toBe('a.yml');
    const ports = entryOf(node, 'ports')?.value;
    expect(ports?.kind === 'seq' && ports.items.map((p) => p.at.file)).toEqual(['a.yml', 'b.yml']);
  });

  it('merges three files in order', () => {
    expect(
      merged(
        'services:\n  a:\n    image: one\n',
        'services:\n  a:\n    image: two\n  b:\n    image: x\n',
        'services:\n  a:\n    image: three\n',
      ),
    ).toEqual({ a: { image: 'three' }, b: { image: 'x' } });
  });

  it('skips an empty override file', () => {
    expect(merged('services:\n  a:\n    image: one\n', '# nothing yet\n')).toEqual({ a: { image: 'one' } });
  });
});

describe('volume targets', () => {
  it('reads the target of a short volume spec', () => {
    expect(volumeTarget('data:/var/lib/data:rw')).toBe('/var/lib/data');
    expect(volumeTarget('/anonymous')).toBe('/anonymous');
    expect(volumeTarget('C:\\data:/data')).toBe('/data');
    expect(volumeTarget('${DIR:-./x}:/x:ro')).toBe('/x');
  });
});
