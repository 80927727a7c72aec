/**
 * The compose-values readers (interpolation, `.env`, environment, ports) against the compose
 * that is installed: Debian's docker-compose 1.29 (`docker-compose -f FILE config` needs no
 * daemon). Portolan follows compose v2 (compose-go) where the two differ; each difference is
 * asserted here as a difference, so a change on either side shows up:
 * - v1 has no `${VAR:+r}` / `${VAR+r}`, does not interpolate inside defaults, and rejects a `$`
 *   before anything but a name, `{` or `$` (v2 keeps it);
 * - v1's `.env` keeps `\$` inside double quotes as `\$`, and interpolates a value with the file's
 *   own earlier lines before the shell (compose-go: the shell first);
 * - v1's short ports accept 65536 and `80:80:80:80`, refuse `:80`, `+80`, `80/UDP`, and sort a
 *   range by number (compose-go: by text).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDotenv } from '../../../shared/import/compose/dotenv-read';
import { serviceEnvironment } from '../../../shared/import/compose/environment';
import { interpolate, type Lookup } from '../../../shared/import/compose/interpolate';
import { parsePorts, parseShortPort, type PortSpec } from '../../../shared/import/compose/ports';
import { composeLookup, readEnvFiles } from '../../../shared/import/compose/variables';
import { needTool } from '../../support/tools';
import { yamlMap } from '../../unit/shared/import/compose/yaml-cnode';

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

interface ConfigOut {
  services: Record<string, { environment?: Record<string, string | number | null>; ports?: unknown[] }>;
}

describe
  .skipIf(needTool('docker-compose', 'comparing compose interpolation, .env and ports').skip)
  .concurrent('compose values against docker-compose config (v1.29)', () => {
    let root: string;
    let runs = 0;
    beforeAll(() => {
      root = mkdtempSync(join(tmpdir(), 'portolan-compose-values-'));
    });
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    /** `docker-compose -f compose.yml [ARGS] config` over `yaml`, with only `env` (and PATH) set. */
    function config(
      yaml: string,
      env: Record<string, string> = {},
      files: Record<string, string> = {},
      args: string[] = [],
    ): Promise<Run> {
      const dir = join(root, `run-${runs++}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'compose.yml'), yaml);
      for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
      // Asynchronous: docker-compose 1.29 spends most of a run waiting, so the runs overlap.
      return new Promise((resolve) => {
        execFile(
          'docker-compose',
          ['-f', 'compose.yml', ...args, 'config'],
          {
            cwd: dir,
            encoding: 'utf8',
            env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, ...env },
            timeout: 60_000,
          },
          (error, stdout, stderr) =>
            resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
        );
      });
    }

    function configured(run: Run): ConfigOut {
      if (run.status !== 0) throw new Error(`docker-compose config failed: ${run.stderr}`);
      return parse(run.stdout) as ConfigOut;
    }

    /** A service whose environment holds `values` as quoted strings. */
    const withEnvironment = (values: readonly string[]) =>
      `services:\n  s:\n    image: busybox\n    environment:\n${values.map((v, i) => `      V${i}: ${JSON.stringify(v)}\n`).join('')}`;

    /** compose prints a literal `$` doubled again, as it must appear in a compose file. */
    const unescape = (v: unknown) => String(v).replaceAll('$$', '$');

    const ENV = { A: 'a', B: 'b', E: '' };
    const lookup: Lookup = (n) => (Object.hasOwn(ENV, n) ? ENV[n as keyof typeof ENV] : undefined);

    describe('interpolation', () => {
      const SAME = [
        '$A',
        '${A}',
        'x${A}y$B.z',
        '$A$B',
        '${U}',
        '$U',
        'pre-$U-post',
        '${U:-d}',
        '${E:-d}',
        '${A:-d}',
        '${U-d}',
        '${E-d}',
        '${U:-}',
        '${U:-a b:c}',
        '${A:?boom}',
        '${A?boom}',
        '${E?boom}',
        '$$',
        '$$A',
        '$${A}',
        '$$$A',
        'a $$ b',
        '${U:-{x}}',
        '${U:-x} ${U:-y}',
        'no dollar at all',
      ];

      it('agrees with docker-compose 1.29 on every form it knows, warnings included', async () => {
        const run = await config(withEnvironment(SAME), ENV);
        const out = configured(run);
        const expected: string[] = [];
        const unset = new Set<string>();
        for (const text of SAME) {
          const result = interpolate(text, lookup, (name) => unset.add(name));
          if (!result.ok) throw new Error(`${text}: ${result.message}`);
          expected.push(result.value);
        }
        const env = out.services.s!.environment!;
        expect(SAME.map((_, i) => unescape(env[`V${i}`]))).toEqual(expected);
        const warned = new Set([...run.stderr.matchAll(/The (\w+) variable is not set/g)].map((m) => m[1]));
        expect([...warned].sort()).toEqual([...unset].sort());
        expect([...unset]).toEqual(['U']);
      });

      it.each([
        ['${U:?set U first}', 'set U first'],
        ['${U?set U first}', 'set U first'],
        ['${E:?must not be empty}', 'must not be empty'],
      ])('fails on %j as docker-compose does, with the same reason', async (text, reason) => {
        const run = await config(withEnvironment([text]), ENV);
        expect(run.status).not.toBe(0);
        expect(run.stderr).toContain(`Missing mandatory value`);
        expect(run.stderr.trim().endsWith(reason)).toBe(true);
        const ours = interpolate(text, lookup);
        expect(ours).toMatchObject({ ok: false, code: 'interpolation-required' });
        // compose v2's wording (compose-go MissingRequiredError), which Portolan prints.
        expect(!ours.ok && ours.message).toMatch(new RegExp(`^required variable [UE] is missing a value: ${reason}$`));
      });

      it.each(['${A:-x', '${1}', '${A x}'])('rejects %j as docker-compose does', async (text) => {
        const run = await config(withEnvironment([text]), ENV);
        expect(run.status).not.toBe(0);
        expect(run.stderr).toContain('Invalid interpolation format');
        expect(interpolate(text, lookup)).toMatchObject({ ok: false, code: 'interpolation-syntax' });
      });

      it('follows compose v2 where docker-compose 1.29 differs (:+, +, nesting, a lone $)', async () => {
        const texts = ['${A:+r}', '${U+r}', '$1', 'a$'];
        const runs = await Promise.all(texts.map((text) => config(withEnvironment([text]), ENV)));
        // v1: "Invalid interpolation format"; v2 (compose-go) reads all of them.
        for (const [i, run] of runs.entries()) expect(run.status, texts[i]).not.toBe(0);
        expect(['${A:+r}', '${E:+r}', '${E+r}', '${U+r}', '$1', 'a$'].map((t) => interpolate(t, lookup))).toEqual(
          ['r', '', 'r', '', '$1', 'a$'].map((value) => ({ ok: true, value })),
        );
        // v1 ends the expression at the first `}` and does not interpolate the default; v2 nests.
        const nested = configured(await config(withEnvironment(['${U:-${V:-x}}']), ENV));
        expect(unescape(nested.services.s!.environment!.V0)).toBe('${V:-x}');
        expect(interpolate('${U:-${V:-x}}', lookup)).toEqual({ ok: true, value: 'x' });
      });
    });

    describe('--env-file and the shell', () => {
      const DOTENV = [
        '# comment',
        'A=1',
        'export B=2',
        "C='single $A'",
        'D="double ${A} \\n x"',
        'E=unquoted # comment',
        'F=${A}-${B}',
        'G="multi',
        'line"',
        'H=a#b',
        'I = spaced',
        'J=',
        'K="\\$A"',
        '',
      ].join('\n');
      const NAMES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K'];
      const compose = `services:\n  s:\n    image: busybox\n    environment:\n${NAMES.map((n) => `      ${n}: "\${${n}}"\n`).join('')}`;

      function ours(shell: Record<string, string>): Record<string, string> {
        const files = readEnvFiles(['.env.test'], () => DOTENV, shell);
        if (!files.ok) throw new Error(JSON.stringify(files.problems));
        const project = composeLookup(shell, files.value);
        return Object.fromEntries(NAMES.map((n) => [n, project(n) ?? '']));
      }

      it('reads a .env as docker-compose does (but for \\$ in double quotes, where Portolan follows v2)', async () => {
        const out = configured(await config(compose, {}, { '.env.test': DOTENV }, ['--env-file', '.env.test']));
        const v1 = Object.fromEntries(NAMES.map((n) => [n, unescape(out.services.s!.environment![n])]));
        const v2 = ours({});
        expect({ ...v1, K: undefined }).toEqual({ ...v2, K: undefined });
        expect([v1.K, v2.K]).toEqual(['\\$A', '$A']);
      });

      it('lets the shell win over the env file, as docker-compose does', async () => {
        const shell = { A: 'from-shell', E: '' };
        const out = configured(await config(compose, shell, { '.env.test': DOTENV }, ['--env-file', '.env.test']));
        const env = out.services.s!.environment!;
        const v2 = ours(shell);
        expect([unescape(env.A), unescape(env.E)]).toEqual(['from-shell', '']);
        expect([v2.A, v2.E]).toEqual(['from-shell', '']);
        // Inside the file, `F=${A}-${B}`: v1 takes the file's own A, compose-go's GetEnvFromFile the shell's.
        expect([unescape(env.F), v2.F]).toEqual(['1-2', 'from-shell-2']);
      });

      it('agrees with readDotenv on the values it reads line by line', () => {
        const read = readDotenv(DOTENV, '.env.test');
        expect(read.ok && read.value.get('G')!.value).toBe('multi\nline');
      });
    });

    describe('environment and env_file', () => {
      const YAML = `services:
  s:
    image: busybox
    env_file: svc.env
    environment:
      - Y=env
      - BARE
      - BARE_UNSET
      - EMPTY=
      - PROJ
`;
      const FILES = { 'svc.env': 'X=from-file\nY=file\nW=${BARE}\n', 'p.env': 'PROJ=proj\n' };

      it('builds the same environment as docker-compose', async () => {
        const shell = { BARE: 'shell' };
        const out = configured(await config(YAML, shell, FILES, ['--env-file', 'p.env']));
        const v1 = out.services.s!.environment!;
        const projectFiles = readEnvFiles(['p.env'], (p) => FILES[p as keyof typeof FILES], shell);
        if (!projectFiles.ok) throw new Error('p.env');
        const result = serviceEnvironment(yamlMap(YAML, 'services', 's'), {
          lookup: composeLookup(shell, projectFiles.value),
          readFile: (p) => FILES[p as keyof typeof FILES],
        });
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        const v2 = Object.fromEntries(result.value.map((e) => [e.name, e.value ?? null]));
        expect(v2).toEqual(v1);
      });

      it('gives numbers in an environment map the text docker-compose gives them', async () => {
        const yaml =
          'services:\n  s:\n    image: busybox\n    environment:\n      M: 8080\n      F: 1.10\n      N: null\n';
        const v1 = configured(await config(yaml)).services.s!.environment!;
        const result = serviceEnvironment(yamlMap(yaml, 'services', 's'), {
          lookup: () => undefined,
          readFile: () => undefined,
        });
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        expect(Object.fromEntries(result.value.map((e) => [e.name, e.value ?? null]))).toEqual(
          Object.fromEntries(Object.entries(v1).map(([k, v]) => [k, v === null ? null : String(v)])),
        );
      });
    });

    describe('ports', () => {
      /** One port as text: `[IP:][PUBLISHED]:TARGET/PROTO [mode=host]`. */
      const brief = (p: Pick<PortSpec, 'target' | 'published' | 'publishedEnd' | 'hostIp' | 'protocol' | 'mode'>) => {
        const ip = p.hostIp === undefined ? '' : `${p.hostIp}:`;
        const host =
          p.published === undefined ? '' : `${p.published}${p.publishedEnd !== undefined ? `-${p.publishedEnd}` : ''}`;
        return `${ip}${ip || host ? `${host}:` : ''}${p.target}/${p.protocol}${p.mode === 'host' ? ' mode=host' : ''}`;
      };

      /** docker-compose 1.29 prints a port as a legacy string (with a host IP) or as a map. */
      function fromV1(item: unknown): string[] {
        if (typeof item === 'string') {
          const parsed = parseShortPort(item, { file: 'v1', line: 1, column: 1 });
          if (!parsed.ok) throw new Error(`v1 printed ${item}`);
          return parsed.value.map(brief);
        }
        const m = item as { target: number; published?: number | string; protocol?: string; mode?: string };
        const [published, publishedEnd] = m.published === undefined ? [] : String(m.published).split('-').map(Number);
        return [
          brief({
            target: m.target,
            ...(published !== undefined ? { published } : {}),
            ...(publishedEnd !== undefined && publishedEnd !== published ? { publishedEnd } : {}),
            protocol: (m.protocol ?? 'tcp') as PortSpec['protocol'],
            mode: m.mode === 'host' ? 'host' : 'ingress',
          }),
        ];
      }

      const PORTS = [
        '"80"',
        '81',
        '"8080:80"',
        '"127.0.0.1:8443:443/tcp"',
        '"[::1]:8081:82"',
        '"::1:8082:83"',
        '"::ffff:10.0.0.1:8084:84/udp"',
        '"8000-8002:8000-8002"',
        '"9090-9091:8080-8081"',
        '"98-101:98-101/udp"',
        '"3000-3002"',
        '"7000-7010:70"',
        '"127.0.0.1::90"',
        '"5000:5000/sctp"',
        '"080"',
        '"0:85"',
        '{target: 100, published: "8100", protocol: udp, mode: host}',
        '{target: 101, published: 8101}',
        '{target: "102"}',
      ];
      const YAML = `services:\n  s:\n    image: busybox\n    ports:\n${PORTS.map((p) => `      - ${p}\n`).join('')}`;

      it('expands and normalises every form docker-compose 1.29 accepts to the same ports', async () => {
        const v1 = configured(await config(YAML)).services.s!.ports!.flatMap(fromV1);
        const parsed = parsePorts(yamlMap(YAML, 'services', 's').entries.find((e) => e.key === 'ports')!.value);
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
        const v2 = parsed.value.map(brief);
        // Same ports; v1 orders a range by number, compose-go by text (98-101 → 100, 101, 98, 99).
        expect([...v2].sort()).toEqual([...v1].sort());
        expect(v2.filter((p) => p.includes('/udp') && !p.includes('10.0.0.1'))).toEqual([
          '100:100/udp',
          '101:101/udp',
          '98:98/udp',
          '99:99/udp',
          '8100:100/udp mode=host',
        ]);
        expect(v2).toHaveLength(v1.length);
      });

      it.each(['"8000-8001:80-82"', '"80/tcpx"', '"127.0.0.1:80"'])(
        'refuses %s as docker-compose does',
        async (port) => {
          const yaml = `services:\n  s:\n    image: busybox\n    ports:\n      - ${port}\n`;
          expect((await config(yaml)).status).not.toBe(0);
          expect(parsePorts(yamlMap(yaml, 'services', 's').entries.find((e) => e.key === 'ports')!.value).ok).toBe(
            false,
          );
        },
      );

      it('follows compose v2 where docker-compose 1.29 differs', async () => {
        const yamlOf = (port: string) => `services:\n  s:\n    image: busybox\n    ports:\n      - ${port}\n`;
        const at = { file: 'x', line: 1, column: 1 };
        // v1 accepts a port above 65535 and `80:80` as a host IP; go-connections refuses both.
        // v1 refuses the others; compose v2 reads them.
        const cases = [
          ['65536', true],
          ['80:80:80:80', true],
          [':80', false],
          ['+80', false],
          ['80/UDP', false],
        ] as const;
        const runs = await Promise.all(cases.map(([port]) => config(yamlOf(JSON.stringify(port)))));
        for (const [i, [port, v1Accepts]] of cases.entries()) {
          expect(runs[i]!.status === 0, port).toBe(v1Accepts);
          expect(parseShortPort(port, at).ok, port).toBe(!v1Accepts);
        }
      });
    });
  });
