import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportProject, seededRandom, type ExportFile } from '../../../shared/export/index';
import type { PassValue, Project } from '../../../shared/model/types';
import { component, patchComponent, template } from '../../support/fixtures';
import { needTool } from '../../support/tools';

/**
 * Custom containers and pass-through keys in the exported compose file, checked by the real
 * docker-compose (v1, YAML 1.1) and the compose specification's schema: the container runs its own
 * image with its ports and variables, every kept key is there in its place, merged with what the
 * drawing writes, and a value with `$`, `on`, `1.10` or a line break reaches compose unchanged.
 */

const rec = (entries: readonly (readonly [string, PassValue])[]): Record<string, PassValue> => {
  const out = Object.create(null) as Record<string, PassValue>;
  for (const [k, v] of entries) out[k] = v;
  return out;
};

const LABELS = rec([
  ['com.example.team', 'mail'],
  ['com.example.on', 'on'],
  ['com.example.version', '1.10'],
  ['com.example.cost', '$5 a month'],
  ['com.example.multi', 'line one\nline two'],
]);

const RELAY_CA = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\t$x\n-----END CERTIFICATE-----\n';

function project(): Project {
  let p = template('manual');
  p = component(p, { kind: 'container', id: 'relay', name: 'Mail relay', position: { x: 0, y: 0 } });
  p = patchComponent(p, 'relay', {
    image: 'docker.io/library/busybox:1.36',
    ports: [
      { name: 'smtp', number: 25, protocol: 'tcp' },
      { name: 'syslog', number: 514, protocol: 'udp' },
    ],
    environment: {
      RELAY_HOST: { type: 'literal', value: 'smtp.example.com' },
      RELAY_PASSWORD: { type: 'secret', length: 32 },
      // A certificate over several lines, as imported compose files carry them (NA031 allows it here).
      RELAY_CA: { type: 'literal', value: RELAY_CA },
    },
    publish: [
      { port: 'smtp', hostPort: 2525 },
      { port: 'syslog', hostPort: 5514 },
    ],
    passThrough: rec([
      ['command', ['sh', '-c', 'echo "$$HOME" && sleep 1d']],
      // A form a publish cannot hold (a host address), kept by the import and added to the drawing's.
      // (docker-compose v1 takes a host address in the short form only: its long form has no host_ip.)
      ['ports', ['127.0.0.1:2526:25']],
      ['labels', LABELS],
      [
        'logging',
        rec([
          ['driver', 'json-file'],
          [
            'options',
            rec([
              ['max-size', '10m'],
              ['max-file', '3'],
            ]),
          ],
        ]),
      ],
      [
        'healthcheck',
        rec([
          ['test', ['CMD', 'true']],
          ['interval', '30s'],
        ]),
      ],
      [
        'ulimits',
        rec([
          [
            'nofile',
            rec([
              ['soft', 1024],
              ['hard', 2048],
            ]),
          ],
        ]),
      ],
      ['volumes', ['shared:/srv/shared', './spool:/var/spool:ro']],
      ['secrets', ['relay_key']],
      ['x-owner', 'mail team'],
    ]),
  });
  p = component(p, { kind: 'container', id: 'worker', name: 'Worker', position: { x: 0, y: 0 } });
  p = patchComponent(p, 'worker', {
    image: `registry.example.com:5000/acme/worker@sha256:${'ab'.repeat(32)}`,
    ports: [],
    replicas: 2,
    passThrough: rec([['deploy', rec([['resources', rec([['limits', rec([['memory', '256M']])]])]])]]),
  });
  // On a catalog kind: the exporter writes a healthcheck and a data volume for MySQL itself.
  p = patchComponent(p, 'mysql', {
    passThrough: rec([
      [
        'healthcheck',
        rec([
          ['test', ['CMD', 'false']],
          ['start_period', '20s'],
        ]),
      ],
      ['volumes', ['old-data:/var/lib/mysql', './conf:/etc/mysql/conf.d:ro']],
      ['stop_grace_period', '1m'],
    ]),
  });
  return {
    ...p,
    passThrough: rec([
      [
        'volumes',
        rec([
          ['shared', rec([])],
          ['old-data', rec([])],
        ]),
      ],
      ['secrets', rec([['relay_key', rec([['file', './relay.key']])]])],
      [
        'x-notes',
        rec([
          ['on', 'yes'],
          ['1.10', [[], rec([]), null, 1e21]],
        ]),
      ],
    ]),
  };
}

function exported(): readonly ExportFile[] {
  const result = exportProject(project(), { random: seededRandom(7), proxy: 'nginx' });
  if (!result.ok)
    throw new Error(`export refused: ${result.diagnostics.map((d) => `${d.rule} ${d.message}`).join('; ')}`);
  return result.files;
}

const composeText = (files: readonly ExportFile[]) => files.find((f) => f.path === 'docker-compose.yml')!.contents;

interface Service {
  image: string;
  ports?: unknown[];
  labels?: Record<string, string>;
  [key: string]: unknown;
}

describe('custom containers and kept keys in docker-compose.yml', () => {
  const text = composeText(exported());
  const compose = parse(text) as { services: Record<string, Service>; [key: string]: unknown };

  it('runs the container from its own image, ports and variables', () => {
    const relay = compose.services.relay!;
    expect(relay.image).toBe('docker.io/library/busybox:1.36');
    // Drawn without an address: every IPv4 and IPv6 address, written out; the kept one as it was.
    expect(relay.ports).toEqual([
      '0.0.0.0:2525:25',
      '[::]:2525:25',
      '0.0.0.0:5514:514/udp',
      '[::]:5514:514/udp',
      '127.0.0.1:2526:25',
    ]);
    expect(relay.environment).toMatchObject({ RELAY_HOST: 'smtp.example.com', RELAY_PASSWORD: '${RELAY_PASSWORD}' });
    // It publishes host ports, which Docker does not do on an internal network.
    expect(relay.networks).toEqual(['edge', 'backend']);
    expect(compose.services.worker!.image).toBe(`registry.example.com:5000/acme/worker@sha256:${'ab'.repeat(32)}`);
  });

  it('writes kept keys after the keys of the drawing, in their order', () => {
    expect(Object.keys(compose.services.relay!)).toEqual([
      'image',
      'environment',
      'ports',
      'networks',
      'restart',
      'command',
      'labels',
      'logging',
      'healthcheck',
      'ulimits',
      'volumes',
      'secrets',
      'x-owner',
    ]);
    expect(Object.keys(compose).slice(0, 3)).toEqual(['services', 'networks', 'volumes']);
    // The drawing's own x-portolan block comes last (shared/export/portolan-extension.ts).
    expect(Object.keys(compose)).toEqual(['services', 'networks', 'volumes', 'secrets', 'x-notes', 'x-portolan']);
  });

  it('merges with what the drawing writes: its keys win, and a comment names what was replaced', () => {
    expect(compose.services.worker!.deploy).toEqual({ replicas: 2, resources: { limits: { memory: '256M' } } });
    const mysql = compose.services.mysql!;
    // A health check's `test` is one command: the drawing's replaces the kept one, whole.
    expect(mysql.healthcheck).toMatchObject({
      test: ['CMD', 'mysqladmin', 'ping', '-h', '127.0.0.1'],
      start_period: '20s',
    });
    expect(mysql.volumes).toEqual(['mysql-data:/var/lib/mysql', './conf:/etc/mysql/conf.d:ro']);
    expect(text).toContain(
      '    # Portolan writes healthcheck from the drawing; kept from the import and replaced here: healthcheck.test: ["CMD","false"]',
    );
    expect(text).toContain(
      '    # Portolan writes volumes from the drawing; kept from the import and replaced here: volumes item "old-data:/var/lib/mysql"',
    );
    expect(compose.volumes).toEqual({ 'mysql-data': {}, 'redis-data': {}, shared: {}, 'old-data': {} });
  });
});

describe('docker-compose.yml with kept keys against the compose specification schema (ajv)', () => {
  it('validates', () => {
    const require = createRequire(import.meta.url);
    const schema = JSON.parse(readFileSync(resolve('../shared/schemas/compose-spec.json'), 'utf8')) as {
      $schema: string;
    };
    const draft07 = require('ajv/dist/refs/json-schema-draft-07.json') as object;
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addMetaSchema({ ...draft07, $id: schema.$schema });
    const validate = ajv.compile(schema);
    validate(parse(composeText(exported())));
    expect(validate.errors ?? []).toEqual([]);
  });
});

describe.skipIf(needTool('docker-compose', 'checking exported compose files').skip)(
  'docker-compose config with kept keys (docker-compose v1)',
  () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'portolan-kept-'));
      for (const f of exported()) {
        mkdirSync(dirname(join(dir, f.path)), { recursive: true });
        writeFileSync(join(dir, f.path), f.contents, { mode: f.mode });
      }
      mkdirSync(join(dir, 'certs'), { recursive: true });
      writeFileSync(join(dir, 'relay.key'), 'key\n');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('accepts the file, and every kept key reaches the resolved configuration unchanged', () => {
      const run = spawnSync('docker-compose', ['-f', 'docker-compose.yml', '--env-file', '.env', 'config'], {
        cwd: dir,
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
        timeout: 20_000,
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const config = parse(run.stdout) as {
        services: Record<string, Record<string, unknown>>;
        volumes: Record<string, unknown>;
        secrets: Record<string, { file: string }>;
      };
      const relay = config.services.relay!;
      // compose prints a literal `$` doubled again, as it must appear in a compose file.
      const undollar = (v: unknown) => JSON.parse(JSON.stringify(v).replaceAll('$$', '$')) as unknown;
      expect(undollar(relay.labels)).toEqual({ ...LABELS });
      expect(undollar(relay.command)).toEqual(['sh', '-c', 'echo "$$HOME" && sleep 1d']);
      expect(relay.logging).toEqual({ driver: 'json-file', options: { 'max-size': '10m', 'max-file': '3' } });
      expect(relay.ulimits).toEqual({ nofile: { soft: 1024, hard: 2048 } });
      expect(relay.healthcheck).toMatchObject({ test: ['CMD', 'true'], interval: '30s' });
      expect(relay.secrets).toEqual([{ source: 'relay_key' }]);
      expect(relay.ports).toEqual(
        // docker-compose v1 prints a host address binding in the short form (IPv6 without brackets).
        ['0.0.0.0:2525:25/tcp', ':::2525:25/tcp', '0.0.0.0:5514:514/udp', ':::5514:514/udp', '127.0.0.1:2526:25/tcp'],
      );
      expect(config.services.worker!.deploy).toEqual({ replicas: 2, resources: { limits: { memory: '256M' } } });
      expect(config.services.mysql!.stop_grace_period).toBe('1m');
      // A value over several lines reaches the container whole (its `$` written `$$` and read back).
      expect((relay.environment as Record<string, string>).RELAY_CA?.replaceAll('$$', '$')).toBe(RELAY_CA);
      expect(Object.keys(config.volumes).sort()).toEqual(['mysql-data', 'old-data', 'redis-data', 'shared']);
      expect(config.secrets.relay_key!.file).toBe(join(dir, 'relay.key'));
    });
  },
);
