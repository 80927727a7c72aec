import { secretVariableNames } from '../../../shared/catalog/index';
import { literalSecretNames } from '../../../shared/catalog/literal-secrets';
import { ENV_NAME_PATTERN, isSecretName } from '../../../shared/model/constraints';
import type { Project } from '../../../shared/model/types';

/** What a masked value shows: a fixed width, so the preview does not give away a secret's length. */
export const MASK = '•'.repeat(16);

/**
 * The `.env` variables the export dialog hides: every variable that holds a secret on some
 * component (`isSecretVariable`: catalog mark, secret-like name, or generated at export — the
 * same test the inspector and NA026 use), and every literal the exporter moved out of the
 * compose file because it is a secret by its shape or a URI's password (`literalSecret`, the
 * test the exporter and NA046 use). `.env` is one namespace, so a name that is secret on one
 * component is hidden wherever it is written.
 */
export function dotenvSecrets(project: Pick<Project, 'components'>): (name: string) => boolean {
  const secrets = secretVariableNames(project.components);
  for (const name of literalSecretNames(project.components)) secrets.add(name);
  // A line the drawing does not declare (written by the exporter itself: a URI's password, a value
  // renamed apart from another, `…_PASSWORD` / `…_SECRET`) is hidden by its name alone.
  return (name) => secrets.has(name) || isSecretName(name);
}

/**
 * `.env` with the values of secret variables replaced by dots, so a preview on a shared screen
 * shows no secret. Comments, blank lines and empty values (inputs the operator fills in) stay as
 * written: an empty value hides nothing, and it shows what is left to fill in.
 */
export function maskDotenv(text: string, isSecret: (name: string) => boolean): string {
  return text
    .split('\n')
    .map((line) => {
      const eq = line.indexOf('=');
      if (eq <= 0 || eq === line.length - 1) return line;
      const name = line.slice(0, eq);
      return ENV_NAME_PATTERN.test(name) && isSecret(name) ? `${name}=${MASK}` : line;
    })
    .join('\n');
}
