import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportPick } from '../../../../renderer/src/bridge';
import { FALLBACK_PROJECT_NAME, importInPage, readPick } from '../../../../renderer/src/import/run-in-page';
import { MAX_COMPOSE_BYTES } from '../../../../shared/import/compose/document';

const CORPUS = join(__dirname, '..', '..', '..', 'fixtures', 'import', 'corpus');
const file = (dir: string, name: string): ImportPick => ({
  name,
  file: new File([readFileSync(join(CORPUS, dir, name))], name),
});
const none = { envFiles: [], proxyConfigs: [], others: [], profiles: [] };

describe('the import in the page (browser edition)', () => {
  it('imports compose + .env + nginx.conf from picked files', async () => {
    const outcome = await importInPage({
      ...none,
      compose: [file('02-nginx-front', 'docker-compose.yml')],
      envFiles: [file('02-nginx-front', '.env')],
      proxyConfigs: [file('02-nginx-front', 'nginx.conf')],
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.value.report.services.map((s) => s.service).sort()).toEqual(['cache', 'db', 'nextauth', 'web']);
    expect(outcome.value.project.routes.length).toBeGreaterThan(0);
    expect(outcome.value.project.meta.name).toBe(FALLBACK_PROJECT_NAME);
  });

  it('fails with the file to add when an extends file was not picked, and succeeds once it is', async () => {
    const compose = [file('05-extends-other-file', 'docker-compose.yml')];
    const missing = await importInPage({ ...none, compose });
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    const error = missing.problems.find((p) => p.severity === 'error')!;
    expect(error).toMatchObject({
      code: 'extends-unknown-file',
      at: { file: 'docker-compose.yml', line: 6, column: 13 },
    });
    expect(error.message).toContain('common.yml');

    const added = await importInPage({
      ...none,
      compose,
      envFiles: [file('05-extends-other-file', '.env')],
      others: [file('05-extends-other-file', 'common.yml')],
    });
    expect(added.ok).toBe(true);
  });

  it('reads the default .env beside the compose file from the picked files', async () => {
    const outcome = await importInPage({
      ...none,
      compose: [file('05-extends-other-file', 'docker-compose.yml')],
      others: [file('05-extends-other-file', 'common.yml'), file('05-extends-other-file', '.env')],
    });
    expect(outcome.ok).toBe(true);
    if (outcome.ok) expect(outcome.warnings.filter((w) => w.code === 'variable-unset')).toEqual([]);
  });

  it('refuses a file over the size bound before reading it, and one that is not UTF-8', async () => {
    const big = { name: 'big.yml', file: { size: MAX_COMPOSE_BYTES + 1 } as File };
    expect(await readPick(big)).toMatchObject({ code: 'file-too-large', at: { file: 'big.yml', line: 1, column: 1 } });
    const binary = { name: 'x.yml', file: new File([new Uint8Array([0xff, 0xfe, 0x00])], 'x.yml') };
    expect(await readPick(binary)).toMatchObject({ code: 'file-not-found', message: expect.stringContaining('UTF-8') });
    expect(await readPick({ name: 'gone.yml' })).toMatchObject({ code: 'file-not-found' });
    const outcome = await importInPage({ ...none, compose: [big] });
    expect(outcome).toMatchObject({ ok: false, problems: [{ code: 'file-too-large' }] });
  });

  it('reports an import without compose files as the core does', async () => {
    expect(await importInPage({ ...none, compose: [] })).toMatchObject({
      ok: false,
      problems: [{ code: 'not-a-compose-file' }],
    });
  });
});
