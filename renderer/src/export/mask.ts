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

/** A top-level key of a YAML mapping, e.g. `stringData:` (no indentation). */
const TOP_KEY = /^[A-Za-z_][\w-]*:/;
/** An entry of the Secret's data, two spaces in: `  NAME: value`. */
const DATA_ENTRY = /^( {2})([A-Za-z_][\w.-]*):(.*)$/;
const EMPTY_VALUE = /^\s*(""|''|)\s*$/;

/**
 * A Kubernetes Secret manifest (`secrets/secret.yaml`) with every value under `stringData` or
 * `data` replaced by dots. Everything in a Secret is confidential by where it sits, so unlike
 * `.env` no name decides: every filled-in value is hidden, while comments, keys and empty values
 * (what the operator still has to fill in) stay. A value continued on more lines (a YAML block
 * scalar) is hidden line by line.
 */
export function maskSecretManifest(text: string): string {
  let inData = false;
  let hiding = false;
  return text
    .split('\n')
    .map((line) => {
      if (TOP_KEY.test(line)) {
        inData = /^(stringData|data):\s*$/.test(line);
        hiding = false;
        return line;
      }
      if (!inData || line.trim() === '' || /^\s*#/.test(line)) return line;
      const entry = DATA_ENTRY.exec(line);
      if (entry !== null) {
        const [, indent, name, value] = entry;
        hiding = !EMPTY_VALUE.test(value!);
        return hiding ? `${indent}${name}: ${MASK}` : line;
      }
      // Deeper than an entry: the rest of a multi-line value.
      return hiding ? `${line.slice(0, line.length - line.trimStart().length)}${MASK}` : line;
    })
    .join('\n');
}

/**
 * A private file (mode 0600) of a format the dialog does not know, with every line but comments
 * and blank lines hidden: its mode says it holds secrets, and hiding too much is the safe side.
 */
export function maskPrivateFile(text: string): string {
  return text
    .split('\n')
    .map((line) => (line.trim() === '' || /^\s*#/.test(line) ? line : MASK))
    .join('\n');
}

/** What the preview hides in a file, or null when it shows the file as it is. */
export function previewMask(
  file: { readonly path: string; readonly contents: string; readonly mode: number },
  isSecret: (name: string) => boolean,
): ((text: string) => string) | null {
  const name = file.path.slice(file.path.lastIndexOf('/') + 1);
  if (name === '.env') return (text) => maskDotenv(text, isSecret);
  if (/\.ya?ml$/.test(name) && /^kind: Secret\s*$/m.test(file.contents)) return maskSecretManifest;
  // Group and others may not read it: the exporter marked it as holding secrets.
  if ((file.mode & 0o077) === 0) return maskPrivateFile;
  return null;
}
