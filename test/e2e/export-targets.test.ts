/**
 * End-to-end: the export dialog's targets (shared/export/targets) in the built editor — choosing
 * Kubernetes with the keyboard, its folder tree and masked Secret in the preview, the next steps,
 * the saved zip (unpacked with the real `unzip`: folders and modes), the choice remembered, axe,
 * and screenshots at 1440×900 and 1920×1080, light and dark.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { EXPORT_TARGETS, exportTarget } from '../../shared/export/targets';
import { exportRequestProblem } from '../../shared/ipc/index';
import { axeViolations } from '../support/axe';
import { needChromium, saveScreenshot } from '../support/browser';
import { editorSession } from '../support/editor-session';
import { needTool } from '../support/tools';

const chromium = needChromium();
const unzip = needTool('unzip');

const file = (page: Page, path: string) => page.locator(`[data-testid="export-file"][data-path="${path}"]`);
const preview = (page: Page) => page.getByTestId('export-preview-text');

/** The HA template's export dialog, on the compose target (the default on a fresh page). */
async function openExport(page: Page): Promise<void> {
  await page.getByTestId('template-ha').click();
  await page.getByTestId('open-export').click();
  await expect.poll(() => page.getByTestId('export-dialog').count()).toBe(1);
}

interface SaveAllRequest {
  readonly files: { readonly path: string; readonly contents: string; readonly mode: number }[];
  readonly folderName: string;
  readonly replaceIn?: string;
}

/**
 * A stand-in for the desktop's preload API (the shape electron/preload exposes), just enough to
 * run the editor and record what "Save all" sends: main's folder, /work/out, already holds an
 * export with the files `existing` names, so the first request asks before replacing.
 */
function fakeDesktop(existing: readonly string[]) {
  const sent: SaveAllRequest[] = [];
  (window as unknown as { __sent: SaveAllRequest[] }).__sent = sent;
  const ok = (value: unknown) => Promise.resolve({ ok: true, value });
  const listen = () => () => undefined;
  (window as unknown as { portolan: unknown }).portolan = Object.freeze({
    platform: 'desktop',
    project: {
      open: () => ok(null),
      openRecent: () => ok(null),
      openDropped: () => ok(null),
      save: () => ok(null),
      saveAs: () => ok(null),
      onOpened: listen,
      onChangedOnDisk: listen,
    },
    export: {
      saveAll: (request: SaveAllRequest) => {
        sent.push(JSON.parse(JSON.stringify(request)) as SaveAllRequest);
        const target = `/work/out/${request.folderName}`;
        return request.replaceIn === undefined
          ? ok({ kind: 'exists', folder: '/work/out', target, existing })
          : ok({ kind: 'saved', saved: target, files: request.files.map((f) => f.path), env: null });
      },
    },
    picture: { save: () => ok(null) },
    recent: { list: () => ok([]) },
    recovery: { load: () => ok(null), journal: () => ok(null), clear: () => ok(null) },
    shell: { openDocs: () => ok(null) },
    document: { setState: () => ok(null), onQuery: listen },
    menu: { onCommand: listen, setActions: () => ok(null) },
  });
}

describe.skipIf(chromium.skip)('export targets in Chromium (built renderer)', () => {
  const session = editorSession();

  it('switches to Kubernetes by keyboard, previews the kustomize tree with the Secret masked, and saves it', async () => {
    const watched = await session.open();
    const { page } = watched;
    await openExport(page);
    expect(await page.getByTestId('export-target-compose').isChecked()).toBe(true);
    // Every target of the registry, in its order.
    expect(await page.getByTestId('export-targets').locator('label').allTextContents()).toEqual(
      EXPORT_TARGETS.map((t) => t.label),
    );
    await expect.poll(() => file(page, 'docker-compose.yml').count()).toBe(1);
    expect(await page.getByTestId('export-next-steps').textContent()).toContain('docker-compose up -d');

    // A radio group: focus the checked option, an arrow key moves the choice.
    await page.getByTestId('export-target-compose').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('export-target-kubernetes').isChecked()).toBe(true);
    await expect.poll(() => file(page, 'base/kustomization.yaml').count()).toBe(1);
    expect(await file(page, 'docker-compose.yml').count()).toBe(0);
    const folders = await page.getByTestId('export-folder').evaluateAll((els) => els.map((e) => e.dataset.path));
    expect(folders).toEqual(expect.arrayContaining(['base', 'overlays', 'overlays/production', 'secrets']));
    const next = (await page.getByTestId('export-next-steps').textContent())!;
    expect(next).toContain('sh secrets/apply.sh');
    expect(next).toContain('kubectl apply -k overlays/production');
    expect(await page.getByTestId('export-description').textContent()).toContain('kustomize base');
    // Kubernetes offers the controllers it writes for, and its namespace instead of a certificate folder.
    expect(await page.getByTestId('export-proxy-haproxy').count()).toBe(0);
    expect(await page.getByTestId('export-cert-dir').count()).toBe(0);

    await file(page, 'base/kustomization.yaml').click();
    await expect.poll(() => preview(page).textContent()).toContain('kind: Kustomization');
    const kustomization = (await preview(page).textContent())!;
    expect(kustomization).toContain('- network-policies.yaml');

    // The Secret's generated values are hidden until revealed; what is left to fill in stays visible.
    await file(page, 'secrets/secret.yaml').click();
    await expect.poll(() => preview(page).textContent()).toMatch(/^ {2}NEXTAUTH_ROOT_API_KEY: •+$/m);
    expect(await preview(page).textContent()).toMatch(/^ {2}NEXTAUTH_LICENSE: ""$/m);
    await page.getByTestId('export-reveal').click();
    // Quoted when the random value could read as something else (it starts with digits, say).
    await expect.poll(() => preview(page).textContent()).toMatch(/^ {2}NEXTAUTH_ROOT_API_KEY: ("?)[A-Za-z0-9]{32}\1$/m);
    const revealed = (await preview(page).textContent())!;
    await page.getByTestId('export-reveal').click();

    // A namespace typed is shown as the exporter writes it, and lands in the files.
    await page.getByTestId('export-namespace').fill('Auth Prod');
    await expect.poll(() => page.getByTestId('export-namespace-hint').textContent()).toContain('auth-prod');
    await file(page, 'base/kustomization.yaml').click();
    await expect.poll(() => preview(page).textContent()).toContain('namespace: auth-prod');
    const saved = (await preview(page).textContent())!;

    expect(await axeViolations(page, '[data-testid="export-dialog"]')).toEqual([]);

    const download = page.waitForEvent('download');
    await page.getByTestId('export-save').click();
    const zip = await download;
    expect(zip.suggestedFilename()).toMatch(/-kubernetes\.zip$/);
    const folder = zip.suggestedFilename().replace(/\.zip$/, '');
    const zipPath = await zip.path();
    expect(await page.getByTestId('export-result').textContent()).toContain(zip.suggestedFilename());

    if (!unzip.skip) {
      const out = mkdtempSync(join(tmpdir(), 'portolan-k8s-'));
      try {
        execFileSync('unzip', ['-q', zipPath, '-d', out]);
        const root = join(out, folder);
        expect(readFileSync(join(root, 'base/kustomization.yaml'), 'utf8')).toBe(saved);
        expect(readFileSync(join(root, 'overlays/production/kustomization.yaml'), 'utf8')).toContain('../../base');
        // The zip keeps each file's mode: the Secret private, the script runnable.
        expect(statSync(join(root, 'secrets/secret.yaml')).mode & 0o777).toBe(0o600);
        expect(statSync(join(root, 'secrets/apply.sh')).mode & 0o777).toBe(0o755);
        expect(statSync(join(root, 'base/kustomization.yaml')).mode & 0o777).toBe(0o644);
        // Saved as generated, secrets and all: the mask is the preview's only.
        const secret = readFileSync(join(root, 'secrets/secret.yaml'), 'utf8');
        expect(secret).not.toContain('•');
        expect(secret.match(/^ {2}NEXTAUTH_ROOT_API_KEY: .*$/m)?.[0]).toBe(
          revealed.match(/^ {2}NEXTAUTH_ROOT_API_KEY: .*$/m)?.[0],
        );
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    }

    // Remembered: the next opening, after a reload, starts on Kubernetes.
    await page.keyboard.press('Escape');
    await page.reload();
    await openExport(page);
    expect(await page.getByTestId('export-target-kubernetes').isChecked()).toBe(true);
    await expect.poll(() => file(page, 'base/kustomization.yaml').count()).toBe(1);
    await session.done(watched);
  });

  it('on the desktop, sends what main accepts and keeps the Secret the operator filled in when replacing', async () => {
    const existing = ['base/kustomization.yaml', 'secrets/secret.yaml', 'README.md'];
    const watched = await session.open({ init: { script: fakeDesktop as (arg: never) => void, arg: existing } });
    const { page } = watched;
    await openExport(page);
    await page.getByTestId('export-target-kubernetes').check();
    await expect.poll(() => file(page, 'secrets/apply.sh').count()).toBe(1);
    const shown = await page.getByTestId('export-file').count();

    await page.getByTestId('export-save').click();
    const replace = page.getByTestId('export-replace');
    await expect.poll(() => replace.count()).toBe(1);
    const question = (await replace.textContent())!;
    expect(question).toMatch(
      /Replace the export in \/work\/out\/[a-z0-9-]+-kubernetes\? Your secrets\/secret\.yaml is kept as it is\./,
    );
    // No .env in this export: nothing to promise about one.
    expect(question).not.toContain('.env');
    await page.getByTestId('export-replace-confirm').click();
    await expect.poll(() => page.getByTestId('export-result').count()).toBe(1);
    expect(await page.getByTestId('export-kept').textContent()).toContain('secrets/secret.yaml was kept');

    const sent = await page.evaluate(() => (window as unknown as { __sent: SaveAllRequest[] }).__sent);
    expect(sent.map((r) => r.replaceIn)).toEqual([undefined, '/work/out']);
    // Main's own guard (shared/ipc) accepts both requests: only 0600 and 0644, plain nested paths.
    for (const request of sent) expect(exportRequestProblem(request)).toBeNull();
    const [asked, replaced] = sent as [SaveAllRequest, SaveAllRequest];
    expect(asked.files).toHaveLength(shown);
    expect(asked.files.find((f) => f.path === 'secrets/secret.yaml')?.mode).toBe(0o600);
    // Run with `sh`, as the README says: main writes no executable bit.
    expect(asked.files.find((f) => f.path === 'secrets/apply.sh')?.mode).toBe(0o644);
    expect(asked.files.map((f) => f.path)).toContain('overlays/production/kustomization.yaml');
    // Replacing: everything but the operator's Secret.
    expect(replaced.files.map((f) => f.path)).toEqual(
      asked.files.map((f) => f.path).filter((p) => p !== 'secrets/secret.yaml'),
    );
    expect(await axeViolations(page, '[data-testid="export-dialog"]')).toEqual([]);
    await session.done(watched);
  });

  it.skipIf(exportTarget('swarm') === undefined)(
    'previews the Swarm stack with its secret values masked and its own next steps',
    async () => {
      const watched = await session.open();
      const { page } = watched;
      await openExport(page);
      await page.getByTestId('export-target-swarm').check();
      await expect.poll(() => file(page, 'stack.yml').count()).toBe(1);
      const swarm = exportTarget('swarm')!;
      const next = (await page.getByTestId('export-next-steps').textContent())!;
      for (const step of swarm.nextSteps) expect(next).toContain(step);
      // Swarm runs the drawn proxies: every flavour is offered, with the certificate folder only if it reads one.
      expect(await page.getByTestId('export-proxy-haproxy').count()).toBe(swarm.uses.has('proxy') ? 1 : 0);
      expect(await page.getByTestId('export-cert-dir').count()).toBe(swarm.uses.has('certDir') ? 1 : 0);
      // A generated secret (the database password of the HA template is the operator's to fill in).
      await file(page, 'secrets/values/NEXTAUTH_ROOT_API_KEY').click();
      await expect.poll(() => preview(page).textContent()).toMatch(/^•+$/m);
      await page.getByTestId('export-reveal').click();
      await expect.poll(() => preview(page).textContent()).not.toContain('•');
      expect(await axeViolations(page, '[data-testid="export-dialog"]')).toEqual([]);
      await saveScreenshot(page, 'export-swarm-1440x900-light');
      await session.done(watched);
    },
  );

  for (const colorScheme of ['light', 'dark'] as const)
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1920, height: 1080 },
    ])
      it(`axe and a screenshot on the Kubernetes target, ${viewport.width}×${viewport.height} ${colorScheme}`, async () => {
        const watched = await session.open({ colorScheme, viewport });
        const { page } = watched;
        await openExport(page);
        await page.getByTestId('export-target-kubernetes').check();
        await file(page, 'base/network-policies.yaml').click();
        await expect.poll(() => preview(page).textContent()).toContain('kind: NetworkPolicy');
        // The highlighter has rendered the file shown.
        await expect
          .poll(() => page.locator('[data-testid="export-preview"]').getAttribute('data-file'))
          .toBe('base/network-policies.yaml');
        expect(await axeViolations(page, '[data-testid="export-dialog"]')).toEqual([]);
        await saveScreenshot(page, `export-kubernetes-${viewport.width}x${viewport.height}-${colorScheme}`);
        await session.done(watched);
      });
});
