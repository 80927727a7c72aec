import type { ExportFile } from './types';
import type { DeploymentPlan } from './plan';

/** Characters that need no quoting in any `.env` reader (compose v1's python-dotenv, compose v2). */
const PLAIN = /^[A-Za-z0-9_./:@,+-]*$/;

/**
 * A `.env` value. Plain values stay bare; anything else is single-quoted, which both compose
 * versions read literally (no `$` interpolation, no escapes). A value with a single quote or a
 * line break cannot be written safely: the checker refuses such values before export. Nor can a
 * value ending in a backslash: compose reads `\'` as a quote inside the value, so `'a\'` would
 * never end (re-export's reader, `dotenv-merge`, refuses it for the same reason).
 */
export function dotenvValue(value: string): string {
  if (PLAIN.test(value)) return value;
  if (/['\n\r]/.test(value)) throw new Error('a .env value with a quote or line break cannot be written safely');
  if (value.endsWith('\\')) throw new Error('a .env value ending in a backslash cannot be written safely');
  return `'${value}'`;
}

/** `.env`: every variable the compose file references, grouped by component, mode 0600. */
export function exportDotenv(plan: DeploymentPlan): ExportFile {
  const lines = [
    `# Environment for ${plan.projectName}, written by Portolan.`,
    '# Holds secrets: keep it out of version control and readable by the operator only.',
  ];
  // `.env` is one namespace: when two components declare the same variable, compose hands every
  // container the same value anyway, so it is written once (a second line would silently win).
  const written = new Set<string>();
  for (const group of plan.env) {
    lines.push('', `# --- ${group.title}`);
    for (const e of group.entries) {
      if (written.has(e.name)) {
        lines.push(`# ${e.name}: shared with the component above that defines it.`);
        continue;
      }
      written.add(e.name);
      if (e.comment) lines.push(`# ${e.comment}`);
      lines.push(`${e.name}=${dotenvValue(e.value)}`);
    }
  }
  return { path: '.env', contents: `${lines.join('\n')}\n`, mode: 0o600 };
}
