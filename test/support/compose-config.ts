/**
 * `docker-compose config` output, read for comparison: each service's image, published ports,
 * environment and replicas in one normal form, whichever way the file wrote them. docker-compose
 * 1.29 prints a port in the short form where it can (`127.0.0.1:8888:8888/tcp`, an IPv6 host
 * without brackets: `::1:8443:8443/tcp`) and in the long form otherwise (`target`, `published`,
 * `protocol`, `mode`), with ranges already expanded; compose v2 (expected.json) prints the long
 * form with `host_ip`. Both become `HOST_IP|PUBLISHED|TARGET/PROTOCOL|MODE` strings, one per port.
 */
import { spawn } from 'node:child_process';

export interface ConfigService {
  readonly image?: string;
  readonly ports: readonly string[];
  readonly environment: Readonly<Record<string, string>>;
  readonly replicas: number;
  /** The service as printed, for the pass-through keys. */
  readonly raw: Readonly<Record<string, unknown>>;
}

const range = (text: string): number[] => {
  const [a, b] = text.split('-');
  const from = Number(a);
  const to = b === undefined ? from : Number(b);
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
};

/** One short-form entry (`[HOST_IP:][PUBLISHED:]TARGET[/PROTO]`, ranges allowed), as normal-form strings. */
function shortPort(entry: string): string[] {
  const slash = entry.lastIndexOf('/');
  const protocol = slash < 0 ? 'tcp' : entry.slice(slash + 1);
  const body = slash < 0 ? entry : entry.slice(0, slash);
  const parts = body.split(':');
  const target = parts.pop()!;
  const published = parts.pop() ?? '';
  const hostIp = parts.join(':').replace(/^\[(.*)\]$/, '$1');
  const targets = range(target);
  const publishedList = published === '' ? [] : range(published);
  return targets.map((t, i) => `${hostIp}|${publishedList[i] ?? ''}|${t}/${protocol}|ingress`);
}

function longPort(p: Record<string, unknown>): string {
  const published = p.published === undefined || p.published === null ? '' : String(p.published);
  const hostIp = typeof p.host_ip === 'string' ? p.host_ip : '';
  return `${hostIp}|${published}|${String(p.target)}/${String(p.protocol ?? 'tcp')}|${String(p.mode ?? 'ingress')}`;
}

export function normalPorts(ports: unknown): string[] {
  if (!Array.isArray(ports)) return [];
  return everyInterface(
    ports.flatMap((p) =>
      typeof p === 'string' || typeof p === 'number' ? shortPort(String(p)) : [longPort(p as Record<string, unknown>)],
    ),
  ).sort();
}

/**
 * `0.0.0.0:443:443` beside `[::]:443:443` binds what a bare `443:443` binds (Docker opens one
 * socket per address family either way); Portolan's export writes the pair on purpose (issue
 * 15), so the pair reads as the one unbound entry. A lone wildcard keeps its address.
 */
function everyInterface(entries: readonly string[]): string[] {
  const rest = (e: string): string => e.slice(e.indexOf('|'));
  const v4 = new Set(entries.filter((e) => e.startsWith('0.0.0.0|')).map(rest));
  const both = new Set(entries.filter((e) => e.startsWith('::|') && v4.has(rest(e))).map(rest));
  const out: string[] = [];
  for (const e of entries) {
    const wildcard = e.startsWith('0.0.0.0|') || e.startsWith('::|');
    if (!wildcard || !both.has(rest(e))) out.push(e);
    else if (e.startsWith('0.0.0.0|')) out.push(rest(e));
  }
  return out;
}

function environmentOf(env: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(env))
    for (const e of env as string[]) {
      const eq = e.indexOf('=');
      if (eq > 0) out[e.slice(0, eq)] = e.slice(eq + 1);
    }
  else if (env !== null && typeof env === 'object')
    for (const [k, v] of Object.entries(env)) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

export function configService(raw: Record<string, unknown>): ConfigService {
  const deploy = (raw.deploy ?? {}) as { replicas?: number };
  return {
    ...(typeof raw.image === 'string' ? { image: raw.image } : {}),
    ports: normalPorts(raw.ports),
    environment: environmentOf(raw.environment),
    replicas: deploy.replicas ?? (typeof raw.scale === 'number' ? raw.scale : 1),
    raw,
  };
}

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without a shell; resolves when it exits. */
export function run(cmd: string, args: readonly string[], cwd: string): Promise<RunResult> {
  return new Promise((resolveRun) => {
    const child = spawn(cmd, args, { cwd, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code) => resolveRun({ code, stdout, stderr }));
    child.on('error', (e) => resolveRun({ code: -1, stdout, stderr: String(e) }));
  });
}

/** Runs `work` over `items`, at most `size` at a time, keeping the order of the results. */
export async function pool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return out;
}
