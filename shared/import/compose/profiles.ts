/**
 * Which services are active for the given `--profile` names (compose-spec 15-profiles.md;
 * compose-go types/project.go `WithProfiles` and `HasProfile`, loader/validate.go
 * `checkConsistency`, read at commit e70e961c3a3a):
 *
 * - a service without `profiles` (or with an empty list) is always active;
 * - a service with profiles is active when one of them is given, or when `*` is given;
 * - `depends_on` does not activate anything: compose activates a disabled dependency only for a
 *   service named on the command line (`WithServicesEnabled`), which an import has none of.
 *   An active service that depends on a service that is not active (or not defined) is refused
 *   as compose refuses it — `service "x" depends on undefined service "y"` — unless the
 *   dependency is defined (only disabled) and says `required: false`;
 * - a profile no service uses is reported as `unknown-profile`, a warning (compose ignores it).
 */
import type { ImportProblem, SourcePos } from '../types';
import { fail } from './failure';
import { entryAt, isNull } from './tree-path';
import type { CMap, CNode } from './tree';

export interface ServiceDef {
  readonly name: string;
  readonly at: SourcePos;
  readonly node: CMap;
}

export interface Activation {
  readonly active: readonly ServiceDef[];
  readonly inactive: readonly ServiceDef[];
}

function profilesOf(service: CMap): string[] {
  const p = entryAt(service, 'profiles')?.value;
  if (p === undefined || isNull(p)) return [];
  if (p.kind !== 'seq') fail('wrong-type', '`profiles` must be a list of profile names', p.at);
  return p.items.map((item) => {
    if (item.kind !== 'scalar' || typeof item.value !== 'string')
      fail('wrong-type', 'a profile name must be text', item.at);
    return item.value;
  });
}

/** Each dependency of a service: its name, where it is written, and whether compose requires it. */
function dependenciesOf(service: CMap): { name: string; at: SourcePos; required: boolean }[] {
  const d: CNode | undefined = entryAt(service, 'depends_on')?.value;
  if (d === undefined || isNull(d)) return [];
  if (d.kind === 'seq') {
    return d.items.flatMap((item) =>
      item.kind === 'scalar' && typeof item.value === 'string'
        ? [{ name: item.value, at: item.at, required: true }]
        : [],
    );
  }
  if (d.kind !== 'map') fail('wrong-type', '`depends_on` must be a list of services or a mapping', d.at);
  return d.entries.map((e) => {
    const required = e.value.kind === 'map' ? entryAt(e.value, 'required')?.value : undefined;
    const notRequired = required?.kind === 'scalar' && (required.value === false || required.value === 'false');
    return { name: e.key, at: e.keyAt, required: !notRequired };
  });
}

/**
 * Splits `services` into active and inactive ones for `profiles`. Warnings go to `warnings`
 * (before a refused dependency stops the load, so they travel with the error); `where` is where
 * they point.
 */
export function activate(
  services: readonly ServiceDef[],
  profiles: readonly string[],
  where: SourcePos,
  warnings: ImportProblem[],
): Activation {
  const wanted = new Set(profiles);
  const all = wanted.has('*');
  const used = new Set<string>();
  const active: ServiceDef[] = [];
  const inactive: ServiceDef[] = [];
  const own = new Map<string, string[]>();
  for (const s of services) {
    const mine = profilesOf(s.node);
    own.set(s.name, mine);
    for (const p of mine) used.add(p);
    if (mine.length === 0 || all || mine.some((p) => wanted.has(p))) active.push(s);
    else inactive.push(s);
  }
  for (const p of profiles) {
    if (p === '*' || used.has(p)) continue;
    warnings.push({
      code: 'unknown-profile',
      severity: 'warning',
      message: `no service has the profile "${p}"`,
      at: where,
    });
  }
  const activeNames = new Set(active.map((s) => s.name));
  for (const s of active) {
    for (const dep of dependenciesOf(s.node)) {
      const profilesOfDep = own.get(dep.name);
      // `required: false` excuses a disabled dependency only, not an undefined one (checkConsistency).
      if (activeNames.has(dep.name) || (!dep.required && profilesOfDep !== undefined)) continue;
      const why =
        profilesOfDep === undefined
          ? 'no such service is defined'
          : `it is not active: its profiles (${profilesOfDep.join(', ')}) are not among those given`;
      fail('invalid-value', `service "${s.name}" depends on undefined service "${dep.name}": ${why}`, dep.at);
    }
  }
  return { active, inactive };
}
