/**
 * The desktop bridge's half of the import: files main chose stay behind opaque references (the
 * page holds names), dropped files go to the preload as File objects (it resolves their paths),
 * and main's answer is checked and its project text loaded before the dialog sees it.
 */
import { describe, expect, it, vi } from 'vitest';
import { createDesktopBridge, HostError, type DesktopApi } from '../../../../renderer/src/bridge';
import { saveProject } from '../../../../shared/format/index';
import { emptyProject } from '../../../../shared/model/index';

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });

function desktop(run: DesktopApi['import']['run']) {
  const api = {
    platform: 'desktop',
    recent: { list: () => ok([]) },
    recovery: { load: () => ok(null), journal: () => ok(null), clear: () => ok(null) },
    import: {
      choose: vi.fn(() =>
        ok([
          { name: 'docker-compose.yml', path: '/srv/app/docker-compose.yml' },
          { name: '.env', path: '/srv/app/.env' },
        ]),
      ),
      run: vi.fn(run),
    },
  } as unknown as DesktopApi;
  return { api, bridge: createDesktopBridge(api) };
}

const report = { files: ['/srv/app/docker-compose.yml'], services: [], inactive: [], notes: [], warnings: [] };

describe('the desktop bridge’s import', () => {
  it('hands the page names and opaque references, and main the chosen paths and dropped files', async () => {
    const { api, bridge } = desktop(() =>
      ok({ kind: 'imported' as const, projectText: saveProject(emptyProject('Imported')), report }),
    );
    const picks = await bridge.pickImportFiles!('compose');
    expect(picks!.map((p) => p.name)).toEqual(['docker-compose.yml', '.env']);
    expect(JSON.stringify(picks)).not.toContain('/srv/app');
    const dropped = new File(['x'], 'nginx.conf');
    const outcome = await bridge.importCompose!({
      compose: [picks![0]!],
      envFiles: [picks![1]!],
      proxyConfigs: [{ name: 'nginx.conf', file: dropped }],
      others: [],
      profiles: ['debug'],
    });
    expect(api.import.run).toHaveBeenCalledWith({
      compose: ['/srv/app/docker-compose.yml'],
      envFiles: ['/srv/app/.env'],
      proxyConfigs: [dropped],
      profiles: ['debug'],
    });
    expect(outcome.ok && outcome.value.project.meta.name).toBe('Imported');
    expect(bridge.importReadsDisk).toBe(true);
  });

  it('passes the import’s problems on as they are', async () => {
    const problems = [
      {
        code: 'yaml-syntax' as const,
        severity: 'error' as const,
        message: 'bad',
        at: { file: '/a.yml', line: 2, column: 3 },
      },
    ];
    const { bridge } = desktop(() => ok({ kind: 'failed' as const, problems }));
    const outcome = await bridge.importCompose!({
      compose: [{ name: 'a.yml', file: new File([''], 'a.yml') }],
      envFiles: [],
      proxyConfigs: [],
      others: [],
      profiles: [],
    });
    expect(outcome).toEqual({ ok: false, problems });
  });

  it('refuses a malformed answer, a project that does not load, and a pick it never handed out', async () => {
    const request = {
      compose: [{ name: 'a.yml', file: new File([''], 'a.yml') }],
      envFiles: [],
      proxyConfigs: [],
      others: [],
      profiles: [],
    };
    const bad = desktop(() => ok({ kind: 'imported', projectText: 'x', report: { ...report, notes: 'all' } } as never));
    await expect(bad.bridge.importCompose!(request)).rejects.toBeInstanceOf(HostError);
    const broken = desktop(() => ok({ kind: 'imported' as const, projectText: 'format: [', report }));
    await expect(broken.bridge.importCompose!(request)).rejects.toThrow(/does not load/);
    const { bridge } = desktop(() => ok({ kind: 'failed' as const, problems: [] }));
    await expect(
      bridge.importCompose!({ ...request, compose: [{ name: 'forged.yml', ref: 'import-99' }] }),
    ).rejects.toThrow(/no longer available/);
  });
});
