import { isSecretName } from '../model/constraints';
import type { Component } from '../model/types';
import { KIND_SPECS } from './kinds';

/**
 * The one answer to "does this variable of this component hold a secret". The inspector masks
 * such values, the export dialog masks their `.env` lines, and NA026 warns when one is weak or
 * written in clear text — all three ask here, so they cannot disagree again (the dialog once
 * masked names the rules did not treat as secret, and missed some they did).
 *
 * A variable is secret when any of these holds:
 * - the catalog marks it secret for the component's kind or flavour (`EnvSpec.secret`);
 * - its name says so (`isSecretName`, the one name test in shared/model/constraints);
 * - its value is generated at export (`{ type: 'secret' }`).
 */

type Subject = Pick<Component, 'kind' | 'flavour'> & { readonly environment?: Component['environment'] };

const catalogSecrets = new Map<string, ReadonlySet<string>>();

/** Variables the catalog marks secret for a kind and its flavour (computed once per pair). */
export function catalogSecretNames(c: Pick<Component, 'kind' | 'flavour'>): ReadonlySet<string> {
  const key = c.flavour === undefined ? c.kind : `${c.kind}/${c.flavour}`;
  let names = catalogSecrets.get(key);
  if (names === undefined) {
    const spec = KIND_SPECS[c.kind];
    const flavour = c.flavour === undefined ? undefined : spec.flavours?.find((f) => f.id === c.flavour);
    names = new Set([...spec.env, ...(flavour?.env ?? [])].filter((e) => e.secret).map((e) => e.name));
    catalogSecrets.set(key, names);
  }
  return names;
}

// The name test, remembered per name: the same few names recur on every component, and NA026
// asks for every variable of the project on every edit. Bounded, so hostile input cannot grow it.
const byName = new Map<string, boolean>();
const MAX_REMEMBERED = 10_000;

function secretByName(name: string): boolean {
  let answer = byName.get(name);
  if (answer === undefined) {
    answer = isSecretName(name);
    if (byName.size < MAX_REMEMBERED) byName.set(name, answer);
  }
  return answer;
}

/**
 * Whether variable `name` of `component` holds a secret: marked in the catalog, named like one,
 * or generated at export. The component's environment need not hold `name` (the inspector asks
 * while a variable is being added).
 */
export function isSecretVariable(component: Subject, name: string): boolean {
  const env = component.environment;
  if (env !== undefined && Object.hasOwn(env, name) && env[name]!.type === 'secret') return true;
  return catalogSecretNames(component).has(name) || secretByName(name);
}

/** The names of a component's variables that hold secrets, in the environment's order. */
export function secretVariablesOf(component: Pick<Component, 'kind' | 'flavour' | 'environment'>): string[] {
  return Object.keys(component.environment).filter((name) => isSecretVariable(component, name));
}

/**
 * Every variable name that holds a secret on some component of the project. `.env` is one
 * namespace (the exporter writes a shared name once), so a name secret on one component is
 * masked wherever it appears.
 */
export function secretVariableNames(
  components: readonly Pick<Component, 'kind' | 'flavour' | 'environment'>[],
): Set<string> {
  const names = new Set<string>();
  for (const c of components) for (const name of secretVariablesOf(c)) names.add(name);
  return names;
}
