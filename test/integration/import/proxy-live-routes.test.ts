/**
 * Customers' nginx and Traefik configurations (test/fixtures/import/proxy/live, and the corpus
 * folders with a routing table) import to exactly the routes a person reads from them: the table
 * in each folder's expected-routes.json, written by hand from the original configuration. The
 * live routing suite (test/support/live-routing.ts, run by test/integration/export/routing-*)
 * then probes the same table through the exported nginx, HAProxy and Caddy configurations.
 *
 * The fixtures are real configurations: nginx -t accepts each nginx one (container paths moved
 * into a temp dir, throwaway certificates), and each Traefik dynamic file is valid for Traefik's
 * file-provider schema.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { portNumber } from '../../../shared/catalog/index';
import type { Located } from '../../../shared/format/located';
import { parseToml } from '../../../shared/import/proxy/toml';
import {
  expectedRows,
  importedProject,
  importFixtures,
  modelRows,
  parseUrl,
  type ImportFixture,
} from '../../support/live-expected';
import { validateDynamic, validateStatic } from '../../support/proxy-cases';
import { cleanUp, makeCertificates, runCommand, tempDir } from '../../support/routing';
import { needTool } from '../../support/tools';

afterAll(cleanUp);

const FIXTURES = importFixtures();
const nginx = needTool('nginx', 'checking the nginx fixtures of the live import with nginx -t');
const openssl = needTool('openssl', 'certificates for the TLS servers of the nginx fixtures');

describe('an imported configuration gives exactly the routes read by hand from it', () => {
  it('has fixtures of every kind the issue names', () => {
    const sources = FIXTURES.map((f) => [...f.input.proxyConfigs.map((c) => c.path), f.name].join(' '));
    expect(sources.some((s) => /nginx\.conf/.test(s))).toBe(true);
    expect(sources.some((s) => /\.ya?ml\b/.test(s))).toBe(true);
    expect(sources.some((s) => /\.toml\b/.test(s))).toBe(true);
    expect(FIXTURES.some((f) => f.input.proxyConfigs.length === 0 && /traefik/.test(f.name))).toBe(true);
  });

  it.each(FIXTURES.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    const { project, report } = importedProject(fixture);
    expect(modelRows(project)).toEqual(expectedRows(fixture.expected));
    // Each route cites its location, router or label: the line names its path (or its host).
    for (const r of fixture.expected.routes) {
      const [file, line] = r.from.split(':');
      const text = readFileSync(join(fixture.dir, file!), 'utf8').split('\n')[Number(line) - 1] ?? '';
      const at = parseUrl(r.url);
      const cited = text.includes(at.host) || (text.includes(at.path) && /location|PathPrefix/.test(text));
      expect(cited, `${r.url} cites ${r.from}: ${text.trim()}`).toBe(true);
    }
    // Every route is served by the configuration's own proxy.
    const proxies = new Set(project.components.filter((c) => c.kind === 'reverse-proxy').map((c) => c.id));
    for (const r of project.routes) expect(proxies.has(r.via), r.id).toBe(true);
    // Where the original rewrites the path upstream, the report says the route does not hold it.
    for (const r of fixture.expected.routes) {
      if (r.rewriteNoted === undefined) continue;
      const [file, line] = r.rewriteNoted.split(':');
      const noted = report.notes.filter(
        (n) => n.kind === 'not-understood' && n.at.file === file && n.at.line === Number(line),
      );
      expect(noted, `a note on the rewrite of ${r.url} at ${r.rewriteNoted}`).toHaveLength(1);
    }
    // The further URLs of the table reach their upstream by the longest path, as every proxy routes.
    for (const check of fixture.expected.checks ?? []) {
      const at = parseUrl(check.url);
      const served = project.routes
        .filter((r) => r.host === at.host && at.path.startsWith(r.path))
        .sort((a, b) => b.path.length - a.path.length)[0];
      const target = served && project.components.find((c) => c.id === served.target)!;
      expect(served && `${served.target}:${portNumber(target!, served.port)}`, check.url).toBe(check.to);
    }
    // The unrouted URLs of the table are routed by nothing imported.
    for (const { url } of fixture.expected.unrouted) {
      const at = parseUrl(url);
      const served = project.routes.filter((r) => r.host === at.host && at.path.startsWith(r.path));
      expect(
        served.map((r) => r.id),
        url,
      ).toEqual([]);
    }
  });

  it('reads a glob include only through the files given with it (none given: noted, no routes)', () => {
    const fixture = FIXTURES.find((f) => f.name === 'nginx-upstreams-tls')!;
    const main = fixture.input.proxyConfigs.filter((c) => c.path === 'nginx.conf');
    const { project, report } = importedProject({ ...fixture, input: { ...fixture.input, proxyConfigs: main } });
    expect(project.routes).toEqual([]);
    expect(report.notes).toContainEqual(
      expect.objectContaining({
        kind: 'not-understood',
        at: { file: 'nginx.conf', line: 38, column: 5 },
        text: expect.stringContaining('give them as proxy configurations too'),
      }),
    );
  });
});

/** Every file of a folder, recursively, relative to it. */
function filesOf(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix)).flatMap((e) => {
    const rel = prefix === '' ? e : `${prefix}/${e}`;
    return statSync(join(dir, rel)).isDirectory() ? filesOf(dir, rel) : [rel];
  });
}

/**
 * A copy of the fixture nginx can test where it runs here: container paths (`/etc/nginx/…`, the
 * Let's Encrypt live folder) moved into the copy, the `user` and `pid` of a root install dropped,
 * a throwaway certificate for every host named.
 */
async function nginxCopy(fixture: ImportFixture): Promise<string> {
  const dir = tempDir('portolan-import-live-nginx-');
  // nginx resolves upstream names when it loads: the compose services are loopback here.
  const services = importedProject(fixture).report.services.map((s) => s.service);
  const service = new RegExp(`(?<=[/\\s])(?:${services.join('|')})(?=:[0-9])`, 'g');
  cpSync(fixture.dir, dir, { recursive: true });
  const hosts = new Set<string>();
  for (const rel of filesOf(dir).filter((f) => /\.conf$/.test(f))) {
    const text = readFileSync(join(dir, rel), 'utf8')
      .replace(/^\s*(?:user|pid)\s[^;]*;\s*$/gm, '')
      .replace(/\/etc\/letsencrypt\/live\/([a-z0-9.-]+)\/fullchain\.pem/g, 'certs/$1.crt')
      .replace(/\/etc\/letsencrypt\/live\/([a-z0-9.-]+)\/privkey\.pem/g, 'certs/$1.key')
      .replace(/\/etc\/nginx\//g, `${dir}/`)
      .replace(/\/var\/log\/nginx\//g, `${dir}/`)
      .replace(service, '127.0.0.1');
    for (const m of text.matchAll(/certs\/([a-z0-9.-]+)\.crt/g)) hosts.add(m[1]!);
    writeFileSync(join(dir, rel), text);
  }
  const certs = await makeCertificates(hosts);
  if (!existsSync(join(dir, 'certs'))) mkdirSync(join(dir, 'certs'));
  for (const host of hosts) {
    cpSync(certs.certificate(host).cert, join(dir, 'certs', `${host}.crt`));
    cpSync(certs.certificate(host).key, join(dir, 'certs', `${host}.key`));
  }
  return dir;
}

describe.skipIf(nginx.skip || openssl.skip)('the nginx fixtures are configurations nginx accepts', () => {
  const withNginx = FIXTURES.filter((f) => f.input.proxyConfigs.some((c) => c.path === 'nginx.conf'));

  it.each(withNginx.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const dir = await nginxCopy(fixture);
    const conf = join(dir, 'nginx.conf');
    const args = ['-t', '-c', conf, '-p', `${dir}/`, '-e', join(dir, 'error.log')];
    const { code, output } = await runCommand('nginx', [...args, '-g', `pid ${join(dir, 'nginx.pid')};`]);
    expect(code, output).toBe(0);
    expect(output).not.toMatch(/\[(warn|emerg|alert|crit)\]/);
  });
});

/** A TOML tree as plain values, for the schema. */
const plain = (node: Located): unknown =>
  node.type === 'map'
    ? Object.fromEntries(node.entries.map((e) => [e.key, plain(e.value)]))
    : node.type === 'seq'
      ? node.items.map(plain)
      : node.value;

describe("the Traefik fixtures' files are valid for Traefik's schemas", () => {
  const files = FIXTURES.flatMap((f) =>
    f.input.proxyConfigs
      .filter((c) => /\.(?:ya?ml|toml)$/.test(c.path))
      .map((c) => [`${f.name}/${c.path}`, c] as const),
  );

  it.each(files)('%s', (_name, file) => {
    let value: Record<string, unknown> = {};
    if (file.path.endsWith('.toml')) {
      const parsed = parseToml(file.text);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) value = plain(parsed.root) as Record<string, unknown>;
    } else value = parse(file.text) as Record<string, unknown>;
    // The static configuration names entry points; a dynamic file routers, services, TLS.
    const validate = 'entryPoints' in value ? validateStatic : validateDynamic;
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });
});
