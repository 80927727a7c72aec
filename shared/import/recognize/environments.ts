import type { ImportNote, SourcePos } from '../types';
import { classifyVariable, describeReason, movedPasswordUri, type EnvMeaning, type EnvSubject } from './secrets';
import { percentDecode } from './uri';

/**
 * The meanings of every service's environment at once (secrets.ts decides each variable), plus
 * what only the whole file shows: a password inside a URI that is the same as a secret variable
 * elsewhere (`NEXTAUTH_DB_URI=mysql://app:PW@db/…` beside `MYSQL_PASSWORD=PW` on `db`) then
 * references that variable instead of a new one, so the stack keeps connecting when the secret
 * is generated at export; and secrets repeated under other names are marked as the same.
 *
 * The values are compared here and forgotten: nothing returned holds one.
 */

export interface EnvEntry {
  readonly name: string;
  /** After interpolation. */
  readonly value: string;
  readonly at: SourcePos;
}

export interface ServiceEnvironment extends EnvSubject {
  readonly service: string;
  readonly environment: readonly EnvEntry[];
}

export interface ClassifiedVariable {
  readonly service: string;
  readonly name: string;
  readonly at: SourcePos;
  readonly meaning: EnvMeaning;
  /** The first variable (service, name) holding the same secret, when this one repeats it. */
  readonly sameAs?: { readonly service: string; readonly variable: string };
}

export interface ClassifiedEnvironments {
  readonly variables: readonly ClassifiedVariable[];
  readonly notes: readonly ImportNote[];
}

interface Holder {
  readonly service: string;
  readonly variable: string;
}

/** Which holder of a secret value a URI on `host` should use: one on the service it connects to, else the first. */
function pick(holders: readonly Holder[], hosts: readonly string[]): Holder | undefined {
  return holders.find((h) => hosts.includes(h.service.toLowerCase())) ?? holders[0];
}

function noteFor(v: ClassifiedVariable): ImportNote | undefined {
  const m = v.meaning;
  const where = `${v.name} of ${v.service}`;
  switch (m.kind) {
    case 'literal':
      return undefined;
    case 'secret':
      return {
        kind: 'interpreted',
        text: `${where} is a secret (${describeReason(m.reason)}): generated at export (${m.length} characters), its value is not copied`,
        at: v.at,
      };
    case 'input':
      return {
        kind: 'interpreted',
        text: `${where} is a secret (${describeReason(m.reason)}): the operator fills it in .env, its value is not copied`,
        at: v.at,
      };
    case 'uri-with-secret':
      return {
        kind: 'interpreted',
        text:
          m.sharedWith !== undefined
            ? `${where} carries the password of ${m.sharedWith.variable} of ${m.sharedWith.service} inside its URI: the URI now references \${${m.secretName}}`
            : `${where} carries a password inside its URI: it moves to ${m.secretName}, which the operator fills in .env`,
        at: v.at,
      };
  }
}

/** Classifies every variable of every service and links passwords shared between them. */
export function classifyEnvironments(services: readonly ServiceEnvironment[]): ClassifiedEnvironments {
  const taken = new Set<string>();
  for (const s of services) for (const e of s.environment) taken.add(e.name);

  // Secret value → the variables holding it, in file order. Local: it never leaves this function.
  const holders = new Map<string, Holder[]>();
  const remember = (secret: string, holder: Holder): Holder | undefined => {
    const list = holders.get(secret);
    if (list === undefined) {
      holders.set(secret, [holder]);
      return undefined;
    }
    list.push(holder);
    return list[0];
  };

  const first: { entry: EnvEntry; service: ServiceEnvironment; meaning: EnvMeaning }[] = [];
  for (const service of services)
    for (const entry of service.environment) {
      const meaning = classifyVariable(service, entry.name, entry.value, taken);
      if (meaning.kind === 'uri-with-secret') taken.add(meaning.secretName);
      first.push({ entry, service, meaning });
    }

  // Whole-value secrets first, so a URI anywhere in the file can find the variable it repeats.
  const sameAs = new Map<number, Holder>();
  first.forEach(({ entry, service, meaning }, i) => {
    if (meaning.kind !== 'secret' && meaning.kind !== 'input') return;
    const earlier = remember(entry.value, { service: service.service, variable: entry.name });
    if (earlier !== undefined) sameAs.set(i, earlier);
  });

  const variables: ClassifiedVariable[] = first.map(({ entry, service, meaning }, i) => {
    let out: EnvMeaning = meaning;
    if (meaning.kind === 'uri-with-secret') {
      const uri = movedPasswordUri(service, entry.name, entry.value);
      const span = uri?.password;
      if (uri !== undefined && span !== undefined) {
        const raw = entry.value.slice(span.start, span.end);
        const decoded = percentDecode(raw);
        const hosts = uri.hosts.map((h) => h.host);
        const known = pick(holders.get(decoded) ?? holders.get(raw) ?? [], hosts);
        if (known !== undefined) {
          // Reuse that variable; the name reserved for a new one is simply not used.
          const reference = `\${${known.variable}}`;
          out = {
            ...meaning,
            uri: `${entry.value.slice(0, span.start)}${reference}${entry.value.slice(span.end)}`,
            secretName: known.variable,
            sharedWith: known,
          };
        } else {
          remember(decoded, { service: service.service, variable: meaning.secretName });
        }
      }
    }
    const earlier = sameAs.get(i);
    return {
      service: service.service,
      name: entry.name,
      at: entry.at,
      meaning: out,
      ...(earlier !== undefined ? { sameAs: earlier } : {}),
    };
  });
  const notes = variables.map(noteFor).filter((n): n is ImportNote => n !== undefined);
  return { variables, notes };
}
