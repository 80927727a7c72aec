import { describe, expect, it } from 'vitest';
import { componentPort, componentPorts, imageOf, portNamesOf, portNumber } from '../../../../shared/catalog/index';
import {
  containerPortProblems,
  imageReferenceProblem,
  passThroughServiceKeyProblem,
  passThroughTopKeyProblem,
  passThroughValueProblem,
} from '../../../../shared/model/constraints';
import { portRows } from '../../../../shared/diagram/metrics';
import {
  addComponent,
  emptyProject,
  removePassThrough,
  type Component,
  type ComponentId,
  type ContainerPort,
} from '../../../../shared/model/index';
import { CATEGORY_ICONS, KIND_ICONS } from '../../../../shared/render/icons';
import { kindInfo } from '../../../../shared/render/kinds';

const ports: ContainerPort[] = [
  { name: 'web', number: 8080, protocol: 'http' },
  { name: 'tls', number: 8443, protocol: 'https' },
  { name: 'dns', number: 53, protocol: 'udp' },
];
const relay = { kind: 'container' as const, image: 'ghcr.io/acme/relay:1', ports, portOverrides: { web: 1 } };

describe('a custom container in the catalog lookups', () => {
  it('has its own ports, numbers and image; overrides do not apply to them', () => {
    expect(componentPorts(relay).map((p) => [p.name, p.number, p.protocol, p.tls])).toEqual([
      ['web', 8080, 'http', 'none'],
      ['tls', 8443, 'https', 'always'],
      ['dns', 53, 'udp', 'none'],
    ]);
    expect(componentPort(relay, 'tls')?.source.type).toBe('assumed');
    expect(componentPort(relay, 'nope')).toBeUndefined();
    expect(portNumber(relay, 'web')).toBe(8080);
    expect(portNumber(relay, 'constructor')).toBeUndefined();
    expect(imageOf(relay)).toBe('ghcr.io/acme/relay:1');
    expect(portNamesOf(relay)).toBe('web, tls, dns');
    expect(portNamesOf({ kind: 'container', ports: [] })).toBe('none');
  });

  it('catalog kinds keep the catalog: flavour numbers and protocols, the image by flavour', () => {
    expect(componentPorts({ kind: 'database', flavour: 'postgres' }).map((p) => [p.name, p.number])).toEqual([
      ['db', 5432],
    ]);
    expect(componentPort({ kind: 'database', flavour: 'postgres' }, 'db')?.protocol).toBe('postgres');
    expect(imageOf({ kind: 'redis' })).toMatch(/^redis:/);
  });

  it('a new container starts with an empty image and no ports', () => {
    const { project, id } = addComponent(emptyProject('x'), { kind: 'container', name: 'C', position: { x: 0, y: 0 } });
    expect(project.components.find((c) => c.id === id)).toMatchObject({ image: '', ports: [] });
  });
});

describe('image references (constraints)', () => {
  it.each([
    'nginx',
    'nginx:1.27',
    'library/nginx:1.27-alpine',
    'registry.example.com:5000/team/app:v1.2.3',
    'localhost/app',
    '[::1]:5000/app:1',
    'ghcr.io/acme/a__b/c-d.e:tag_1',
    `app@sha256:${'a'.repeat(64)}`,
    `registry.example.com/app:1.0@sha256:${'0'.repeat(64)}`,
  ])('accepts %s', (ref) => expect(imageReferenceProblem(ref)).toBeUndefined());

  it.each([
    ['', 'empty'],
    ['Nginx', 'bad-name'],
    ['app:${TAG}', 'bad-tag'],
    ['${REGISTRY}/app', 'bad-name'],
    ['app name', 'bad-name'],
    ['app:', 'bad-tag'],
    ['app:-x', 'bad-tag'],
    [`app:${'t'.repeat(129)}`, 'bad-tag'],
    ['app@sha256:abc', 'bad-digest'],
    ['app@md5', 'bad-digest'],
    ['app\nimage: evil', 'bad-tag'],
    ['app\nx', 'bad-name'],
    ['a//b', 'bad-name'],
    ['a..b', 'bad-name'],
    ['-a', 'bad-name'],
    [`${'a'.repeat(256)}`, 'too-long'],
    [`${'a/'.repeat(600)}a`, 'too-long'],
  ])('refuses %j (%s)', (ref, problem) => expect(imageReferenceProblem(ref)).toBe(problem));

  it('answers a hostile long reference quickly', () => {
    const start = performance.now();
    for (const ref of ['a-'.repeat(120) + '!', `${'a.'.repeat(126)}:${'1'.repeat(5)}/x!`, 'a'.repeat(1000)])
      imageReferenceProblem(ref);
    expect(performance.now() - start).toBeLessThan(50);
  });
});

describe('container ports (constraints)', () => {
  it('accepts unique names and numbers, one number on TCP and UDP', () => {
    expect(containerPortProblems(ports)).toEqual([]);
    expect(containerPortProblems([...ports, { name: 'dns-tcp', number: 53, protocol: 'tcp' }])).toEqual([]);
  });

  it('names each problem with the port it is about', () => {
    expect(
      containerPortProblems([
        { name: 'a', number: 1, protocol: 'tcp' },
        { name: 'a', number: 2, protocol: 'tcp' },
        { name: 'b', number: 1, protocol: 'http' },
        { name: '', number: 3, protocol: 'tcp' },
        { name: 'c', number: 65536, protocol: 'tcp' },
        { name: 'd', number: 1.5, protocol: 'tcp' },
      ]).map((p) => [p.index, p.field]),
    ).toEqual([
      [1, 'name'],
      [2, 'number'],
      [3, 'name'],
      [4, 'number'],
      [5, 'number'],
    ]);
  });
});

describe('pass-through keys (constraints and operations)', () => {
  it('keeps compose keys the model does not write, never the ones it does', () => {
    for (const key of ['logging', 'healthcheck', 'labels', 'volumes', 'deploy', 'ports', 'profiles', 'x-', 'x-a b']) {
      expect(passThroughServiceKeyProblem(key), key).toBeUndefined();
    }
    for (const key of ['image', 'environment', 'networks', 'depends_on', 'Labels', '<<', '__proto__', 'x-a\nb']) {
      expect(passThroughServiceKeyProblem(key), key).toBeDefined();
    }
    for (const key of ['volumes', 'secrets', 'configs', 'x-anchors'])
      expect(passThroughTopKeyProblem(key)).toBeUndefined();
    for (const key of ['services', 'networks', 'name', 'version', 'include'])
      expect(passThroughTopKeyProblem(key)).toBeDefined();
    expect(passThroughValueProblem('deploy', { resources: {} })).toBeUndefined();
    expect(passThroughValueProblem('deploy', { replicas: 2 })).toMatch(/deploy\.replicas/);
  });

  it('removes one kept key, and the field with the last one', () => {
    const kept = { logging: { driver: 'none' }, labels: { a: 'b' } };
    const base = addComponent(emptyProject('x'), {
      kind: 'redis',
      id: 'r',
      name: 'R',
      position: { x: 0, y: 0 },
    }).project;
    const project = {
      ...base,
      components: base.components.map((c) => ({ ...c, passThrough: kept })),
      passThrough: { 'x-a': 1 },
    };
    const one = removePassThrough(project, 'r' as ComponentId, 'logging');
    expect(one.components[0]!.passThrough).toEqual({ labels: { a: 'b' } });
    const none = removePassThrough(one, 'r' as ComponentId, 'labels');
    expect('passThrough' in none.components[0]!).toBe(false);
    expect('passThrough' in removePassThrough(project, undefined, 'x-a')).toBe(false);
    expect(removePassThrough(project, undefined, 'x-missing')).toBe(project);
  });
});

describe('a custom container in the picture', () => {
  const node = (image: string): Component => ({
    id: 'relay' as ComponentId,
    kind: 'container',
    name: 'Relay',
    replicas: 1,
    properties: {},
    environment: {},
    portOverrides: {},
    publish: [],
    position: { x: 0, y: 0 },
    image,
    ports,
  });

  it('has a port row per own port, in its order, named by the port (no catalog label)', () => {
    expect(portRows(node('busybox'))).toEqual([
      { name: 'web', number: 8080, protocol: 'http', label: '' },
      { name: 'tls', number: 8443, protocol: 'https', label: '' },
      { name: 'dns', number: 53, protocol: 'udp', label: '' },
    ]);
  });

  it('says its image under its name, as much as fits, and is drawn with a box of its own', () => {
    expect(kindInfo(node('ghcr.io/acme/relay:1')).detail).toBe('ghcr.io/acme/relay:1');
    const long = `registry.example.com:5000/some/deep/path/relay:1.2.3@sha256:${'a'.repeat(64)}`;
    expect(kindInfo(node(long)).detail).toBe('relay:1.2.3');
    expect(kindInfo(node('')).detail).toBe('Custom container');
    expect(kindInfo(node('x')).icon).toBe(KIND_ICONS.container);
    expect(kindInfo(node('x')).icon).not.toBe(CATEGORY_ICONS.data);
  });
});
