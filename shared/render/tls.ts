/**
 * Where TLS ends, from the public URLs: at the entry point that terminates it, and at the target
 * when the entry point re-encrypts or passes TLS through. Plain `http`/`ws` URLs carry no TLS.
 */
import type { ComponentId, Project } from '../model/types';

/** Component ids where TLS ends, in document order. */
export function tlsEnds(project: Project): ComponentId[] {
  const ends = new Set<ComponentId>();
  for (const r of project.routes) {
    if (r.scheme !== 'https' && r.scheme !== 'wss') continue;
    if (r.tls.terminate) ends.add(r.via);
    if (r.tls.reencrypt || !r.tls.terminate) ends.add(r.target);
  }
  return project.components.filter((c) => ends.has(c.id)).map((c) => c.id);
}
