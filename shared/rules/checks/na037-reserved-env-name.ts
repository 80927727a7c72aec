import { literalSecret } from '../../catalog/literal-secrets';
import { reservedEnvPrefix } from '../../model/constraints';
import { componentRef, named } from '../context';
import { DOCS } from '../docs';
import type { Rule } from '../types';

/** Who reads a variable of each reserved prefix instead of the container. */
const READER: Readonly<Record<string, string>> = {
  COMPOSE_: 'docker-compose reads variables of that prefix from .env itself (COMPOSE_FILE, COMPOSE_PROFILES, …)',
  DOCKER_:
    'Docker and docker-compose read variables of that prefix from the environment and .env themselves (DOCKER_HOST, …)',
  PORTOLAN_: "the exporter writes its own settings under that prefix (the nextAuth images' registry and tag)",
};

/**
 * Every environment variable reaches `.env`, which docker-compose reads for itself before any
 * container sees it. A name with a reserved prefix (`reservedEnvPrefix`, one home in
 * constraints) would change how compose runs the stack — another compose file, another Docker
 * host — or overwrite the exporter's own setting. No quick fix: a renamed variable is one the
 * image no longer reads, which only the architect can judge.
 */
export const NA037: Rule = {
  id: 'NA037',
  name: 'reserved-env-name',
  title: 'Environment variable name reserved by docker-compose, Docker or Portolan',
  severity: 'error',
  docs: DOCS.composeEnv,
  why: 'docker-compose and Docker read COMPOSE_* and DOCKER_* variables from .env themselves, and PORTOLAN_* are the exporter’s own, so such a variable would change how the stack runs instead of reaching a container.',
  *check(ctx) {
    for (const { component, name, value } of ctx.environment) {
      // A custom container's plain literal is written into its compose `environment:` only, never
      // into .env, so nothing but the container reads it (DOCKER_HOST of a CI runner, say). A literal
      // secret is moved into .env under its name (moveLiteralSecrets), so it still counts.
      if (
        component.kind === 'container' &&
        value.type === 'literal' &&
        literalSecret(component, name, value.value) === undefined
      ) {
        continue;
      }
      const prefix = reservedEnvPrefix(name);
      if (prefix === undefined) continue;
      yield {
        message: `${name} of ${named(component)} starts with ${prefix}: ${READER[prefix] ?? 'that prefix is reserved'}; rename the variable`,
        elements: [componentRef(component)],
      };
    }
  },
};
