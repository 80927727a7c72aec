import { componentDefaults, isComponentKind } from '../../catalog/index';
import { catalogSecretNames } from '../../catalog/secrets';
import { ENV_NAME_PATTERN, isEnvReference, SECRET_LENGTH } from '../../model/constraints';
import type { ComponentKind, Flavour } from '../../model/types';
import { isPasswordName, isSecretByName, isSwitch, nameWords } from './secret-names';
import { SECRET_SHAPE_NAMES, secretShapeOf } from './secret-shapes';
import { uriPasswordSpan } from '../../catalog/literal-secrets';
import { percentDecode, urisIn, wholeUri, type FoundUri } from './uri';

/**
 * What each environment value of an imported service MEANS: text to keep, or a secret whose
 * value must not reach the project file (issue 14: "Secrets in the environment (by name, shape
 * or credentials inside URIs) become generated secrets or operator inputs — their values are
 * never copied into the project file"). Nothing returned here holds a secret's text: a secret is
 * described by its length, a URI keeps everything but its password, which becomes a `${NAME}`
 * reference to a variable of `.env`.
 *
 * The catalog's knowledge wins for the variables it knows: the license is an operator input
 * (catalog defaults), variables it marks secret are secrets. Beyond that:
 * - a URI is judged by its credentials alone (as the catalog's literal-secrets does): with a
 *   password it keeps its text and the password becomes a variable; without one it is text;
 * - a name that says "secret" (see secret-names.ts) makes a value secret, unless the value
 *   cannot be one: empty, a `${VAR}` reference, a file path (`/run/secrets/db`), `:memory:`, a
 *   switch (`MYSQL_ALLOW_EMPTY_PASSWORD=yes`);
 * - a value shaped like a secret (secret-shapes.ts) is one, whatever its name.
 *
 * Generated or filled in: a secret is generated at export (`secret`) only where a fresh random
 * value works — the catalog's own secrets of the kind (database passwords, the root API key),
 * and the account passwords of a recognised database or Redis (the image creates the account
 * from it, and every client's URI is pointed at the same variable). Everything else — keys and
 * certificates, tokens of outside services, any secret of a custom container — must keep its
 * value, so the operator fills it in (`input`), as NA046's fix does.
 */

export interface EnvSubject {
  readonly kind: ComponentKind;
  readonly flavour?: Flavour;
}

/** Why a value counts as secret, in words for the import report. */
export type SecretReason =
  | { readonly by: 'catalog' }
  | { readonly by: 'name' }
  | { readonly by: 'shape'; readonly shape: keyof typeof SECRET_SHAPE_NAMES }
  | { readonly by: 'uri' }
  | { readonly by: 'query' };

export type EnvMeaning =
  | { readonly kind: 'literal'; readonly value: string }
  /** Generated at export, `length` characters. */
  | { readonly kind: 'secret'; readonly length: number; readonly reason: SecretReason }
  /** Filled in by the operator in `.env`, guided by `prompt`. */
  | { readonly kind: 'input'; readonly prompt: string; readonly reason: SecretReason }
  /**
   * A URI whose password moved into variable `secretName`: `uri` is the value with the password
   * replaced by `${secretName}`. The import creates that variable as an operator input with
   * `prompt` (the password belongs to a server the URI names, so a generated one could not
   * match it) — unless classifyEnvironments found another variable holding the same password
   * (`sharedWith`), which `secretName` then names and which already is a secret or an input.
   */
  | {
      readonly kind: 'uri-with-secret';
      readonly uri: string;
      readonly secretName: string;
      readonly prompt: string;
      readonly passwordLength: number;
      readonly reason: SecretReason;
      readonly sharedWith?: { readonly service: string; readonly variable: string };
    };

/** Keys and certificates cannot be random text, and a URI is connected by the drawing (NA046's list). */
const NOT_GENERATED = /(TLS_KEY|PRIVATE_KEY|_URI|_URL)$/;
/** An absolute path to a file: the value names where the secret is, not the secret. */
const FILE_PATH = /^(?:\/[A-Za-z0-9._@+-]+)+\/?$/;
/** A `${NAME}` reference anywhere: the value names a variable of `.env`, not a secret. */
const REFERENCE = new RegExp(`\\$\\{${ENV_NAME_PATTERN.source.slice(1, -1)}\\}`);
/** Every nextAuth license variable of both layouts (NEXTAUTH_LICENSE, NEXTAUTH_NS_LICENSE): the license is an input. */
const LICENSE = /^NEXTAUTH_(?:[A-Z]+_)?LICENSE$/;
const DATA_KINDS: ReadonlySet<ComponentKind> = new Set<ComponentKind>(['database', 'redis', 'redis-sentinel']);

/** The prompt the catalog gives a variable of this kind that the operator fills in, if it does. */
function defaultsPrompt(kind: ComponentKind, flavour: Flavour | undefined, name: string): string | undefined {
  if (!isComponentKind(kind)) return undefined;
  const env = componentDefaults(kind, flavour).environment;
  const v = Object.hasOwn(env, name) ? env[name] : undefined;
  return v?.type === 'input' ? v.prompt : undefined;
}

/**
 * The prompt of a variable the catalog makes an operator input, if it does: its own for this
 * kind, and the nextauth license's for every license variable (the newer layout's NS runs as a
 * custom container, and its license is no less an input).
 */
function catalogInput(subject: EnvSubject, name: string): string | undefined {
  return (
    defaultsPrompt(subject.kind, subject.flavour, name) ??
    (LICENSE.test(name) ? defaultsPrompt('nextauth', undefined, 'NEXTAUTH_LICENSE') : undefined)
  );
}

function catalogSecret(subject: EnvSubject, name: string): boolean {
  return isComponentKind(subject.kind) && catalogSecretNames(subject).has(name);
}

/** A length for the generated replacement: never weaker than the default, never longer than allowed. */
export const generatedLength = (original: number): number =>
  Math.min(SECRET_LENGTH.max, Math.max(SECRET_LENGTH.default, original));

export const inputPrompt = (name: string): string => `Secret value of ${name}`;

/** A URI query parameter whose name says it holds a secret (`?password=…`, `&access_token=…`). */
function secretInQuery(uri: FoundUri): boolean {
  for (const pair of uri.query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && eq < pair.length - 1 && isSecretByName(percentDecode(pair.slice(0, eq)))) return true;
  }
  return false;
}

/** A URI's password as written, when it is one that must move (not empty, not a `${VAR}` reference). */
function passwordOf(value: string, uri: FoundUri): string | undefined {
  if (uri.password === undefined) return undefined;
  const text = value.slice(uri.password.start, uri.password.end);
  return text === '' || REFERENCE.test(text) ? undefined : text;
}

function secretOrInput(
  subject: EnvSubject,
  name: string,
  value: string,
  reason: SecretReason,
  catalog: boolean,
): EnvMeaning {
  const generate =
    (catalog && !NOT_GENERATED.test(name)) ||
    (reason.by === 'name' && DATA_KINDS.has(subject.kind) && isPasswordName(name) && !NOT_GENERATED.test(name));
  return generate
    ? { kind: 'secret', length: generatedLength(value.length), reason }
    : { kind: 'input', prompt: inputPrompt(name), reason };
}

/**
 * The meaning of variable `name` = `value` of a service of kind `subject`. A URI's password
 * goes to `${name}_PASSWORD` (or the first `${name}_N_PASSWORD` not in `taken`).
 */
export function classifyVariable(
  subject: EnvSubject,
  name: string,
  value: string,
  taken: ReadonlySet<string> = new Set(),
): EnvMeaning {
  const prompt = catalogInput(subject, name);
  if (prompt !== undefined) return { kind: 'input', prompt, reason: { by: 'catalog' } };
  const text = value.trim();
  if (text === '' || isEnvReference(text)) return { kind: 'literal', value };
  const catalog = catalogSecret(subject, name);
  const byName = catalog || isSecretByName(name);

  // A variable known to hold a secret is read loosely: a password with an unencoded `/` still ends at its `@`.
  const uris = urisIn(value, byName);
  const withPassword = uris.filter((u) => passwordOf(value, u) !== undefined);
  const whole = wholeUri(value, byName);
  // The catalog's reading (NA046, the exporter) finds a password this reading could not parse around: never keep it.
  const unreadable = withPassword.length === 0 && uriPasswordSpan(text) !== undefined;
  if (withPassword.length > 0 || unreadable || uris.some(secretInQuery)) {
    // One URI that is the whole value keeps its text; credentials inside longer text (several
    // URIs, a command line) cannot be cut out reliably, so the whole value becomes an input.
    if (whole !== undefined && withPassword.length === 1 && !secretInQuery(whole)) {
      const span = whole.password!;
      const secretName = freshName(name, taken);
      return {
        kind: 'uri-with-secret',
        uri: `${value.slice(0, span.start)}\${${secretName}}${value.slice(span.end)}`,
        secretName,
        prompt: `Password inside ${name}`,
        passwordLength: span.end - span.start,
        reason: { by: 'uri' },
      };
    }
    const reason: SecretReason = { by: withPassword.length > 0 || unreadable ? 'uri' : 'query' };
    return { kind: 'input', prompt: inputPrompt(name), reason };
  }
  const shape = secretShapeOf(name, value);
  // A URI without credentials is text (a shape inside it, like a token in its user, still counts).
  if (uris.length > 0 && shape === undefined) return { kind: 'literal', value };
  if (
    byName &&
    shape === undefined &&
    (REFERENCE.test(text) || FILE_PATH.test(text) || text === ':memory:' || isSwitch(name, text))
  )
    return { kind: 'literal', value };
  if (byName) return secretOrInput(subject, name, value, { by: catalog ? 'catalog' : 'name' }, catalog);
  if (shape !== undefined) return { kind: 'input', prompt: inputPrompt(name), reason: { by: 'shape', shape } };
  return { kind: 'literal', value };
}

/**
 * The URI `classifyVariable` read from the value, as it read it (the same loose or strict
 * reading), for a caller that must compare the password it moved. Undefined unless the meaning
 * is `uri-with-secret`.
 */
export function movedPasswordUri(subject: EnvSubject, name: string, value: string): FoundUri | undefined {
  const uri = wholeUri(value, catalogSecret(subject, name) || isSecretByName(name));
  return uri !== undefined && passwordOf(value, uri) !== undefined ? uri : undefined;
}

/** `${name}_PASSWORD`, or the first `${name}_N_PASSWORD` not taken. */
export function freshName(name: string, taken: ReadonlySet<string>): string {
  const base = nameWords(name).length > 0 ? name : 'URI';
  if (!taken.has(`${base}_PASSWORD`)) return `${base}_PASSWORD`;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}_PASSWORD`)) return `${base}_${i}_PASSWORD`;
}

/** How the report describes a reason. */
export function describeReason(reason: SecretReason): string {
  switch (reason.by) {
    case 'catalog':
      return 'the catalog marks it secret';
    case 'name':
      return 'its name says it is secret';
    case 'shape':
      return `its value is ${SECRET_SHAPE_NAMES[reason.shape]}`;
    case 'uri':
      return 'it carries a password inside a URI';
    case 'query':
      return 'it carries a secret in a URI query';
  }
}
