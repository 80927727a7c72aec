import type { ExportFile } from '../types';
import type { NodeLabel } from './placement';
import { CERTS_DIR, CREATE_SCRIPT, DEPLOY_SCRIPT, VALUES_DIR } from './secrets';
import { STACK_FILE } from './stack';

/** The export's README: how an operator deploys the stack, and what the swarm must provide. */

export interface ReadmeFacts {
  readonly stack: string;
  /** Node labels the placement constraints require, each once. */
  readonly labels: readonly NodeLabel[];
  /** `.env` inputs the operator fills in (empty files). */
  readonly inputs: readonly string[];
  readonly tlsHosts: readonly string[];
  /** Public ports of the entry points, published in host mode on the edge nodes. */
  readonly publicPorts: readonly number[];
  /** Things the drawing says that the stack cannot, or where the operator must act, one sentence each. */
  readonly notes: readonly string[];
}

const code = (text: string): string => `\`${text.replaceAll('`', "'")}\``;

export function readme(f: ReadmeFacts): ExportFile {
  const lines = [
    '# Docker Swarm stack',
    '',
    `Written by Portolan from the checked drawing: ${code(STACK_FILE)} (stack ${code(f.stack)}), the proxy and Sentinel configuration files it hands to the services as Swarm configs, and ${code('secrets/')}, which holds every secret value — none is in the stack file.`,
    '',
    '## Deploy',
    '',
    ...(f.labels.length > 0
      ? [
          '1. Label the nodes the placement constraints name (on a manager):',
          ...f.labels.map((l) => `   - ${code(`docker node update --label-add ${l.key}=${l.value} NODE`)}: ${l.why}.`),
        ]
      : []),
    ...(f.inputs.length > 0
      ? [
          `1. Fill in ${f.inputs.map((i) => code(`${VALUES_DIR}/${i}`)).join(', ')} (keep ${code('secrets/')} out of version control).`,
        ]
      : []),
    ...(f.tlsHosts.length > 0
      ? [
          `1. Put each host's certificate and key in ${code(`${CERTS_DIR}/`)}: ${f.tlsHosts.map((h) => code(`${h}.crt`)).join(', ')} and the matching ${code('.key')} files.`,
        ]
      : []),
    `1. ${code(`sh ${CREATE_SCRIPT}`)}: creates the Swarm secrets (it refuses while a file is empty).`,
    `1. ${code(`sh ${DEPLOY_SCRIPT}`)}: ${code(`docker stack deploy --with-registry-auth -c ${STACK_FILE} ${f.stack}`)}; run it again after any change.`,
    '',
    '## What the swarm must provide',
    '',
    '- Between the nodes: 2377/tcp (managers), 7946/tcp and udp, 4789/udp (overlay traffic) and IP protocol 50 (ESP): the overlay networks are encrypted.',
    ...(f.publicPorts.length > 0
      ? [
          `- On the edge nodes, inbound from the internet: ${f.publicPorts.join(', ')}/tcp. The entry points publish them in host mode, so clients keep their own addresses; point DNS at the edge nodes.`,
        ]
      : []),
    '',
    '## Changing a secret',
    '',
    `A Swarm secret cannot change. To replace one: ${code(`docker stack rm ${f.stack}`)}, ${code('docker secret rm NAME')}, edit the file, then run both scripts again. Configs need nothing: their names follow their contents.`,
    '',
    '## Notes',
    '',
    '- Rolling updates replace one task at a time and roll back when it fails; a service with a data volume or host-mode ports stops the old task first. Resources (CPU, memory) are left to you: add `deploy.resources`.',
    ...f.notes.map((n) => `- ${n}`),
    '',
  ];
  return { path: 'README.md', mode: 0o644, contents: lines.join('\n') };
}
