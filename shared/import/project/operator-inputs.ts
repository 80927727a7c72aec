/**
 * Variables the operator fills in. A service variable written as one whole reference to a
 * variable of an env file (`NEXTAUTH_WS_TLS_CERT: ${NEXTAUTH_WS_TLS_CERT}`) that the env file
 * leaves empty is not an empty value the drawing sets: it is a value asked of the operator —
 * what Portolan's export writes for an operator input (an empty line under `# Fill in: PROMPT`).
 * Such a variable becomes an input, with the env file's prompt where it has one. The process
 * environment wins over env files in compose, so a variable it sets is left as it is.
 */
import type { Component, EnvValue } from '../../model/types';
import { ENV_NAME_PATTERN } from '../../model/constraints';
import type { EnvValues } from '../compose/dotenv-read';
import type { CNode } from '../compose/tree';
import type { ImportNote } from '../types';
import type { ServiceFacts } from './service-facts';

/** `${NAME}` or `$NAME` as the whole value, NAME an environment variable name (one home: ENV_NAME_PATTERN). */
const NAME = ENV_NAME_PATTERN.source.slice(1, -1);
const WHOLE_REFERENCE = new RegExp(`^\\$(?:\\{(${NAME})\\}|(${NAME}))$`);
const FILL_IN = /^#\s*Fill in:\s*(\S.*)$/;

/** The text written for variable `name` in the service's `environment:` (before interpolation). */
export function writtenValue(facts: ServiceFacts, name: string): string | undefined {
  const env = facts.service.node.entries.find((e) => e.key === 'environment')?.value;
  const text = (n: CNode | undefined): string | undefined =>
    n?.kind === 'scalar' ? (n.source ?? (typeof n.value === 'string' ? n.value : undefined)) : undefined;
  if (env?.kind === 'map') return text(env.entries.find((e) => e.key === name)?.value);
  if (env?.kind === 'seq')
    for (const item of env.items) {
      const t = text(item);
      if (t?.startsWith(`${name}=`)) return t.slice(name.length + 1);
    }
  return undefined;
}

export interface InputContext {
  readonly envValues: EnvValues;
  readonly processEnv: Readonly<Record<string, string | undefined>>;
  readonly readFile: (path: string) => string | undefined;
  readonly notes: ImportNote[];
}

/** The component with each empty whole-reference variable as an operator input. */
export function withOperatorInputs(c: Component, facts: ServiceFacts | undefined, ctx: InputContext): Component {
  if (facts === undefined) return c;
  let environment: Record<string, EnvValue> | undefined;
  for (const [name, value] of Object.entries(c.environment)) {
    if (value.type !== 'literal' || value.value !== '') continue;
    const match = WHOLE_REFERENCE.exec(writtenValue(facts, name) ?? '');
    const variable = match?.[1] ?? match?.[2];
    if (variable === undefined || ctx.processEnv[variable] !== undefined) continue;
    const set = ctx.envValues.get(variable);
    if (set === undefined || set.value !== '') continue;
    const above = ctx.readFile(set.at.file)?.split(/\r?\n/)[set.at.line - 2];
    const prompt = FILL_IN.exec(above?.trim() ?? '')?.[1]?.trim() ?? `${variable} (left empty in ${set.at.file})`;
    environment ??= { ...c.environment };
    environment[name] = { type: 'input', prompt };
    ctx.notes.push({
      kind: 'interpreted',
      text: `${name} of ${c.id} reads ${variable}, which ${set.at.file} leaves empty: an input the operator fills in`,
      at: set.at,
    });
  }
  return environment === undefined ? c : { ...c, environment };
}
