/**
 * The `x-portolan` block of docker-compose.yml: only what compose cannot say, never a secret,
 * `$` written so compose's interpolation gives it back, and a kept block of that name replaced.
 */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { exportProject, seededRandom } from '../../../../shared/export/index';
import { portolanExtension, PORTOLAN_EXTENSION_KEY } from '../../../../shared/export/portolan-extension';
import type { Component, ComponentId, Project } from '../../../../shared/model/types';
import { base } from '../../../support/proxy-cases';

const composeOf = (p: Project): string => {
  const result = exportProject(p, { random: seededRandom(3) });
  if (!result.ok) throw new Error('export refused');
  return result.files.find((f) => f.path === 'docker-compose.yml')!.contents;
};

type Entry = Record<string, unknown>;
const blockOf = (p: Project) => parse(composeOf(p))[PORTOLAN_EXTENSION_KEY] as Entry;
const entryOf = (block: Entry, id: string) => (block.components as Entry[]).find((c) => c.id === id)!;

describe('the x-portolan block', () => {
  const project = base('manual');

  it('is versioned and holds every component, link, route and zone by id', () => {
    const block = blockOf(project);
    expect(block.format).toBe(1);
    expect((block.components as Entry[]).map((c) => c.id)).toEqual(project.components.map((c) => c.id));
    expect((block.links as Entry[]).map((l) => l.id)).toEqual(project.links.map((l) => l.id));
    expect((block.routes as Entry[]).map((r) => r.id)).toEqual(project.routes.map((r) => r.id));
    expect(block.zones).toEqual(project.zones.map((z) => ({ ...z })));
    expect(block.meta).toEqual(project.meta);
  });

  it('says of a service only what compose cannot: no environment, flavour or publishes', () => {
    const block = blockOf(project);
    const nextauth = project.components.find((c) => c.kind === 'nextauth')!;
    const entry = entryOf(block, nextauth.id);
    expect(entry).not.toHaveProperty('environment');
    expect(entry).not.toHaveProperty('publish');
    expect(entry).not.toHaveProperty('replicas');
    expect(entry).toMatchObject({ kind: 'nextauth', name: nextauth.name, position: nextauth.position });
    const proxy = project.components.find((c) => c.kind === 'reverse-proxy')!;
    expect(entryOf(block, proxy.id)).not.toHaveProperty('flavour');
  });

  it('holds an outside component whole, but no secret written as a literal', () => {
    const key = 'AKIAIOSFODNN7EXAMPLE';
    const outside: Component = {
      id: 'erp' as ComponentId,
      kind: 'business-app',
      name: 'ERP',
      replicas: 1,
      properties: { vendor: 'Acme' },
      environment: {
        API_TOKEN: { type: 'literal', value: key },
        REGION: { type: 'literal', value: 'eu-west-1' },
        CLIENT_SECRET: { type: 'secret', length: 40 },
      },
      portOverrides: {},
      publish: [],
      position: { x: 10, y: 20 },
      pinned: true,
    };
    const p = { ...project, components: [...project.components, outside] };
    expect(composeOf(p)).not.toContain(key);
    expect(entryOf(blockOf(p), 'erp')).toEqual({
      id: 'erp',
      kind: 'business-app',
      name: 'ERP',
      properties: { vendor: 'Acme' },
      environment: {
        API_TOKEN: { type: 'input', prompt: 'API_TOKEN (a secret: its value is not written into the compose file)' },
        REGION: { type: 'literal', value: 'eu-west-1' },
        CLIENT_SECRET: { type: 'secret', length: 40 },
      },
      position: { x: 10, y: 20 },
      pinned: true,
    });
  });

  it('doubles every $, so compose reads the text back as it was', () => {
    const p = { ...project, meta: { name: 'Costs $5 ${HOME}', description: '$$' } };
    expect(portolanExtension(p).meta).toEqual({ name: 'Costs $5 ${HOME}', description: '$$' });
    expect(blockOf(p).meta).toEqual({ name: 'Costs $$5 $${HOME}', description: '$$$$' });
  });

  it('replaces a kept block of the same name', () => {
    const p = { ...project, passThrough: { [PORTOLAN_EXTENSION_KEY]: { format: 99 }, 'x-other': 'kept' } };
    const compose = parse(composeOf(p)) as Entry;
    expect((compose[PORTOLAN_EXTENSION_KEY] as Entry).format).toBe(1);
    expect(compose['x-other']).toBe('kept');
  });
});
