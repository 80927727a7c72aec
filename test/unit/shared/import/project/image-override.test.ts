import { describe, expect, it } from 'vitest';
import { importProject, type ImportInput } from '../../../../../shared/import/project/index';
import { sameImage, settingsImage } from '../../../../../shared/import/project/settings';

/**
 * The import keeps a service's image as the component's override exactly where the export would
 * otherwise run another image: not for the catalog's own image (in any spelling Docker reads as
 * the same), yes for another repository or tag; for nextAuth, where the project's registry and
 * tag cannot say it (a digest, another repository name).
 */

const input = (compose: string): ImportInput => ({
  compose: [{ path: 'docker-compose.yml', text: compose }],
  envFiles: [],
  proxyConfigs: [],
  profiles: [],
  environment: {},
  readFile: () => undefined,
  fallbackName: 'images',
});

function imported(compose: string) {
  const r = importProject(input(compose));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const images = Object.fromEntries(r.value.project.components.map((c) => [c.id, c.image]));
  return { images, settings: r.value.project.settings, notes: r.value.report.notes.map((n) => n.text) };
}

describe('image overrides from an import', () => {
  it('sameImage reads references as Docker does', () => {
    expect(sameImage('redis:7.4-alpine', 'docker.io/library/redis:7.4-alpine')).toBe(true);
    expect(sameImage('nginx', 'nginx:latest')).toBe(true);
    expect(sameImage('redis:7.2', 'redis:7.4-alpine')).toBe(false);
    expect(sameImage('bitnami/redis:7.4', 'redis:7.4')).toBe(false);
    expect(sameImage('Not An Image', 'Not An Image')).toBe(true);
    expect(settingsImage('nextauth-mgmt', { registry: 'registry.example.com/auth/', tag: '2.14' })).toBe(
      'registry.example.com/auth/nextauth-mgmt:2.14',
    );
  });

  it('the catalog image (any spelling) is no override; another image or tag is', () => {
    const { images, notes } = imported(
      [
        'services:',
        '  cache:',
        '    image: docker.io/library/redis:7.4-alpine',
        '  other-cache:',
        '    image: bitnami/redis:7.4',
        '  db:',
        '    image: postgres:15',
      ].join('\n'),
    );
    expect(images.cache).toBeUndefined();
    expect(images['other-cache']).toBe('bitnami/redis:7.4');
    expect(images.db).toBe('postgres:15');
    expect(notes).toEqual(
      expect.arrayContaining([expect.stringContaining('service db runs postgres:15, not the catalog')]),
    );
  });

  it('nextAuth: registry and tag go to the settings; a digest stays on the component as an override', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    const { images, settings, notes } = imported(
      [
        'services:',
        '  nextauth:',
        '    image: registry.example.com/auth/nextauth:2.14.1',
        '  mgmt:',
        `    image: registry.example.com/auth/nextauth-mgmt@${digest}`,
      ].join('\n'),
    );
    expect(settings).toEqual({ registry: 'registry.example.com/auth', tag: '2.14.1' });
    expect(images.nextauth).toBeUndefined();
    expect(images.mgmt).toBe(`registry.example.com/auth/nextauth-mgmt@${digest}`);
    expect(notes.some((n) => n.includes('service mgmt runs') && n.includes("kept as the component's image"))).toBe(
      true,
    );
  });
});
