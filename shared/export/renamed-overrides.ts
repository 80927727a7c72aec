import { isDeployed } from '../catalog/index';
import type { DeploymentPlan } from './plan';

/**
 * The operator's notes for connection values typed in the project (overrides) whose target the
 * Kubernetes and Swarm exports renamed (their names.ts: ids become valid Service / service names):
 * the typed value still names the project's id, which the cluster or stack does not know.
 * `where` names the renamed thing, e.g. "the cluster's Service".
 */
export function renamedOverrideNotes(
  plan: DeploymentPlan,
  originalId: ReadonlyMap<string, string>,
  where: string,
): string[] {
  const notes: string[] = [];
  for (const conn of plan.connections) {
    const original = originalId.get(conn.target.id);
    if (
      conn.override === undefined ||
      !isDeployed(conn.target) ||
      original === undefined ||
      original === conn.target.id
    )
      continue;
    notes.push(
      `${conn.variable} of \`${conn.source.id}\` is typed in the project: where it names \`${original}\`, ${where} is \`${conn.target.id}\`; change the value (or remove it: the drawing's connection is written then).`,
    );
  }
  return notes;
}
