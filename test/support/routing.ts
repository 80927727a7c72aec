/**
 * Live routing harness: run a real reverse proxy (nginx, HAProxy, Caddy, …) with an exported
 * configuration on 127.0.0.1 and prove where each public URL ends up. Proxy-neutral on purpose:
 * everything here speaks plain sockets, TLS and processes; nothing knows a proxy flavour.
 *
 * A routing test for any flavour goes like this (test/support/live-routing.ts does it for every
 * proxy that runs here; test/export/routing-*.test.ts only say how each one starts):
 *
 *   const plan = exportProject(project, { random, proxy: 'haproxy' }).plan;   // no override yet
 *   const certs = await makeCertificates(tlsHosts(plan.proxies[0]));
 *   const stubs = await startStubs(stubUpstreams(plan));                       // one server per service port
 *   const [https, http] = [await freePort(), await freePort()];
 *   const files = exportProject(project, { random, proxy: 'haproxy', override: {
 *     httpsPort: https, httpPort: http, upstream: stubs.address, certificate: certs.certificate } }).files;
 *   // write the files to a temp dir, then:
 *   const proxy = await startProcess('haproxy', ['-db', '-f', cfg], () => portOpen(https));
 *   for (const probe of routeProbes(plan.proxies[0])) {
 *     const res = await httpsGet(https, probe.host, probe.path, certs.ca(probe.host));
 *     expect(res.body).toBe(probe.expected);           // each stub answers with `service:port`
 *   }
 *   await stubs.close(); await cleanUp();              // in afterAll: stops processes, removes temp files
 *
 * Stubs answer every HTTP request with their own name as the body (`nextauth:8009`) and in the
 * `x-stub` header, complete WebSocket upgrades (101 + a correct Sec-WebSocket-Accept), then send
 * their name as one text frame and echo text frames back. `stubs.hits(name)` counts requests, so a
 * test can prove an upstream was never reached. Clients always connect to 127.0.0.1 and send the
 * host name as SNI (`servername`) and as `Host`, exactly as a browser would for the public URL.
 *
 * Only Node built-ins and openssl. Everything binds 127.0.0.1; processes run in their own process
 * group, and `stop()` kills the whole group. `cleanUp()` in `afterAll` stops whatever is still
 * running and removes every temp folder the harness made.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { promisify } from 'node:util';
import { getKind, portNumber } from '../../shared/catalog/index';
import type { DeploymentPlan, ProxyPlan, Site } from '../../shared/export/index';

const execFileAsync = promisify(execFile);
const LOOPBACK = '127.0.0.1';
const TIMEOUT_MS = 5_000;

// ---------------------------------------------------------------------------------------------
// Certificates

export interface CertificateFiles {
  readonly cert: string;
  readonly key: string;
}

export interface Certificates {
  /** Folder holding `HOST.crt` and `HOST.key` for every host (shared by all calls in this run). */
  readonly dir: string;
  /** Paths for `override.certificate`; throws for a host that was not asked for. */
  readonly certificate: (host: string) => CertificateFiles;
  /** The self-signed certificate of `host`, which is its own CA: pass it as `ca` to a client. */
  readonly ca: (host: string) => Buffer;
  readonly caFile: (host: string) => string;
}

let certDir: string | undefined;
const generated = new Map<string, Promise<CertificateFiles>>();

function generate(host: string): Promise<CertificateFiles> {
  if (!/^[a-z0-9.-]+$/.test(host)) throw new Error(`makeCertificates: not a host name: ${JSON.stringify(host)}`);
  certDir ??= tempDir('portolan-certs-');
  const files = { cert: join(certDir, `${host}.crt`), key: join(certDir, `${host}.key`) };
  // RSA 2048 and two days: fast to make, useless if it ever leaked.
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${host}`];
  args.push('-addext', `subjectAltName=DNS:${host}`, '-keyout', files.key, '-out', files.cert);
  return execFileAsync('openssl', args).then(() => files);
}

/** Throwaway self-signed certificates, one per host, made once per test file (vitest isolates modules per file). */
export async function makeCertificates(hosts: Iterable<string>): Promise<Certificates> {
  const wanted = [...new Set(hosts)];
  for (const host of wanted) if (!generated.has(host)) generated.set(host, generate(host));
  const files = new Map<string, CertificateFiles>();
  for (const host of wanted) files.set(host, await generated.get(host)!);
  const get = (host: string): CertificateFiles => {
    const f = files.get(host);
    if (f === undefined) throw new Error(`makeCertificates: no certificate was made for ${host}`);
    return f;
  };
  return {
    dir: certDir!,
    certificate: get,
    ca: (host) => readFileSync(get(host).cert),
    caFile: (host) => get(host).cert,
  };
}

// ---------------------------------------------------------------------------------------------
// Stub upstreams

export interface StubUpstream {
  readonly service: string;
  readonly port: number;
  /** Serve HTTPS (for routes that re-encrypt to the upstream). */
  readonly tls?: boolean;
}

export interface StubRequest {
  readonly stub: string;
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

export interface Stubs {
  /** `127.0.0.1:NNNN` of the stub for `service:port`: pass as `override.upstream`. Throws for unknown ones. */
  readonly address: (service: string, port: number) => string;
  /** Every request and upgrade the stubs saw, in order. */
  readonly requests: readonly StubRequest[];
  /** How many requests the stub `service:port` got. */
  readonly hits: (name: string) => number;
  readonly names: readonly string[];
  readonly close: () => Promise<void>;
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** The Sec-WebSocket-Accept for a key (RFC 6455 §4.2.2). */
export const websocketAccept = (key: string): string =>
  createHash('sha1')
    .update(key + WS_GUID)
    .digest('base64');

/** A WebSocket frame: text (opcode 1) or close (8); clients must mask (RFC 6455 §5.3). */
export function wsFrame(payload: string, options: { mask?: boolean; opcode?: number } = {}): Buffer {
  const data = Buffer.from(payload);
  if (data.length > 0xffff) throw new Error('wsFrame: payload too long for this harness');
  const head = data.length < 126 ? Buffer.from([0x80 | (options.opcode ?? 1), data.length]) : Buffer.alloc(4);
  if (data.length >= 126) {
    head[0] = 0x80 | (options.opcode ?? 1);
    head[1] = 126;
    head.writeUInt16BE(data.length, 2);
  }
  if (!options.mask) return Buffer.concat([head, data]);
  head[1]! |= 0x80;
  const mask = randomBytes(4);
  return Buffer.concat([head, mask, data.map((b, i) => b ^ mask[i % 4]!)]);
}

/** Reads one complete frame from the front of `buf`, or undefined when more bytes are needed. */
export function readFrame(buf: Buffer): { opcode: number; payload: Buffer; rest: Buffer } | undefined {
  if (buf.length < 2) return undefined;
  let length = buf[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buf.length < 4) return undefined;
    length = buf.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    throw new Error('readFrame: 64-bit frame lengths are not used by this harness');
  }
  const masked = (buf[1]! & 0x80) !== 0;
  const mask = masked ? buf.subarray(offset, offset + 4) : undefined;
  if (masked) offset += 4;
  if (buf.length < offset + length) return undefined;
  const payload = Buffer.from(buf.subarray(offset, offset + length));
  if (mask) for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
  return { opcode: buf[0]! & 0x0f, payload, rest: buf.subarray(offset + length) };
}

/**
 * Banners every stub sends, as an application server would: the exported proxies must remove them
 * at the entry point (issue 15), so a test can tell an upstream's banner from the proxy's own.
 */
export const STUB_BANNERS = { server: 'stub-upstream/1.0', 'x-powered-by': 'stub-framework/2.0' } as const;

interface StubServer {
  readonly server: http.Server;
  /** Open connections, including upgraded ones, which `server.close()` alone would wait for. */
  readonly sockets: Set<net.Socket>;
}

function stubServer(name: string, certificate: TlsCertificate | undefined, log: StubRequest[]): StubServer {
  const sockets = new Set<net.Socket>();
  const server = certificate ? https.createServer(certificate) : http.createServer();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    log.push({ stub: name, method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(200, { 'content-type': 'text/plain', 'x-stub': name, ...STUB_BANNERS });
    res.end(name);
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket) => {
    log.push({ stub: name, method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const key = req.headers['sec-websocket-key'];
    if (typeof key !== 'string' || req.headers.upgrade?.toLowerCase() !== 'websocket') {
      socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
      return;
    }
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${websocketAccept(key)}\r\nX-Stub: ${name}\r\n\r\n`,
    );
    socket.write(wsFrame(name));
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (let f = readFrame(pending); f; f = readFrame(pending)) {
        pending = f.rest;
        if (f.opcode === 1) socket.write(wsFrame(f.payload.toString()));
        if (f.opcode === 8) socket.end(wsFrame('', { opcode: 8 }));
      }
    });
    socket.on('error', () => socket.destroy());
  });
  return { server, sockets };
}

interface TlsCertificate {
  readonly cert: Buffer;
  readonly key: Buffer;
}

/** TLS stubs share one certificate: proxies do not verify internal certificates. */
async function stubCertificate(): Promise<TlsCertificate> {
  const c = await makeCertificates(['stub.internal']);
  return { cert: c.ca('stub.internal'), key: readFileSync(c.certificate('stub.internal').key) };
}

/** One loopback server per `service:port`, each answering with its own name. */
export async function startStubs(upstreams: readonly StubUpstream[]): Promise<Stubs> {
  const certificate = upstreams.some((u) => u.tls) ? await stubCertificate() : undefined;
  const log: StubRequest[] = [];
  const servers = new Map<string, StubServer & { port: number }>();
  for (const u of upstreams) {
    const name = `${u.service}:${u.port}`;
    if (servers.has(name)) continue;
    const stub = stubServer(name, u.tls ? certificate : undefined, log);
    await new Promise<void>((resolve, reject) => {
      stub.server.once('error', reject);
      stub.server.listen(0, LOOPBACK, resolve);
    });
    servers.set(name, { ...stub, port: (stub.server.address() as net.AddressInfo).port });
  }
  return {
    address: (service, port) => {
      const s = servers.get(`${service}:${port}`);
      if (s === undefined) throw new Error(`startStubs: no stub for ${service}:${port}`);
      return `${LOOPBACK}:${s.port}`;
    },
    requests: log,
    hits: (name) => log.filter((r) => r.stub === name).length,
    names: [...servers.keys()],
    close: async () => {
      await Promise.all(
        [...servers.values()].map(
          ({ server, sockets }) =>
            new Promise<void>((resolve) => {
              server.close(() => resolve());
              for (const s of sockets) s.destroy();
            }),
        ),
      );
    },
  };
}

// ---------------------------------------------------------------------------------------------
// What to start and what to ask, worked out from the deployment plan

/**
 * A stub for every HTTP-speaking port of every deployed container that is not an entry point
 * (nextauth 8888/8009/8889, mgmt 80/81/82, …) — routed or not, so a test can prove that an
 * unrouted port such as the REST API is never reached. TLS where a route re-encrypts to it.
 */
export function stubUpstreams(plan: DeploymentPlan): StubUpstream[] {
  const reencrypted = new Set<string>();
  const routed: StubUpstream[] = [];
  for (const entry of [...plan.proxies, ...plan.portmaps]) {
    for (const site of entry.sites) {
      for (const { upstream } of site.locations) {
        if (upstream.reencrypt) reencrypted.add(`${upstream.service}:${upstream.port}`);
        routed.push({ service: upstream.service, port: upstream.port });
      }
    }
  }
  const all: StubUpstream[] = [...routed];
  for (const s of plan.services) {
    const kind = s.component.kind;
    if (kind === 'reverse-proxy' || kind === 'nextauth-portmap') continue;
    for (const p of getKind(kind).ports) {
      if (p.protocol !== 'http' && p.protocol !== 'https' && p.protocol !== 'ws') continue;
      const port = portNumber(s.component, p.name);
      if (port !== undefined) all.push({ service: s.name, port });
    }
  }
  const seen = new Set<string>();
  return all.flatMap((u) => {
    const name = `${u.service}:${u.port}`;
    if (seen.has(name)) return [];
    seen.add(name);
    return [{ ...u, tls: reencrypted.has(name) }];
  });
}

export interface RouteProbe {
  readonly host: string;
  readonly publicPort: number;
  /** TLS terminates at the proxy: ask with httpsGet / wssUpgrade. */
  readonly tls: boolean;
  readonly websocket: boolean;
  readonly path: string;
  /** The stub that must answer: `service:port`. */
  readonly expected: string;
  readonly route: string;
  /** The path of the location that serves it (the route's own path). */
  readonly prefix: string;
}

/** The location of `site` that serves `path`: the longest matching prefix, as every proxy must. */
export function locationFor(site: Site, path: string): Site['locations'][number] | undefined {
  return [...site.locations].sort((a, b) => b.path.length - a.path.length).find((l) => path.startsWith(l.path));
}

/**
 * Requests that cover every public URL of a proxy: each location's own path and a path below
 * it, each with the stub the model says must answer (so probes never hard-code the template).
 */
export function routeProbes(proxy: ProxyPlan): RouteProbe[] {
  const probes: RouteProbe[] = [];
  for (const site of proxy.sites) {
    for (const location of site.locations) {
      const below = `${location.path}${location.path.endsWith('/') ? '' : '/'}portolan-probe?x=1`;
      for (const path of [location.path, below]) {
        const served = locationFor(site, path.split('?')[0]!)!;
        probes.push({
          host: site.host,
          publicPort: site.publicPort,
          tls: site.tls,
          websocket: served.upstream.websocket,
          path,
          expected: `${served.upstream.service}:${served.upstream.port}`,
          route: served.route.id,
          prefix: served.path,
        });
      }
    }
  }
  return probes;
}

/** Host names the proxy terminates TLS for: what makeCertificates needs. */
export const tlsHosts = (proxy: ProxyPlan): string[] => [
  ...new Set(proxy.sites.filter((s) => s.tls).map((s) => s.host)),
];

// ---------------------------------------------------------------------------------------------
// Clients

export interface HttpResult {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface ClientOptions {
  /** SNI name when it should differ from the Host header (default: the host). */
  readonly servername?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

function collect(req: http.ClientRequest): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
      );
    });
    req.end();
  });
}

/** GET https://host/path on 127.0.0.1:port, with `host` as SNI and Host; rejects on TLS or network errors. */
export function httpsGet(
  port: number,
  host: string,
  path: string,
  ca: Buffer | string | readonly (Buffer | string)[],
  options: ClientOptions = {},
): Promise<HttpResult> {
  const req = https.request({
    host: LOOPBACK,
    port,
    path,
    method: 'GET',
    servername: options.servername ?? host,
    headers: { host, ...options.headers },
    ca: ca as Buffer | string | (Buffer | string)[],
    agent: false,
  });
  return collect(req);
}

/** GET http://host/path on 127.0.0.1:port (the redirect check). */
export function httpGet(port: number, host: string, path: string, options: ClientOptions = {}): Promise<HttpResult> {
  const req = http.request({
    host: LOOPBACK,
    port,
    path,
    method: 'GET',
    headers: { host, ...options.headers },
    agent: false,
  });
  return collect(req);
}

export interface UpgradeResult {
  /** e.g. `HTTP/1.1 101 Switching Protocols`. */
  readonly statusLine: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Sec-WebSocket-Accept matched the key we sent. */
  readonly acceptValid: boolean;
  /** The first text frame after the upgrade: a stub's name. Undefined when not upgraded. */
  readonly message?: string;
  /** A text frame we sent after the first one came back unchanged (stubs echo). */
  readonly echoed?: boolean;
}

/** Performs a raw WebSocket handshake on a connected socket and reads the stub's first frame. */
function upgradeOver(socket: net.Socket, connectEvent: string, host: string, path: string): Promise<UpgradeResult> {
  const key = randomBytes(16).toString('base64');
  const probe = `echo-${randomBytes(4).toString('hex')}`;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => socket.destroy(new Error('WebSocket upgrade timed out')), TIMEOUT_MS);
    let buf: Buffer = Buffer.alloc(0);
    let head: Omit<UpgradeResult, 'message' | 'echoed'> | undefined;
    let message: string | undefined;
    const finish = (result: UpgradeResult) => {
      clearTimeout(timer);
      socket.end(wsFrame('', { opcode: 8, mask: true }));
      socket.destroy();
      resolve(result);
    };
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      if (head) resolve({ ...head, ...(message !== undefined ? { message } : {}) });
      else reject(new Error(`connection closed before a response: ${JSON.stringify(buf.toString())}`));
    });
    socket.once(connectEvent, () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: ${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      if (head === undefined) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const [statusLine = '', ...lines] = buf.subarray(0, end).toString().split('\r\n');
        const headers: Record<string, string> = {};
        for (const line of lines) {
          const colon = line.indexOf(':');
          if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        const status = Number(statusLine.split(' ')[1]);
        head = { statusLine, status, headers, acceptValid: headers['sec-websocket-accept'] === websocketAccept(key) };
        buf = buf.subarray(end + 4);
        if (status !== 101) return finish(head);
      }
      for (let f = readFrame(buf); f; f = readFrame(buf)) {
        buf = f.rest;
        if (f.opcode !== 1) continue;
        if (message === undefined) {
          message = f.payload.toString();
          socket.write(wsFrame(probe, { mask: true }));
        } else {
          return finish({ ...head, message, echoed: f.payload.toString() === probe });
        }
      }
    });
  });
}

/** WebSocket upgrade over TLS with SNI; resolves with the status line and the stub's name. */
export function wssUpgrade(
  port: number,
  host: string,
  path: string,
  ca: Buffer | string | readonly (Buffer | string)[],
  options: ClientOptions = {},
): Promise<UpgradeResult> {
  const socket = tls.connect({
    host: LOOPBACK,
    port,
    servername: options.servername ?? host,
    ca: ca as Buffer | string | (Buffer | string)[],
  });
  return upgradeOver(socket, 'secureConnect', host, path);
}

/** WebSocket upgrade over plain TCP, for ws:// routes. */
export function wsUpgrade(port: number, host: string, path: string): Promise<UpgradeResult> {
  return upgradeOver(net.connect({ host: LOOPBACK, port }), 'connect', host, path);
}

// ---------------------------------------------------------------------------------------------
// Ports and processes

/** A port the OS just handed out on 127.0.0.1 (closed again, so the proxy can bind it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: LOOPBACK, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const tempDirs = new Set<string>();

/** A temp folder (configs, pid files, logs) that cleanUp() removes. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/**
 * Stops every process startProcess started and removes every temp folder (certificates
 * included). Call it in `afterAll`: vitest ends its workers without running `exit` handlers.
 */
export async function cleanUp(): Promise<void> {
  await Promise.all([...running].map((stop) => stop()));
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
  generated.clear();
  certDir = undefined;
  outputDir = undefined;
}

/**
 * Output of child processes goes to a file, not a pipe: Node's pipes are socket pairs, and a
 * server that opens /dev/stdout (nginx's `access_log /dev/stdout`) cannot open a socket.
 */
function outputFile(): { path: string; fd: number } {
  outputDir ??= tempDir('portolan-proc-');
  const path = join(outputDir, `output-${++outputCount}.log`);
  return { path, fd: openSync(path, 'w') };
}
let outputDir: string | undefined;
let outputCount = 0;

const readTail = (path: string): string => {
  try {
    return readFileSync(path, 'utf8').slice(-65_536);
  } catch {
    return '';
  }
};

/** Runs a command to completion (e.g. `nginx -t`); never rejects for a non-zero exit. */
export async function runCommand(
  cmd: string,
  args: readonly string[],
): Promise<{ code: number | null; output: string }> {
  const out = outputFile();
  try {
    const child = spawn(cmd, args, { stdio: ['ignore', out.fd, out.fd] });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (c) => resolve(c));
    });
    return { code, output: readTail(out.path) };
  } finally {
    closeSync(out.fd);
  }
}

export interface RunningProcess {
  readonly pid: number;
  /** stdout and stderr so far (the last 64 KiB), for failure messages. */
  readonly output: () => string;
  /** SIGTERM to the whole process group, SIGKILL after 5 s; resolves when the leader exited. */
  readonly stop: () => Promise<void>;
}

/** `stop` of every process startProcess started that has not exited yet. */
const running = new Set<() => Promise<void>>();

/**
 * Spawns a server in the foreground in its own process group and waits until `ready()` says
 * yes (polled every 50 ms, for up to 10 s). Rejects with the process output when it exits first.
 */
export async function startProcess(
  cmd: string,
  args: readonly string[],
  ready: () => Promise<boolean>,
  options: { readonly cwd?: string; readonly timeoutMs?: number } = {},
): Promise<RunningProcess> {
  const out = outputFile();
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out.fd, out.fd], cwd: options.cwd });
  closeSync(out.fd); // the child has its own copy
  const output = () => readTail(out.path);
  let done = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      done = true;
      running.delete(stop);
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  async function stop(): Promise<void> {
    if (done) return;
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // the group is gone already
      }
    };
    kill('SIGTERM');
    const timer = setTimeout(() => kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
  running.add(stop);
  const timeout = options.timeoutMs ?? 10_000;
  const deadline = Date.now() + timeout;
  while (!(await ready())) {
    if (done) throw new Error(`${cmd} exited before it was ready:\n${output()}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${cmd} was not ready after ${timeout} ms:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { pid: child.pid!, output, stop };
}
