/**
 * Secrets must never reach the project file — not through a kept key either. After
 * interpolation, a kept `healthcheck` (`mysqladmin ping -p${MYSQL_PASSWORD}`), `command` or
 * `labels` value can hold a secret's value. Every kept text that contains the value of a
 * variable the import made a secret (or an operator input, or a password taken out of a URI)
 * gets the value replaced by a `${NAME}` reference to that variable, which the export defines
 * in `.env`; the report says so. Values shorter than MIN_SECRET are not looked for (a one- or
 * two-character "secret" would rewrite unrelated text).
 */
import type { PassValue } from '../../model/types';
import type { ClassifiedVariable } from '../recognize/environments';
import { wholeUri } from '../recognize/uri';
import type { ImportNote, SourcePos } from '../types';
import type { ServiceFacts } from './service-facts';

const MIN_SECRET = 4;

/** Secret value → the variable the export writes it to, longest values first (a value may contain a shorter one). */
export function secretValues(
  facts: readonly ServiceFacts[],
  variables: readonly ClassifiedVariable[],
): [value: string, variable: string][] {
  const out = new Map<string, string>();
  for (const v of variables) {
    const f = facts.find((x) => x.service.name === v.service);
    const value = f?.environment.find((e) => e.name === v.name)?.value;
    if (value === undefined) continue;
    const m = v.meaning;
    if (m.kind === 'secret' || m.kind === 'input') {
      if (value.length >= MIN_SECRET && !out.has(value)) out.set(value, v.sameAs?.variable ?? v.name);
    } else if (m.kind === 'uri-with-secret') {
      const span = wholeUri(value)?.password;
      const password = span !== undefined ? value.slice(span.start, span.end) : undefined;
      const variable = m.sharedWith?.variable ?? m.secretName;
      if (password !== undefined && password.length >= MIN_SECRET) {
        if (!out.has(password)) out.set(password, variable);
        let decoded = password;
        try {
          decoded = decodeURIComponent(password);
        } catch {
          // Not percent-encoded text: the raw form is the only one.
        }
        if (decoded.length >= MIN_SECRET && !out.has(decoded)) out.set(decoded, variable);
      }
    }
  }
  return [...out].sort((a, b) => b[0].length - a[0].length);
}

/** `value` with every secret replaced by its reference; `hit` is called once per replacement made. */
export function scrub(
  value: PassValue,
  secrets: readonly [string, string][],
  hit: (variable: string) => void,
): PassValue {
  if (typeof value === 'string') {
    let text = value;
    for (const [secret, variable] of secrets)
      if (text.includes(secret)) {
        text = text.split(secret).join(`\${${variable}}`);
        hit(variable);
      }
    return text;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return (value as readonly PassValue[]).map((v) => scrub(v, secrets, hit));
  const out = Object.create(null) as Record<string, PassValue>;
  for (const key of Object.keys(value)) out[key] = scrub((value as Record<string, PassValue>)[key]!, secrets, hit);
  return out;
}

/** Scrubs one kept key, noting each variable whose value it held. */
export function scrubKept(
  key: string,
  owner: string,
  value: PassValue,
  at: SourcePos,
  secrets: readonly [string, string][],
  notes: ImportNote[],
): PassValue {
  const seen = new Set<string>();
  const out = scrub(value, secrets, (variable) => seen.add(variable));
  for (const variable of seen)
    notes.push({
      kind: 'interpreted',
      text: `\`${key}\` of ${owner} holds the secret of ${variable}: kept with \${${variable}} in its place`,
      at,
    });
  return out;
}
