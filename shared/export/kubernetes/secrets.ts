import { toYaml, yamlPath } from '../yaml';
import type { DeploymentPlan } from '../plan';
import type { ExportFile } from '../types';
import { SECRET_NAME } from './env';

/**
 * What the base never holds: the Secret with every generated secret and operator input (what
 * `.env` holds for compose), and the TLS certificates. `secrets/secret.yaml` (mode 0600, not a
 * kustomize resource) is filled in by the operator and applied by `secrets/apply.sh`, which
 * refuses while a value is empty and creates one `kubernetes.io/tls` Secret per TLS host from
 * `secrets/certs/HOST.crt` and `HOST.key`. Generated values come from the injected random source,
 * as for `.env`.
 */

export const SECRET_FILE = 'secrets/secret.yaml';
export const APPLY_SCRIPT = 'secrets/apply.sh';

/** Single-quoted for sh: namespaces and host names are plain (checked), but quoting costs nothing. */
const sh = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

export function secretFiles(
  plan: DeploymentPlan,
  namespace: string,
  tlsSecrets: ReadonlyMap<string, string>,
): ExportFile[] {
  const entries = plan.env.slice(1).flatMap((g) => g.entries.map((e) => ({ ...e, group: g.title })));
  const files: ExportFile[] = [];
  if (entries.length > 0) {
    const notesAt = new Map<string, string>();
    for (const e of entries) notesAt.set(yamlPath('stringData', e.name), ` ${e.group}: ${e.comment ?? ''}`.trimEnd());
    const header = [
      `# The Secret ${SECRET_NAME}: every secret and operator input of the deployment. Fill in the empty`,
      '# values, then run apply.sh. Keep this file out of version control; it is never part of the base.',
      '',
    ].join('\n');
    files.push({
      path: SECRET_FILE,
      mode: 0o600,
      contents:
        header +
        toYaml(
          {
            apiVersion: 'v1',
            kind: 'Secret',
            metadata: { name: SECRET_NAME, namespace },
            type: 'Opaque',
            stringData: Object.fromEntries(entries.map((e) => [e.name, e.value])),
          },
          { notesAt },
        ),
    });
  }
  const lines = [
    '#!/bin/sh',
    '# Creates the namespace and the Secrets the base refers to, from this folder. Run it before',
    '# `kubectl apply -k overlays/production` (or the base), and again after changing a value.',
    'set -eu',
    'cd "$(dirname "$0")"',
    `kubectl apply -f ../base/namespace.yaml`,
  ];
  if (entries.length > 0)
    lines.push(
      `if grep -Eq '^  [A-Za-z_][A-Za-z0-9_]*: ""$' secret.yaml; then`,
      '  echo "secret.yaml still has empty values: fill them in first" >&2',
      '  exit 1',
      'fi',
      'kubectl apply -f secret.yaml',
    );
  for (const [host, secret] of tlsSecrets)
    lines.push(
      `kubectl create secret tls ${sh(secret)} --namespace ${sh(namespace)} --cert=${sh(`certs/${host}.crt`)} --key=${sh(`certs/${host}.key`)} --dry-run=client -o yaml | kubectl apply -f -`,
    );
  files.push({ path: APPLY_SCRIPT, mode: 0o755, contents: `${lines.join('\n')}\n` });
  return files;
}
