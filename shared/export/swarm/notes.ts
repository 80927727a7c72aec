import { renamedOverrideNotes } from '../renamed-overrides';
import { NEXTAUTH_IMAGE_KINDS } from '../../catalog/index';
import { hasNetworkMode } from '../../model/networks';
import type { DeploymentPlan } from '../plan';
import type { ServiceEnv } from './env';
import { unpublishedPorts } from './ports';

/**
 * What the drawing says that the stack cannot, or where the operator must act, one sentence each
 * for README.md. Names are service names and `.env` names (plain characters), so the Markdown
 * needs no escaping.
 */
export function operatorNotes(
  plan: DeploymentPlan,
  env: ReadonlyMap<string, ServiceEnv>,
  originalId: ReadonlyMap<string, string>,
): string[] {
  const notes: string[] = [];
  const fileForms = plan.services.filter(
    (s) => NEXTAUTH_IMAGE_KINDS.has(s.component.kind) && (env.get(s.name)?.mounts.length ?? 0) > 0,
  );
  if (fileForms.length > 0)
    notes.push(
      `nextAuth's services (${fileForms.map((s) => `\`${s.name}\``).join(', ')}) read each secret from the file its \`NAME_FILE\` variable names, the form nextAuth documents for every option that holds a secret. If your nextAuth version does not, it will report the variable as missing at start.`,
    );
  for (const s of plan.services) {
    const original = originalId.get(s.name);
    if (original !== undefined && original !== s.name)
      notes.push(
        `Component \`${original}\` is the service \`${s.name}\`: Swarm service names allow no \`.\` or upper case and at most 63 characters with the stack's name.`,
      );
  }
  for (const s of plan.services)
    for (const [variable, refs] of env.get(s.name)?.interpolated ?? [])
      notes.push(
        `\`${variable}\` of \`${s.name}\` holds ${refs.map((r) => `\`${r}\``).join(', ')}, and its image reads no \`_FILE\` form: deploy.sh passes the value to \`docker stack deploy\`, so it is in the service definition (\`docker service inspect\`), visible to whoever may manage the swarm.`,
      );
  for (const s of plan.services)
    for (const p of unpublishedPorts(s))
      notes.push(
        `Port ${p.hostPort} of \`${s.name}\` is bound to ${p.binds.join(', ')} only in the drawing. Swarm publishes on every address of a node, so it is not published: reach it with \`docker exec\` or publish it yourself behind a firewall.`,
      );
  for (const s of plan.services)
    if (s.component.kind === 'redis-sentinel' && s.replicas > 1)
      notes.push(
        `The ${s.replicas} Sentinels of \`${s.name}\` keep their quorum through a node failure only on ${s.replicas} different nodes: with fewer, Swarm puts several on one node.`,
      );
  for (const s of plan.services) {
    if (hasNetworkMode(s.component))
      notes.push(
        `\`${s.name}\` has a kept \`network_mode\`, which Swarm does not support: it joins the stack's default network.`,
      );
    const kept = Object.keys(s.component.passThrough ?? {}).sort();
    if (kept.length > 0)
      notes.push(
        `\`${s.name}\` has compose settings kept from an import (${kept.join(', ')}); they are not carried into the stack.`,
      );
  }
  // A typed connection override names the project's id; in the stack the service may be named otherwise.
  notes.push(...renamedOverrideNotes(plan, originalId, "the stack's service"));
  return notes;
}
