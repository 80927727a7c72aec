import { ENV_NAME_PATTERN } from '../../model/constraints';
import type { DeploymentPlan, PlanService } from '../plan';
import type { YamlNode } from '../yaml';

/**
 * A container's environment from the plan's compose values. The plan writes each variable for
 * compose: text with `$$` for a literal `$` and `${NAME}` for a line of `.env`. In Kubernetes:
 * - a value that is one `.env` secret or input → `valueFrom.secretKeyRef` on the Secret the
 *   operator creates from `secrets/` (never in the base);
 * - a value with no secret in it → the component's ConfigMap (plain settings; `envFrom` values
 *   are taken as they are, so no escaping);
 * - text around secrets (a database URI around its password) → an `env` value with Kubernetes'
 *   `$(NAME)` expansion of helper variables that read the Secret, every literal `$` written `$$`.
 * The `.env` settings (project name, nextAuth registry and tag) are not secrets: their values
 * are put in where referenced.
 */

/** The Secret holding every secret and operator input (what `.env` holds for compose). */
export const SECRET_NAME = 'portolan-secrets';

/** Helper variables for `$(…)` expansion; `PORTOLAN_` names are reserved (rule NA038), so none clashes. */
const helper = (key: string): string => `PORTOLAN_SECRET_${key}`;

type Part = { readonly text: string } | { readonly ref: string };

/** `$$` (a literal `$`) or a `${NAME}` reference, the names ENV_NAME_PATTERN allows. */
const COMPOSE_VALUE = new RegExp(`\\$\\$|\\$\\{(${ENV_NAME_PATTERN.source.slice(1, -1)})\\}`, 'g');

/** Splits a compose value into literal text and `.env` references. */
export function composeParts(value: string): Part[] {
  const parts: Part[] = [];
  let text = '';
  let last = 0;
  for (const m of value.matchAll(COMPOSE_VALUE)) {
    text += value.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[1] === undefined) text += '$';
    else {
      if (text !== '') parts.push({ text });
      text = '';
      parts.push({ ref: m[1] });
    }
  }
  text += value.slice(last);
  if (text !== '') parts.push({ text });
  return parts;
}

export interface ContainerEnv {
  /** Plain variables, for the component's ConfigMap. */
  readonly config: Readonly<Record<string, string>>;
  /** `env:` entries: secret references, helpers, then values built from them. */
  readonly env: readonly YamlNode[];
  /** Secret keys this container reads. */
  readonly secretKeys: readonly string[];
}

/** The names and values of `.env`'s settings group, and the names of its secrets and inputs. */
export function envKinds(plan: DeploymentPlan): { settings: Map<string, string>; secrets: Set<string> } {
  const settings = new Map<string, string>();
  const secrets = new Set<string>();
  // planEnvironment writes the settings group first; every later group holds secrets and inputs.
  const [first, ...rest] = plan.env;
  for (const e of first?.entries ?? []) settings.set(e.name, e.value);
  for (const g of rest) for (const e of g.entries) secrets.add(e.name);
  return { settings, secrets };
}

const secretRef = (name: string, key: string): YamlNode => ({
  name,
  valueFrom: { secretKeyRef: { name: SECRET_NAME, key } },
});

export function containerEnv(service: PlanService, plan: DeploymentPlan): ContainerEnv {
  const { settings, secrets } = envKinds(plan);
  const config: Record<string, string> = {};
  const direct: YamlNode[] = [];
  const helpers = new Map<string, YamlNode>();
  const built: YamlNode[] = [];
  const keys = new Set<string>();
  for (const v of service.environment) {
    // Settings are written in; a reference to a name `.env` does not hold cannot occur (the plan keeps only those).
    const parts = composeParts(v.composeValue).map((p): Part => {
      if ('ref' in p && !secrets.has(p.ref)) return { text: settings.get(p.ref) ?? '' };
      return p;
    });
    const refs = parts.filter((p): p is { ref: string } => 'ref' in p);
    if (refs.length === 0) {
      config[v.name] = parts.map((p) => ('text' in p ? p.text : '')).join('');
    } else if (parts.length === 1) {
      keys.add(refs[0]!.ref);
      direct.push(secretRef(v.name, refs[0]!.ref));
    } else {
      for (const r of refs) {
        keys.add(r.ref);
        if (!helpers.has(r.ref)) helpers.set(r.ref, secretRef(helper(r.ref), r.ref));
      }
      const value = parts.map((p) => ('ref' in p ? `$(${helper(p.ref)})` : p.text.replaceAll('$', '$$$$'))).join('');
      built.push({ name: v.name, value });
    }
  }
  // Helpers come first: `$(NAME)` expands only variables defined earlier in the list.
  return { config, env: [...direct, ...helpers.values(), ...built], secretKeys: [...keys].sort() };
}
