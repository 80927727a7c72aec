import { describe, expect, it } from 'vitest';
import type { ComponentId, Project } from '../../../../shared/model/index';
import { setContainerPorts } from '../../../../shared/model/index';
import { checkProject } from '../../../../shared/rules/index';
import { component, link, patchComponent, route, template } from '../../../support/fixtures';

/**
 * A custom container is left alone by the product rules, which are about nextAuth's kinds: adding
 * one — with its own variables, published ports, a public route to it — changes no finding of the
 * project, except where it connects to nextAuth (NA044) or is itself not exportable (NA047).
 */

const manual = template('manual');

function withRelay(p: Project, fields: Partial<Project['components'][number]> = {}): Project {
  const added = component(p, {
    kind: 'container',
    id: 'relay',
    name: 'Relay',
    zone: 'internal' as never,
    position: { x: 0, y: 0 },
  });
  return patchComponent(added, 'relay', {
    image: 'ghcr.io/acme/relay:2.1',
    ports: [
      { name: 'smtp', number: 25, protocol: 'tcp' },
      { name: 'web', number: 8080, protocol: 'http' },
      { name: 'syslog', number: 514, protocol: 'udp' },
    ],
    ...fields,
  });
}

const findings = (p: Project) =>
  checkProject(p)
    .map((d) => `${d.rule} ${d.message}`)
    .sort();

describe('custom containers and the product rules', () => {
  it('a container with its own ports adds no finding to the template', () => {
    const before = findings(manual);
    expect(findings(withRelay(manual))).toEqual(before);
  });

  it.each([
    [
      'variables naming servers outside the drawing and a relative callback URL',
      {
        environment: {
          DATABASE_URL: { type: 'literal' as const, value: 'postgres://app@db.corp.example:5432/relay' },
          CALLBACK_URL: { type: 'literal' as const, value: '/callback' },
          REDIS_URL: { type: 'literal' as const, value: 'redis://cache.corp.example:6379' },
          SMTP_PASSWORD: { type: 'secret' as const, length: 32 },
        },
      },
    ],
    [
      'Docker variables it reads itself (written into its compose environment, never into .env)',
      { environment: { DOCKER_HOST: { type: 'literal' as const, value: 'tcp://dind:2376' } } },
    ],
    [
      'published host ports, TCP and UDP',
      {
        publish: [
          { port: 'smtp', hostPort: 2525 },
          { port: 'syslog', hostPort: 514 },
        ],
      },
    ],
    ['replicas', { replicas: 3 }],
    [
      'kept compose keys',
      { passThrough: { logging: { driver: 'json-file' }, healthcheck: { test: ['CMD', 'true'] } } },
    ],
  ])('%s', (_, fields) => {
    expect(findings(withRelay(manual, fields))).toEqual(findings(manual));
  });

  it('a public route through the proxy to its http port', () => {
    const routed = route(withRelay(manual), {
      via: 'proxy',
      scheme: 'https',
      host: 'relay.example.com',
      path: '/',
      target: 'relay',
      port: 'web',
      tls: { terminate: true, reencrypt: false },
    });
    expect(findings(routed)).toEqual(findings(manual));
  });

  it('re-encrypting to a plain http port of a container is NA016, as for any port', () => {
    const routed = route(withRelay(manual), {
      via: 'proxy',
      scheme: 'https',
      host: 'relay.example.com',
      path: '/',
      target: 'relay',
      port: 'web',
      tls: { terminate: true, reencrypt: true },
    });
    expect(
      checkProject(routed)
        .filter((d) => d.rule === 'NA016')
        .map((d) => d.message),
    ).toEqual(['https://relay.example.com/ re-encrypts to web of "Relay", which speaks plain HTTP only']);
  });

  it('where nextauth connects to it, NA044 says the networking page does not list it', () => {
    const linked = link(withRelay(manual), 'nextauth', 'relay', 'smtp');
    const added = findings(linked).filter((f) => !findings(manual).includes(f));
    expect(added).toEqual([
      expect.stringMatching(
        /^NA044 "nextauth" connects to "Relay" \(Custom container\), which the networking page does not list/,
      ),
    ]);
  });

  it('a link or route to a port the container no longer has is NA028; renaming a port keeps them', () => {
    const linked = link(withRelay(manual), 'mgmt', 'relay', 'web');
    const gone = patchComponent(linked, 'relay', { ports: [] });
    expect(
      checkProject(gone)
        .filter((d) => d.rule === 'NA028')
        .map((d) => d.message),
    ).toEqual(['"mgmt" connects to port "web" of "Relay", which has no such port']);
    const renamed = setContainerPorts(
      linked,
      'relay' as ComponentId,
      [{ name: 'http', number: 8080, protocol: 'http' }],
      new Map([['web', 'http']]),
    );
    expect(renamed.links.find((l) => l.to === 'relay')?.port).toBe('http');
    expect(checkProject(renamed).filter((d) => d.rule === 'NA028')).toEqual([]);
    const removed = setContainerPorts(linked, 'relay' as ComponentId, []);
    expect(removed.links.some((l) => l.to === 'relay')).toBe(false);
  });

  it('a reserved name still matters where the value goes to .env (a generated or a typed secret)', () => {
    const p = withRelay(manual, {
      environment: {
        DOCKER_PASSWORD: { type: 'secret', length: 32 },
        DOCKER_AUTH_TOKEN: { type: 'literal', value: 'q8Xv2LmN4pR7sT1wY5zA3bC6dE9fG0hJ' },
      },
    });
    const messages = checkProject(p)
      .filter((d) => d.rule === 'NA037')
      .map((d) => d.message.split(':')[0]);
    expect(messages.sort()).toEqual([
      'DOCKER_AUTH_TOKEN of "Relay" starts with DOCKER_',
      'DOCKER_PASSWORD of "Relay" starts with DOCKER_',
    ]);
  });
});
