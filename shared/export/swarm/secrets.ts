import type { DeploymentPlan } from '../plan';
import type { ExportFile } from '../types';
import type { StackSecret } from './env';

/**
 * What the stack file never holds: secret values. Each `.env` secret or operator input the stack
 * uses is a file `secrets/values/NAME` (0600; a generated secret filled in, an input empty for the
 * operator), and each TLS host needs `secrets/certs/HOST.crt` and `HOST.key`. `secrets/create.sh`
 * refuses while any of them is empty, then creates every Swarm secret the stack names (`external:
 * true`) with `docker secret create` — a value the images read whole from its file, or a value
 * such as a database URI put together from its text and the files. Swarm secrets cannot change:
 * an existing one is kept and named, and README.md says how to replace one.
 */

export const VALUES_DIR = 'secrets/values';
export const CERTS_DIR = 'secrets/certs';
export const CREATE_SCRIPT = 'secrets/create.sh';
export const DEPLOY_SCRIPT = 'deploy.sh';

/** Single-quoted for sh. */
export const sh = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/** The `.env` entries the stack reads, by name, in `.env`'s order. */
export function usedEntries(plan: DeploymentPlan, used: ReadonlySet<string>): { name: string; value: string }[] {
  return plan.env
    .slice(1)
    .flatMap((g) => g.entries)
    .filter((e) => used.has(e.name));
}

/** `.env` names a secret's value is made from. */
export function refsOf(secret: StackSecret): string[] {
  const s = secret.source;
  if ('ref' in s) return [s.ref];
  if ('parts' in s) return s.parts.flatMap((p) => ('ref' in p ? [p.ref] : []));
  return [];
}

/** A printf format and its arguments that write the value: text as is (`%` doubled), each secret as `%s`. */
function printfOf(secret: StackSecret): string {
  const s = secret.source;
  if ('ref' in s) return `value ${sh(s.ref)}`;
  if ('file' in s) return `cat ${sh(s.file)}`;
  const format = s.parts.map((p) => ('ref' in p ? '%s' : p.text.replaceAll('%', '%%'))).join('');
  const args = s.parts.flatMap((p) => ('ref' in p ? [`"$(value ${sh(p.ref)})"`] : []));
  return `printf ${sh(format)} ${args.join(' ')}`;
}

export function secretFiles(
  plan: DeploymentPlan,
  secrets: readonly StackSecret[],
  interpolated: ReadonlySet<string>,
): ExportFile[] {
  const used = new Set([...secrets.flatMap(refsOf), ...interpolated]);
  const entries = usedEntries(plan, used);
  const files: ExportFile[] = entries.map((e) => ({ path: `${VALUES_DIR}/${e.name}`, mode: 0o600, contents: e.value }));
  const needed = [
    ...entries.map((e) => `values/${e.name}`),
    ...secrets.flatMap((s) => ('file' in s.source ? [s.source.file] : [])),
  ];
  const lines = [
    '#!/bin/sh',
    '# Creates the Swarm secrets stack.yml names (external: true) from the files in this folder.',
    '# Run it on a manager node before ../deploy.sh. Keep this folder out of version control.',
    'set -eu',
    'cd "$(dirname "$0")"',
    'missing=0',
    ...needed.map(
      (f) =>
        `if [ ! -s ${sh(f)} ]; then echo ${sh(`secrets/${f} is empty or missing: fill it in first`)} >&2; missing=1; fi`,
    ),
    '[ "$missing" -eq 0 ] || exit 1',
    '# The value of a file, without the line break an editor may add at its end.',
    'value() { v=$(cat "values/$1"); printf %s "$v"; }',
    '# A secret cannot change once created: an existing one is kept (README.md: replacing a secret).',
    'create() {',
    '  if docker secret inspect "$1" >/dev/null 2>&1; then',
    '    cat >/dev/null',
    '    echo "$1 exists: kept"',
    '  else',
    '    docker secret create "$1" - >/dev/null',
    '    echo "$1 created"',
    '  fi',
    '}',
    ...secrets.map((s) => `${printfOf(s)} | create ${sh(s.name)}`),
  ];
  files.push({ path: CREATE_SCRIPT, mode: 0o755, contents: `${lines.join('\n')}\n` });
  return files;
}

/** deploy.sh: exports the values deploy-time interpolation needs (env.ts), then deploys the stack. */
export function deployScript(stack: string, interpolated: readonly string[]): ExportFile {
  const lines = [
    '#!/bin/sh',
    '# Deploys the stack on a manager node, after secrets/create.sh. --with-registry-auth hands your',
    "# registry login (nextAuth's images) to the nodes that pull them.",
    'set -eu',
    'cd "$(dirname "$0")"',
  ];
  if (interpolated.length > 0) {
    lines.push(
      '# Values of images that cannot read a secret from a file: docker stack deploy writes them into the',
      '# service definitions (README.md).',
    );
    for (const name of interpolated)
      lines.push(
        `${name}=$(cat ${sh(`${VALUES_DIR}/${name}`)})`,
        `[ -n "$${name}" ] || { echo ${sh(`${VALUES_DIR}/${name} is empty: fill it in first`)} >&2; exit 1; }`,
        `export ${name}`,
      );
  }
  lines.push(`exec docker stack deploy --with-registry-auth -c stack.yml ${sh(stack)}`);
  return { path: DEPLOY_SCRIPT, mode: 0o755, contents: `${lines.join('\n')}\n` };
}
