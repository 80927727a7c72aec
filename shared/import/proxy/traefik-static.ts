/**
 * Traefik's entry points — the static configuration, given as a file (`entryPoints:` in
 * traefik.yml) or as the command line compose passes (`--entrypoints.websecure.address=:443`,
 * https://doc.traefik.io/traefik/routing/entrypoints/). Routers name entry points; these say
 * which port each one is, whether it ends TLS for every router, and whether it redirects as a
 * whole to another.
 */
import type { ImportNote, SourcePos } from '../types';
import type { EntryPoint } from './traefik-model';
import { portNumber } from './text';

/** `:443`, `0.0.0.0:443`, `[::]:443`, `:443/tcp`; undefined for UDP or anything else. */
export function addressPort(address: string): number | undefined {
  const m = /^(?:\[[0-9A-Fa-f:.]*\]|[^:/]*):([0-9]+)(?:\/tcp)?$/i.exec(address.trim());
  return m === null ? undefined : portNumber(m[1]!);
}

/** One entry point's facts while they are collected (args come one key at a time). */
interface Draft {
  name: string;
  at: SourcePos;
  port?: number;
  tls?: boolean;
  redirectTo?: { entryPoint?: string; scheme: string; at: SourcePos };
}

function finish(drafts: Map<string, Draft>, notes: ImportNote[]): Map<string, EntryPoint> {
  const out = new Map<string, EntryPoint>();
  for (const d of drafts.values()) {
    if (d.port === undefined) {
      notes.push({
        kind: 'not-understood',
        text: `entry point ${d.name}: no TCP address; its routers are not imported`,
        at: d.at,
      });
      continue;
    }
    const to = d.redirectTo;
    out.set(d.name, {
      name: d.name,
      port: d.port,
      at: d.at,
      ...(d.tls ? { tls: true } : {}),
      ...(to?.entryPoint !== undefined
        ? { redirectTo: { entryPoint: to.entryPoint, scheme: to.scheme, at: to.at } }
        : {}),
    });
  }
  return out;
}

export interface EntryPointSetting {
  /** Below `entryPoints.<name>.`, lower-case, dot-separated: `address`, `http.tls`, `http.redirections.entrypoint.to`. */
  readonly key: string;
  readonly value: string;
  readonly at: SourcePos;
}

/** Entry points from flattened settings, the form both the command line and a static file reduce to. */
export function entryPointsOf(
  settings: readonly (EntryPointSetting & { readonly name: string })[],
  notes: ImportNote[],
): Map<string, EntryPoint> {
  const drafts = new Map<string, Draft>();
  for (const s of settings) {
    let d = drafts.get(s.name);
    if (d === undefined) drafts.set(s.name, (d = { name: s.name, at: s.at }));
    const key = s.key.toLowerCase();
    if (key === 'address') {
      const port = addressPort(s.value);
      if (port === undefined)
        notes.push({
          kind: 'not-understood',
          text: `entry point ${s.name}: address ${s.value} is not a TCP port`,
          at: s.at,
        });
      else d.port = port;
    } else if (key === 'http.tls' || key.startsWith('http.tls.')) {
      d.tls = s.value !== 'false';
    } else if (key === 'http.redirections.entrypoint.to') {
      d.redirectTo = { scheme: 'https', ...d.redirectTo, entryPoint: s.value, at: s.at };
    } else if (key === 'http.redirections.entrypoint.scheme') {
      d.redirectTo = { at: s.at, ...d.redirectTo, scheme: s.value.toLowerCase() };
    } else if (key !== 'http.redirections.entrypoint.permanent' && key !== 'asdefault') {
      notes.push({
        kind: 'not-understood',
        text: `entry point ${s.name}: ${s.key} = ${s.value} is not imported`,
        at: s.at,
      });
    }
  }
  return finish(drafts, notes);
}

/**
 * Entry points from Traefik's command line (`--entrypoints.web.address=:80`, case-insensitive
 * as Traefik reads it). Arguments that are not about entry points are left alone: the caller
 * keeps them with the container.
 */
export function entryPointsFromArgs(
  args: readonly { readonly value: string; readonly at: SourcePos }[],
  notes: ImportNote[],
): Map<string, EntryPoint> {
  const settings: (EntryPointSetting & { name: string })[] = [];
  for (const a of args) {
    const m = /^--entrypoints\.([^.=]+)\.([^=]+)(?:=(.*))?$/is.exec(a.value);
    if (m === null) continue;
    // A flag without a value is `true`, as Traefik reads boolean flags.
    settings.push({ name: m[1]!, key: m[2]!, value: m[3] ?? 'true', at: a.at });
  }
  return entryPointsOf(settings, notes);
}
