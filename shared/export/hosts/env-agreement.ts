import { parseDotenv } from '../dotenv-merge';
import { HOSTS_FOLDER } from './names';

/**
 * A re-export of a project with hosts (issue 16) merges each host's `.env` on its own, keeping the
 * operator's values — so a secret two hosts share (the database password nextauth's URI names on
 * one host and the database sets on another) can drift apart. This finds the names whose values
 * differ between the hosts' `.env` files, for the writer to warn about (never a value).
 */
export function divergingSharedValues(
  files: readonly { readonly path: string; readonly text: string }[],
): { readonly name: string; readonly paths: readonly string[] }[] {
  const values = new Map<string, Map<string, string>>();
  for (const f of files) {
    if (!isHostDotenv(f.path)) continue;
    const parsed = parseDotenv(f.text);
    if (!parsed.ok) continue;
    for (const a of parsed.env.assignments) {
      const byPath = values.get(a.name) ?? new Map<string, string>();
      byPath.set(f.path, a.value);
      values.set(a.name, byPath);
    }
  }
  const out: { name: string; paths: string[] }[] = [];
  for (const [name, byPath] of [...values].sort(([a], [b]) => (a < b ? -1 : 1)))
    if (new Set(byPath.values()).size > 1) out.push({ name, paths: [...byPath.keys()].sort() });
  return out;
}

/** `hosts/<slug>/.env`: a host's `.env` in the export. */
export const isHostDotenv = (path: string): boolean => new RegExp(`^${HOSTS_FOLDER}/[a-z0-9-]+/\\.env$`).test(path);
