import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { KINDS, NEXTAUTH_IMAGE_KINDS } from '../../../../shared/catalog/index';
import { bindAddresses } from '../../../../shared/export/binds';
import { exportProject, seededRandom, type ExportFile } from '../../../../shared/export/index';
import { TAG_REQUIRED_MESSAGE } from '../../../../shared/export/plan';
import { imageRefOrNull } from '../../../../shared/import/recognize/image-ref';
import type { Component, Project, ProxyFlavour } from '../../../../shared/model/types';
import { TEMPLATE_IDS } from '../../../../shared/templates/index';
import { patchComponent, template } from '../../../support/fixtures';

// Issue 15: every image the compose exporter writes carries a version, and every published port
// names the addresses it binds.

/** The tags dclint's service-image-require-explicit-tag refuses (its default list). */
const FLOATING = ['latest', 'stable', 'edge', 'test', 'nightly', 'dev', 'beta', 'canary', 'lts'];
const FLAVOURS: readonly ProxyFlavour[] = ['nginx', 'haproxy', 'caddy', 'traefik'];

function files(p: Project, proxy: ProxyFlavour = 'nginx'): Record<string, string> {
  const result = exportProject(p, { random: seededRandom(5), proxy });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => `${d.rule} ${d.message}`).join('; '));
  return Object.fromEntries(result.files.map((f: ExportFile) => [f.path, f.contents]));
}

type Compose = { services: Record<string, { image: string; ports?: string[] }> };
const composeOf = (p: Project, proxy?: ProxyFlavour): Compose =>
  parse(files(p, proxy)['docker-compose.yml']!) as Compose;
const withTag = (p: Project, tag: string): Project => ({ ...p, settings: { ...p.settings, tag } });

describe('pinned images', () => {
  it('every third-party image in the catalog names a concrete version', () => {
    const images = KINDS.flatMap((k) => [k.image?.name, ...(k.flavours ?? []).map((f) => f.image)]).filter(
      (i): i is string => i !== undefined && !NEXTAUTH_IMAGE_KINDS.has(i),
    );
    expect(images.length).toBeGreaterThanOrEqual(8);
    for (const image of images) {
      const ref = imageRefOrNull(image);
      expect(ref, image).not.toBeNull();
      expect(ref!.tag, image).toMatch(/[0-9]/);
      expect(FLOATING, image).not.toContain(ref!.tag);
    }
  });

  it.each(TEMPLATE_IDS)('%s: nextAuth images require the tag from .env, the others carry their own', (id) => {
    for (const flavour of FLAVOURS) {
      const compose = composeOf(template(id), flavour);
      for (const [name, s] of Object.entries(compose.services)) {
        if (s.image.startsWith('${PORTOLAN_NEXTAUTH_REGISTRY}'))
          expect(s.image, name).toMatch(/:\$\{PORTOLAN_NEXTAUTH_TAG:\?set PORTOLAN_NEXTAUTH_TAG in \.env to [^}/]+\}$/);
        else expect(FLOATING, name).not.toContain(imageRefOrNull(s.image)?.tag ?? 'latest');
      }
    }
  });

  it('the message cannot end the reference early or split the image path', () => {
    expect(TAG_REQUIRED_MESSAGE).not.toMatch(/[}/$]/);
  });

  it('an imported image keeps its own reference, even an unpinned one (NA052 judges it, not the exporter)', () => {
    const p = patchComponent(withTag(template('manual'), '1.4.2'), 'redis', { image: 'bitnami/redis' });
    expect(composeOf(p).services.redis!.image).toBe('bitnami/redis');
  });

  it('.env carries the project tag, with a note saying whether it pins anything', () => {
    const env = (tag: string) => files(withTag(template('manual'), tag))['.env']!;
    expect(env('latest')).toMatch(
      /# Tag of the nextAuth images\. "latest" is not a version[^\n]*\nPORTOLAN_NEXTAUTH_TAG=latest\n/,
    );
    expect(env('1.4.2')).toMatch(
      /# Tag of the nextAuth images \(the version this deployment runs\)\.\nPORTOLAN_NEXTAUTH_TAG=1\.4\.2\n/,
    );
  });

  it('DEPLOYMENT.md says before the first pull whether the version is pinned', () => {
    const guide = (tag: string) => files(withTag(template('manual'), tag))['DEPLOYMENT.md']!;
    expect(guide('latest')).toContain('The nextAuth images are tagged `latest`, which is not a version');
    expect(guide('1.4.2')).toContain('The nextAuth images run version `1.4.2`');
  });
});

describe('explicit binds', () => {
  const proxy = (p: Project): Component => p.components.find((c) => c.id === 'proxy')!;

  it.each(TEMPLATE_IDS)('%s: no published port is left to bind every interface silently', (id) => {
    for (const flavour of FLAVOURS)
      for (const s of Object.values(composeOf(template(id), flavour).services))
        for (const port of s.ports ?? []) expect(port).toMatch(/^(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]):\d+:\d+(\/udp)?$/);
  });

  it('a public entry point binds every IPv4 and every IPv6 address, with the dclint note right above ports:', () => {
    const text = files(template('manual'))['docker-compose.yml']!;
    expect(composeOf(template('manual')).services.proxy!.ports).toEqual([
      '0.0.0.0:80:80',
      '[::]:80:80',
      '0.0.0.0:443:443',
      '[::]:443:443',
    ]);
    expect(text).toMatch(/\n {4}# dclint disable-line no-duplicate-exported-ports\n {4}ports:\n/);
    expect(text.match(/dclint disable-line/g)).toHaveLength(1);
  });

  it('a publish with its own address keeps it, and then no dclint note is needed', () => {
    const p = patchComponent(template('manual'), 'proxy', {
      publish: [
        { port: 'http', hostPort: 80, hostIp: '192.0.2.10' },
        { port: 'https', hostPort: 443, hostIp: '2001:db8::10' },
      ],
    });
    expect(composeOf(p).services.proxy!.ports).toEqual(['192.0.2.10:80:80', '[2001:db8::10]:443:443']);
    expect(files(p)['docker-compose.yml']).not.toContain('dclint');
  });

  it('what decides an address (binds.ts)', () => {
    const p = proxy(template('manual'));
    expect(bindAddresses(p, { port: 'https' })).toEqual(['0.0.0.0', '::']);
    expect(bindAddresses(p, { port: 'https', hostIp: '' })).toEqual(['0.0.0.0', '::']);
    expect(bindAddresses(p, { port: 'https', hostIp: '127.0.0.1' })).toEqual(['127.0.0.1']);
    // A port of an entry point that is not one of its public ports is for the operator alone.
    expect(bindAddresses(p, { port: 'status' })).toEqual(['127.0.0.1']);
    // A custom container's port keeps meaning every interface, now written out.
    const app = {
      ...p,
      kind: 'container',
      flavour: undefined,
      ports: [{ name: 'web', number: 3000, protocol: 'http' }],
    } as unknown as Component;
    expect(bindAddresses(app, { port: 'web' })).toEqual(['0.0.0.0', '::']);
  });

  it('DEPLOYMENT.md shows each binding and tells the operator Docker bypasses ufw', () => {
    const md = files(template('manual'))['DEPLOYMENT.md']!;
    expect(md).toContain('| `0.0.0.0:443`, `[::]:443` | TCP (HTTPS) |');
    expect(md).toContain('### Published ports and the host firewall');
    expect(md).toMatch(/ufw deny 443` does not close it/);
    expect(md).toContain('`DOCKER-USER`');
    expect(md).toContain('delete the `[::]:…` lines');
    // Bound to addresses of its own (no IPv6 wildcard), the IPv6 advice is left out.
    const bound = patchComponent(template('manual'), 'proxy', {
      publish: [
        { port: 'http', hostPort: 80, hostIp: '127.0.0.1' },
        { port: 'https', hostPort: 443, hostIp: '127.0.0.1' },
      ],
    });
    const local = files(bound)['DEPLOYMENT.md']!;
    expect(local).toContain('| This host only (loopback) | nginx (`proxy`), host port | `127.0.0.1:443` |');
    expect(local).not.toContain('delete the `[::]:…` lines');
  });
});
