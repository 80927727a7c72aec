/**
 * Crash tests with real processes and SIGKILL: a save killed at any moment leaves the complete
 * old or the complete new file with its mode, the recovery journal killed mid-write is always
 * a complete journal (mode 0600, temporary files cleared at the next start), and it loses at
 * most a few seconds of edits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeStaleTempFiles } from '../../../electron/node/files';
import { createRecoveryJournal, parseJournal } from '../../../electron/node/recovery-journal';
import { compileNodeModules, type CompiledModules } from '../../support/desktop/node-modules';

let compiled: CompiledModules;
let work: string;
const children = new Set<ChildProcess>();

beforeAll(() => {
  compiled = compileNodeModules(['files', 'recovery-journal']);
  work = mkdtempSync(join(tmpdir(), 'portolan-crash-'));
  writeFileSync(
    join(compiled.dir, 'saver.mjs'),
    `import { writeFileAtomic } from './files.mjs';
     const [target, a, b] = process.argv.slice(2);
     const { readFileSync } = await import('node:fs');
     const contents = [readFileSync(b, 'utf8'), readFileSync(a, 'utf8')];
     process.stdout.write('ready\\n');
     for (let i = 0; ; i++) await writeFileAtomic(target, contents[i % 2], { overwrite: true });`,
  );
  writeFileSync(
    join(compiled.dir, 'journaler.mjs'),
    `import { createRecoveryJournal } from './recovery-journal.mjs';
     const journal = createRecoveryJournal({ file: process.argv[2] });
     let edit = 0;
     process.stdout.write('ready\\n');
     setInterval(() => {
       edit += 1;
       const at = Date.now();
       journal.record(JSON.stringify({ edit, at }));
       process.stdout.write(edit + ' ' + at + '\\n');
     }, 40);`,
  );
  // Journals large documents back to back, so a kill lands inside a journal write.
  writeFileSync(
    join(compiled.dir, 'busy-journaler.mjs'),
    `import { createRecoveryJournal } from './recovery-journal.mjs';
     const journal = createRecoveryJournal({ file: process.argv[2], intervalMs: 0 });
     const body = 'x'.repeat(600_000);
     await journal.load();
     process.stdout.write('ready\\n');
     for (let edit = 1; ; edit++) {
       journal.record(JSON.stringify({ edit, body, end: 'end of edit ' + edit }));
       await journal.flush();
     }`,
  );
});

afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
  compiled?.remove();
  rmSync(work, { recursive: true, force: true });
});

/** Starts a compiled child script and resolves once it printed `ready`; `onLine` gets the rest. */
function start(script: string, args: string[], onLine: (line: string) => void = () => undefined) {
  const child = spawn(process.execPath, [compiled.path(script), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => (children.delete(child), resolve())));
  const ready = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`child exited early (${code ?? signal})`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) =>
      line === 'ready' ? resolve() : onLine(line),
    );
  });
  return { child, ready, exited };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('atomic save under SIGKILL', () => {
  const KILLS = 200;
  const LANES = 4;

  it(`leaves the complete old or new file after ${KILLS} kills mid-save`, { timeout: 120_000 }, async () => {
    // Different sizes and bodies, each with a trailer, so a torn or partial file cannot match either.
    const A = `${'a'.repeat(1_200_000)}\nend of A\n`;
    const B = `${'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\n'.repeat(30_000)}end of B\n`;
    const aFile = join(work, 'A.txt');
    const bFile = join(work, 'B.txt');
    writeFileSync(aFile, A);
    writeFileSync(bFile, B);
    let killedMidWrite = 0;
    let sawA = 0;
    let sawB = 0;

    const lane = async (index: number) => {
      const folder = join(work, `lane-${index}`);
      mkdirSync(folder);
      const target = join(folder, 'project.portolan.yaml');
      writeFileSync(target, A);
      // Half the lanes save a private file: its mode must survive every kill too.
      const mode = index % 2 === 0 ? 0o600 : 0o644;
      chmodSync(target, mode);
      for (let i = 0; i < KILLS / LANES; i++) {
        const { child, ready, exited } = start('saver', [target, aFile, bFile]);
        await ready;
        await sleep(Math.random() * 25);
        child.kill('SIGKILL');
        await exited;
        const text = readFileSync(target, 'utf8');
        if (text === A) sawA++;
        else if (text === B) sawB++;
        else throw new Error(`kill ${i} in lane ${index} left a torn file of ${text.length} characters`);
        expect(statSync(target).mode & 0o777).toBe(mode);
        // What the app does before its next write: temporary files of killed writes are removed.
        killedMidWrite += (await removeStaleTempFiles(target)) > 0 ? 1 : 0;
        expect(readdirSync(folder)).toEqual(['project.portolan.yaml']);
      }
    };
    await Promise.all(Array.from({ length: LANES }, (_, i) => lane(i)));

    expect(sawA + sawB).toBe(KILLS);
    // The kills really landed mid-save (a temporary file was being written), and saves completed.
    expect(killedMidWrite).toBeGreaterThan(KILLS / 10);
    expect(sawB).toBeGreaterThan(0);
  });
});

describe('recovery journal under SIGKILL', () => {
  it('loses at most 5 s of edits when the app is killed', { timeout: 60_000 }, async () => {
    const runs = await Promise.all(
      [0, 1, 2].map(async (run) => {
        const file = join(work, `journal-${run}`, 'journal.json');
        const edits: { edit: number; at: number }[] = [];
        const { child, ready, exited } = start('journaler', [file], (line) => {
          const [edit, at] = line.split(' ').map(Number);
          edits.push({ edit: edit as number, at: at as number });
        });
        await ready;
        await sleep(1500 + Math.random() * 2000);
        child.kill('SIGKILL');
        await exited;
        const entry = parseJournal(readFileSync(file, 'utf8'));
        if (entry === null) throw new Error('the journal is missing or damaged after the kill');
        const journaled = JSON.parse(entry.text) as { edit: number; at: number };
        const last = edits[edits.length - 1];
        if (last === undefined) throw new Error('the child made no edits');
        return { lostMs: last.at - journaled.at, journaled: journaled.edit, last: last.edit };
      }),
    );
    for (const run of runs) {
      expect(run.journaled).toBeGreaterThan(0);
      expect(run.journaled).toBeLessThanOrEqual(run.last);
      expect(run.lostMs).toBeLessThanOrEqual(5000);
    }
  });
});

describe('recovery journal killed mid-write', () => {
  const KILLS = 60;

  it(`is always a complete journal, mode 0600, after ${KILLS} kills mid-write`, { timeout: 120_000 }, async () => {
    const folder = join(work, 'journal-busy', 'recovery');
    const file = join(folder, 'journal.json');
    let killedMidWrite = 0;
    let lastEdit = 0;
    for (let i = 0; i < KILLS; i++) {
      const { child, ready, exited } = start('busy-journaler', [file]);
      await ready;
      await sleep(5 + Math.random() * 40);
      child.kill('SIGKILL');
      await exited;
      const names = readdirSync(folder);
      if (names.includes('journal.json')) {
        const entry = parseJournal(readFileSync(file, 'utf8'));
        if (entry === null) throw new Error(`kill ${i} left a torn or damaged journal`);
        const saved = JSON.parse(entry.text) as { edit: number; body: string; end: string };
        expect(saved.end).toBe(`end of edit ${saved.edit}`);
        expect(saved.body).toHaveLength(600_000);
        expect(statSync(file).mode & 0o777).toBe(0o600);
        lastEdit = Math.max(lastEdit, saved.edit);
      } else if (lastEdit > 0) throw new Error(`kill ${i} lost the journal`);
      killedMidWrite += names.some((n) => n.endsWith('.tmp')) ? 1 : 0;
      // The next start clears what the kill left behind, and reads the journal back.
      const next = createRecoveryJournal({ file });
      const loaded = await next.load();
      if (names.includes('journal.json')) expect(loaded).not.toBeNull();
      expect(readdirSync(folder).filter((n) => n !== 'journal.json')).toEqual([]);
    }
    // The kills really landed inside journal writes, and journal writes completed.
    expect(killedMidWrite).toBeGreaterThan(KILLS / 10);
    expect(lastEdit).toBeGreaterThan(0);
  });
});
