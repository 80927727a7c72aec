/**
 * Pure validators for the inspector's fields. A field passes what the user typed through one of
 * these; only an `ok` result is written to the store, an error is shown next to the field. They
 * refuse what the loader or the checker (NA027 invalid-address, NA031 unsafe-characters) would
 * refuse, so the editor never writes a value the project file could not hold.
 */
import {
  CONTROL_CHARACTERS,
  CONTROL_CHARACTERS_MULTILINE,
  DOT_SEGMENT,
  ENV_NAME_PATTERN,
  MAX_NAME_LENGTH,
  MAX_REPLICAS,
  MAX_TEXT_LENGTH,
  PATH_PATTERN,
  PORT_RANGE,
  PROPERTY_KEY_PATTERN,
  REGISTRY_PATTERN,
  SECRET_LENGTH,
  TAG_PATTERN,
  IMAGE_PROBLEMS,
  imageReferenceProblem,
  isHostname,
  PORT_NAME_PATTERN,
  transportOf,
} from '../../../shared/model/constraints';

export type Validation<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const ok = <T>(value: T): Validation<T> => ({ ok: true, value });
const fail = (error: string): Validation<never> => ({ ok: false, error });

// The patterns and limits are the ones the loader, the rules and the exporters use (one home:
// shared/model/constraints). Re-exported for the inspector's fields, which show the limits.
export {
  hasControlCharacters,
  MAX_NAME_LENGTH,
  MAX_REPLICAS,
  MAX_TEXT_LENGTH,
  SECRET_LENGTH,
} from '../../../shared/model/constraints';

const CONTROL_MESSAGE = 'Line breaks and control characters are not allowed';

/** Free text on one line (an env value, a property value, a prompt). */
export function validateText(text: string): Validation<string> {
  if (CONTROL_CHARACTERS.test(text)) return fail(CONTROL_MESSAGE);
  if (text.length > MAX_TEXT_LENGTH) return fail(`At most ${MAX_TEXT_LENGTH} characters`);
  return ok(text);
}

/** Multi-line free text (the project description): line breaks and tabs are fine, other control characters not. */
export function validateMultilineText(text: string): Validation<string> {
  if (CONTROL_CHARACTERS_MULTILINE.test(text)) return fail('Control characters are not allowed');
  if (text.length > MAX_TEXT_LENGTH) return fail(`At most ${MAX_TEXT_LENGTH} characters`);
  return ok(text);
}

/** A display name (component or project): not blank, one line, not overly long. */
export function validateName(text: string): Validation<string> {
  if (text.trim() === '') return fail('Enter a name');
  if (CONTROL_CHARACTERS.test(text)) return fail(CONTROL_MESSAGE);
  if (text.length > MAX_NAME_LENGTH) return fail(`At most ${MAX_NAME_LENGTH} characters`);
  return ok(text);
}

/** A DNS host name (RFC 1123), with a reason that points at the usual mistake. */
export function validateHost(text: string): Validation<string> {
  if (text === '') return fail('Enter a host name, e.g. auth.example.com');
  if (CONTROL_CHARACTERS.test(text)) return fail(CONTROL_MESSAGE);
  if (/\s/.test(text)) return fail('Spaces are not allowed in a host name');
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return fail('Enter the host only, without the scheme (https://)');
  if (text.includes('/')) return fail('Enter the host only; the path has its own field');
  if (text.includes(':')) return fail('Enter the host only, without a port');
  if (text.length > 253) return fail('A host name has at most 253 characters');
  if (!isHostname(text)) {
    if (text.startsWith('.') || text.endsWith('.') || text.includes('..')) {
      return fail('Each dot must sit between two labels (no leading, trailing or double dots)');
    }
    if (text.split('.').some((label) => label.length > 63)) return fail('Each label has at most 63 characters');
    if (text.split('.').some((label) => label.startsWith('-') || label.endsWith('-'))) {
      return fail('A label must not start or end with "-"');
    }
    return fail('Use letters, digits, "-" and "." only (RFC 1123)');
  }
  return ok(text);
}

/** A route's path prefix: starts with "/", unreserved characters and %-escapes, no "." or ".." segments. */
export function validatePath(text: string): Validation<string> {
  if (text === '') return fail('Enter a path; "/" serves everything');
  if (CONTROL_CHARACTERS.test(text)) return fail(CONTROL_MESSAGE);
  if (!text.startsWith('/')) return fail('The path must start with "/"');
  if (/\s/.test(text)) return fail('Spaces are not allowed; write them as %20');
  if (text.includes('?') || text.includes('#')) return fail('A path prefix has no query (?) or fragment (#)');
  if (DOT_SEGMENT.test(text)) return fail('"." and ".." segments are not allowed');
  if (!PATH_PATTERN.test(text)) return fail('Use letters, digits, "-", ".", "_", "~", "/" and %-escapes only');
  return ok(text);
}

/** An environment variable name, unique among the component's other variables. */
export function validateEnvName(text: string, taken: Iterable<string> = []): Validation<string> {
  if (text === '') return fail('Enter a variable name');
  if (/^[0-9]/.test(text)) return fail('A variable name must not start with a digit');
  if (!ENV_NAME_PATTERN.test(text)) return fail('Use letters, digits and "_" only');
  for (const other of taken) if (other === text) return fail(`${text} is already set on this component`);
  return ok(text);
}

/** A property key, unique among the component's other properties. */
export function validatePropertyKey(text: string, taken: Iterable<string> = []): Validation<string> {
  if (text === '') return fail('Enter a key');
  if (!PROPERTY_KEY_PATTERN.test(text))
    return fail('Use letters, digits, "_", "-" and "." only, starting with a letter');
  for (const other of taken) if (other === text) return fail(`${text} is already set on this component`);
  return ok(text);
}

/** A whole number in [min, max]; the message names the range. */
export function validateInteger(text: string, min: number, max: number): Validation<number> {
  const t = text.trim();
  if (t === '') return fail(`Enter a number from ${min} to ${max}`);
  if (!/^-?\d+$/.test(t)) return fail(`Enter a whole number from ${min} to ${max}`);
  const n = Number(t);
  if (n < min || n > max) return fail(`Must be from ${min} to ${max}`);
  return ok(n);
}

/** A number property value (any finite number). */
export function validateNumber(text: string): Validation<number> {
  const t = text.trim();
  if (t === '' || !/^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(t)) return fail('Enter a number');
  const n = Number(t);
  return Number.isFinite(n) ? ok(n) : fail('Enter a finite number');
}

export function validateReplicas(text: string): Validation<number> {
  return validateInteger(text, 1, MAX_REPLICAS);
}

export function validateSecretLength(text: string): Validation<number> {
  return validateInteger(text, SECRET_LENGTH.min, SECRET_LENGTH.max);
}

/** A route's public port; empty means the scheme's default port (undefined). */
export function validatePublicPort(text: string): Validation<number | undefined> {
  return text.trim() === '' ? ok(undefined) : validateInteger(text, PORT_RANGE.min, PORT_RANGE.max);
}

/** The image registry prefix of the project settings; empty means none. */
export function validateRegistry(text: string): Validation<string> {
  if (text === '') return ok(text);
  if (CONTROL_CHARACTERS.test(text)) return fail(CONTROL_MESSAGE);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return fail('Leave out the scheme: registry.example.com/nextauth');
  if (/[A-Z]/.test(text)) return fail('A registry path is lower case');
  if (text.endsWith('/')) return fail('Leave out the trailing "/"');
  if (!REGISTRY_PATTERN.test(text)) return fail('Not a registry path, e.g. registry.example.com/nextauth');
  return ok(text);
}

/** A Docker image tag. */
export function validateTag(text: string): Validation<string> {
  if (text === '') return fail('Enter a tag, e.g. latest');
  if (CONTROL_CHARACTERS.test(text)) return fail(CONTROL_MESSAGE);
  if (text.length > 128) return fail('A tag has at most 128 characters');
  if (!TAG_PATTERN.test(text)) return fail('Use letters, digits, "_", "." and "-", not starting with "." or "-"');
  return ok(text);
}

/** A custom container's image: a Docker image reference (the one test: model/constraints, as NA047 and the loader). */
export function validateImage(text: string): Validation<string> {
  const problem = imageReferenceProblem(text.trim());
  if (problem === undefined) return ok(text.trim());
  if (problem === 'empty') return fail('Enter an image, e.g. nginx:1.27 or registry.example.com/team/app:1.0');
  return fail(`The image ${IMAGE_PROBLEMS[problem]}`);
}

/** An image override of a catalog kind: empty (undefined) runs the catalog's image. */
export function validateImageOverride(text: string): Validation<string | undefined> {
  if (text.trim() === '') return ok(undefined);
  return validateImage(text);
}

/** A custom container's port name: what links, routes and publish entries name; unique on the container. */
export function validatePortName(text: string, taken: Iterable<string> = []): Validation<string> {
  if (!PORT_NAME_PATTERN.test(text))
    return fail('1–32 letters, digits, "_", "." or "-", starting with a letter or digit');
  for (const other of taken) if (other === text) return fail(`${text} is already a port of this container`);
  return ok(text);
}

/** A custom container's port number: 1–65535, once per transport (53/tcp and 53/udp may both be there). */
export function validateContainerPort(
  text: string,
  protocol: string,
  others: Iterable<{ readonly number: number; readonly protocol: string }> = [],
): Validation<number> {
  const result = validateInteger(text, PORT_RANGE.min, PORT_RANGE.max);
  if (!result.ok) return result;
  for (const o of others) {
    if (o.number === result.value && transportOf(o.protocol) === transportOf(protocol)) {
      return fail(`Port ${result.value}/${transportOf(protocol)} is already listed`);
    }
  }
  return result;
}
