import { isDeployed } from '../catalog/index';
import type { DeploymentPlan } from './plan';

/**
 * The operator's notes for connection values typed in the project (overrides) whose target the
 * Kubernetes and Swarm exports renamed (their names.ts: ids become valid Service / service names):
 * the export rewrote the typed value's host to the new name (renamed-project.ts), and says so,
 * since the value then differs from the project file. `where` names the renamed thing, e.g. "the
 * cluster's Service".
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
      `${conn.variable} of \`${conn.source.id}\` is typed in the project naming \`${original}\`; ${where} is \`${conn.target.id}\`, and the export writes that name in the value.`,
    );
  }
  return notes;
}
