import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../../shared/templates/index';
import { ELECTRON_MISSING_LINE, findElectronBinary } from '../../../electron/node/launch';

/** The real entry point, as `npx portolan` runs it: the built bundle on plain node. */
const BIN = resolve('bin/portolan.mjs');
let dir: string;

const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

beforeAll(() => {
  if (!existsSync(resolve('out/cli/portolan.js')))
    throw new Error('out/cli is missing: run `npm run build` before the CLI tests');
  dir = mkdtempSync(join(tmpdir(), 'portolan-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('portolan CLI', () => {
  it('--help lists the commands and exits 0', () => {
    const r = run('--help');
    expect(r.code).toBe(0);
    for (const command of ['new', 'check-format', 'serve', 'start']) expect(r.out).toContain(command);
  });

  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(run('--version')).toMatchObject({ code: 0, out: `${version}\n` });
  });

  it.each(TEMPLATES.map((t) => t.id))('new --template %s writes the template, and check-format accepts it', (id) => {
    const file = `${id}.portolan.yaml`;
    expect(run('new', '--template', id, file).code).toBe(0);
    expect(readFileSync(join(dir, file), 'utf8')).toBe(TEMPLATES.find((t) => t.id === id)!.text);
    const check = run('check-format', file);
    expect(check).toMatchObject({ code: 0, out: '' });
    expect(check.err).toMatch(/valid \(\d+ components, \d+ links, \d+ routes\)/);
  });

  it('a corrupted copy exits 1 with located problems', () => {
    run('new', '--template', 'manual', 'good.portolan.yaml');
    const text = readFileSync(join(dir, 'good.portolan.yaml'), 'utf8');
    const lines = text.split('\n');
    const kindLine = lines.findIndex((l) => l.includes('kind: redis'));
    lines[kindLine] = lines[kindLine]!.replace('redis', 'rediss');
    writeFileSync(join(dir, 'bad.portolan.yaml'), lines.join('\n'));
    const r = run('check-format', 'bad.portolan.yaml');
    expect(r.code).toBe(1);
    expect(r.out).toBe(`bad.portolan.yaml:${kindLine + 1}:11 unknown-kind unknown component kind "rediss"\n`);
    expect(r.err).toContain('1 error, 0 warnings');
  });

  it('warnings alone still exit 1 and are marked as warnings', () => {
    writeFileSync(join(dir, 'warn.portolan.yaml'), 'format: 1\nmeta:\n  name: x\n  owner: me\n');
    const r = run('check-format', 'warn.portolan.yaml');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^warn\.portolan\.yaml:4:3 unknown-key warning: unknown key "owner"/);
  });

  it('unreadable files exit 2: missing, a folder, not UTF-8, over 5 MB', () => {
    expect(run('check-format', 'missing.yaml')).toMatchObject({ code: 2, err: expect.stringContaining('not-found') });
    mkdirSync(join(dir, 'folder.yaml'));
    expect(run('check-format', 'folder.yaml')).toMatchObject({ code: 2, err: expect.stringContaining('is-directory') });
    writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x66, 0x6f, 0x72, 0xff, 0xfe, 0x00, 0x0a]));
    expect(run('check-format', 'binary.yaml')).toMatchObject({ code: 2, err: expect.stringContaining('not-utf8') });
    writeFileSync(join(dir, 'huge.yaml'), Buffer.alloc(5 * 1024 * 1024 + 1, 0x20));
    expect(run('check-format', 'huge.yaml')).toMatchObject({ code: 2, err: expect.stringContaining('file-too-large') });
  });

  // root reads every file whatever its mode, so this case can only be shown as another user.
  it.skipIf(process.getuid?.() === 0)('a file without read permission exits 2', () => {
    writeFileSync(join(dir, 'locked.yaml'), 'format: 1\n');
    chmodSync(join(dir, 'locked.yaml'), 0o000);
    expect(run('check-format', 'locked.yaml').code).toBe(2);
  });

  it('new never overwrites without --force, and --force replaces atomically', () => {
    writeFileSync(join(dir, 'mine.portolan.yaml'), 'my work\n');
    const r = run('new', '--template', 'default', 'mine.portolan.yaml');
    expect(r.code).toBe(2);
    expect(r.err).toContain('already exists');
    expect(readFileSync(join(dir, 'mine.portolan.yaml'), 'utf8')).toBe('my work\n');
    expect(run('new', '--template', 'default', '--force', 'mine.portolan.yaml').code).toBe(0);
    expect(readFileSync(join(dir, 'mine.portolan.yaml'), 'utf8')).toBe(TEMPLATES[0]!.text);
  });

  it('new into a folder that does not exist exits 2 and leaves nothing behind', () => {
    const r = run('new', '--template', 'default', 'no/such/folder/x.portolan.yaml');
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('usage mistakes exit 2 with a hint', () => {
    for (const args of [
      ['frobnicate'],
      ['new', 'x.yaml'],
      ['new', '--template', 'nope', 'x.yaml'],
      ['check-format'],
      ['serve', '--port', 'abc'],
    ]) {
      const r = run(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain('portolan --help');
    }
  });

  /** Starts a long-running command, waits for the URL it prints, and stops it afterwards. */
  async function runServer(
    ...args: string[]
  ): Promise<{ url: string; output: string; stop: () => Promise<number | null> }> {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const url = await new Promise<string>((resolveUrl, rejectUrl) => {
      const timer = setTimeout(() => rejectUrl(new Error(`no URL printed:\n${output}`)), 15_000);
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(output);
        if (match) {
          clearTimeout(timer);
          resolveUrl(match[0]);
        }
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', () => rejectUrl(new Error(`exited early:\n${output}`)));
    });
    const stop = () =>
      new Promise<number | null>((resolveStop) => {
        child.once('exit', (code) => resolveStop(code));
        child.kill('SIGINT');
      });
    return { url, output, stop };
  }

  it('serve runs the web edition on loopback until interrupted', async () => {
    const server = await runServer('serve', '--port', '0');
    try {
      const response = await fetch(server.url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
    } finally {
      await server.stop();
    }
    await expect(fetch(server.url)).rejects.toThrow();
  });

  // Where the Electron runtime is installed, `start` opens the desktop window instead.
  it.runIf(findElectronBinary() === null)(
    'start without the Electron runtime says so in one line and serves the editor',
    async () => {
      const server = await runServer('start', '--port', '0');
      try {
        expect(server.output.split('\n')[0]).toBe(ELECTRON_MISSING_LINE);
        expect((await fetch(server.url)).status).toBe(200);
      } finally {
        await server.stop();
      }
    },
  );
});
