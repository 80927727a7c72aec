import { renamedProject } from '../renamed-project';
import type { Project } from '../../model/types';
import { dnsLabel } from '../kubernetes/names';

/**
 * Swarm names. A service is `STACK_SERVICE`, and swarmkit accepts a service name only as a DNS
 * label of at most 63 characters (letters, digits, `-` and `_` between them; no `.`). Project ids
 * allow `.` and 64 characters, so the Swarm export plans a copy of the project whose ids are valid
 * service names — then every URI, upstream and Sentinel `monitor` line the plan writes names a
 * service that resolves on the overlay networks unchanged (as the Kubernetes export does with its
 * Service names).
 *
 * Secrets and configs are global objects of the swarm (at most 64 characters): each name starts
 * with the stack's, so two stacks on one swarm never share one.
 */

/** Longest stack name: room for a service name after it. */
const MAX_STACK = 30;
const MAX_SERVICE = 63;
const MAX_OBJECT = 64;

/** The stack name: the compose project name (letters, digits, `-`, `_`), shortened. */
export function stackName(projectName: string): string {
  const s = projectName.slice(0, MAX_STACK).replace(/[^a-z0-9]+$/, '');
  return s === '' ? 'nextauth' : s;
}

export interface SwarmNames {
  readonly project: Project;
  /** Swarm service name (without the stack) → the component id in the project file. */
  readonly originalId: ReadonlyMap<string, string>;
}

/** swarmkit's check of a service name: a DNS label in which `_` may stand between characters too. */
const SERVICE_NAME = /^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$/;

/**
 * Keeps every id that is already a valid service name (as the compose export names it, so a URI
 * the architect typed with that name still resolves) and renames the others, in project order, to
 * a unique label (`-2`, `-3`, … on a clash).
 */
export function swarmNames(project: Project, stack: string): SwarmNames {
  const max = MAX_SERVICE - stack.length - 1;
  const fits = (id: string): boolean => id.length <= max && SERVICE_NAME.test(id);
  const taken = new Set<string>(project.components.map((c) => c.id as string).filter(fits));
  const rename = new Map<string, string>();
  const originalId = new Map<string, string>();
  for (const c of project.components) {
    let name: string = c.id;
    if (!fits(c.id)) {
      const base = dnsLabel(c.id, max);
      name = base;
      for (let n = 2; taken.has(name); n++) {
        const suffix = `-${n}`;
        name = `${base.slice(0, max - suffix.length).replace(/-+$/, '')}${suffix}`;
      }
      taken.add(name);
    }
    rename.set(c.id, name);
    originalId.set(name, c.id);
  }
  return { project: renamedProject(project, rename), originalId };
}

/** FNV-1a, 32 bits, as 8 hex digits: a short, stable fingerprint (not a security measure). */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * A secret or config name from its parts: `_` between them, characters Docker refuses replaced,
 * and, when longer than 64 characters, shortened with a fingerprint of the whole so two long
 * names never meet.
 */
export function objectName(...parts: readonly string[]): string {
  const whole = parts
    .join('_')
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '');
  if (whole.length <= MAX_OBJECT) return whole;
  return `${whole.slice(0, MAX_OBJECT - 9).replace(/[^A-Za-z0-9]+$/, '')}_${fingerprint(whole)}`;
}
