import { ENV_NAME_PATTERN } from '../model/constraints';
import type { Component } from '../model/types';
import { isSecretVariable } from './secrets';

/**
 * The one answer to "is this literal value a secret written in clear text". NA046 reports it
 * (NA026 when it is empty or a sample value), the exporter moves it out of docker-compose.yml
 * (mode 0644) into `.env` (0600), and the export dialog masks it — all three ask here, so what
 * is reported, what is moved and what is hidden cannot drift apart.
 *
 * A literal is a secret in clear text when any of these holds:
 * - **by variable**: the variable holds a secret (`isSecretVariable`: the catalog marks it, or
 *   its name says so) and the value is secret material — not a `${VAR}` reference, not a file
 *   path (`/run/secrets/db`), not a URI (a URI is judged by its credentials alone), not `:memory:`;
 * - **by shape**, whatever the variable is called: a PEM private key, an AWS access key id
 *   (`AKIA…`, `ASIA…`), a GitHub, Slack or Stripe live token, a JSON web token, or a long token
 *   of mixed letters and digits with high entropy (see `looksLikeToken`: conservative, so that
 *   names, paths, UUIDs, digests and hex ids do not trip it);
 * - **credentials inside a URI** (`scheme://user:password@host`), unless the password is empty
 *   or holds a `${VAR}` reference.
 */

export type LiteralSecretShape = 'private-key' | 'aws-access-key' | 'service-token' | 'jwt' | 'token';

export type LiteralSecret =
  /** The whole value is the secret: it moves into `.env` under the variable's name. */
  | { readonly kind: 'variable' }
  | { readonly kind: 'shape'; readonly shape: LiteralSecretShape }
  /** Only the password of a URI is: `value.slice(start, end)`; the rest of the URI stays readable. */
  | { readonly kind: 'uri-password'; readonly start: number; readonly end: number };

/** How each shape is named in a message. */
export const SHAPE_NAMES: Readonly<Record<LiteralSecretShape, string>> = {
  'private-key': 'a PEM private key',
  'aws-access-key': 'an AWS access key id',
  'service-token': 'an access token of a known service',
  jwt: 'a JSON web token',
  token: 'a long random token',
};

// `${NAME}` anywhere in a text (the name pattern's own anchors dropped).
const REFERENCE = new RegExp(`\\$\\{${ENV_NAME_PATTERN.source.slice(1, -1)}\\}`);
const URI_AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s]*)/i;
const URI_START = /^[a-z][a-z0-9+.-]*:\/\//i;
/** An absolute path to a file: the value names where the secret is, not the secret. */
const FILE_PATH = /^(?:\/[A-Za-z0-9._@+-]+)+\/?$/;

const PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/;
const AWS_ACCESS_KEY = /(?:^|[^A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/;
const SERVICE_TOKENS: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{36,}/, // GitHub
  /\bgithub_pat_[A-Za-z0-9_]{40,}/, // GitHub fine-grained
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/, // Slack
  /\b[sr]k_live_[A-Za-z0-9]{16,}/, // Stripe live secret and restricted keys
];
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}/;

/** Variables whose values are public by their name even when they look random. */
const PUBLIC_BY_NAME = /(CERT|CERTIFICATE|CHAIN|_CA|PUB|PUBLIC_KEY|_ID|DIGEST|HASH|FINGERPRINT|CHECKSUM|SHA\d*)$/i;

const TOKEN_ALPHABET = /^[A-Za-z0-9+/=_-]+$/;
const TOKEN_MIN = 32;
const TOKEN_MAX = 4096;

// Words as a text splits into them: a capitalised or lower-case run, an upper-case run, a number.
const WORDS = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g;

/**
 * A long random token: at least 32 characters of the base64/base64url alphabet (few of them
 * `+/=_-`), upper and lower case letters and digits mixed, a Shannon entropy of at least 4 bits
 * per character, and short "words": split at case changes and digits, random text falls into
 * pieces under 3.2 characters on average, while names, host names and sentences run longer
 * (`MyCompanyProductionCluster2024` averages 5.7). Hex (digests, git ids, UUIDs) has one case
 * only and never counts. Measured over 20,000 random base62 tokens of 32 characters, 99 % pass;
 * the rest is the price of not flagging ordinary values.
 */
export function looksLikeToken(value: string): boolean {
  const n = value.length;
  if (n < TOKEN_MIN || n > TOKEN_MAX || value.startsWith('/') || !TOKEN_ALPHABET.test(value)) return false;
  let upper = 0;
  let lower = 0;
  let digit = 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i);
    counts.set(c, (counts.get(c) ?? 0) + 1);
    if (c >= 65 && c <= 90) upper++;
    else if (c >= 97 && c <= 122) lower++;
    else if (c >= 48 && c <= 57) digit++;
  }
  if (upper === 0 || lower === 0 || digit === 0) return false;
  const alphanumeric = upper + lower + digit;
  if (n - alphanumeric > n * 0.15) return false;
  const words = value.match(WORDS)?.length ?? 1;
  if (alphanumeric / words >= 3.2) return false;
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / n;
    entropy -= p * Math.log2(p);
  }
  return entropy >= 4;
}

/** The shape of a secret the value holds, whatever its variable is called; undefined when none. */
export function secretShape(name: string, value: string): LiteralSecretShape | undefined {
  if (value.length < 16) return undefined; // every shape below is longer: keep the common case cheap
  if (PRIVATE_KEY.test(value)) return 'private-key';
  if (AWS_ACCESS_KEY.test(value)) return 'aws-access-key';
  if (SERVICE_TOKENS.some((p) => p.test(value))) return 'service-token';
  if (JWT.test(value)) return 'jwt';
  if (!PUBLIC_BY_NAME.test(name) && looksLikeToken(value.trim())) return 'token';
  return undefined;
}

/**
 * Where the password of `scheme://user:password@host…` is in `value`, when the URI carries one
 * literally (not empty, no `${VAR}` reference). The user info ends at the last `@` of the
 * authority, so a password with an unencoded `@` is found whole.
 */
export function uriPasswordSpan(value: string): { readonly start: number; readonly end: number } | undefined {
  const m = URI_AUTHORITY.exec(value);
  if (!m) return undefined;
  const authority = m[1]!;
  const at = authority.lastIndexOf('@');
  if (at < 0) return undefined;
  const colon = authority.indexOf(':');
  if (colon < 0 || colon > at) return undefined;
  const password = authority.slice(colon + 1, at);
  if (password === '' || REFERENCE.test(password)) return undefined;
  const start = m[0].length - authority.length + colon + 1;
  return { start, end: start + password.length };
}

// For a variable that holds a secret anyway: a password with an unencoded `/` (`root:pa/ss@db`)
// ends the authority early, so read `user:password@` up to the first `@` instead.
const LOOSE_CREDENTIALS = /^([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s]*)@/i;

function loosePasswordSpan(value: string): { readonly start: number; readonly end: number } | undefined {
  const m = LOOSE_CREDENTIALS.exec(value);
  if (!m || m[2] === '' || REFERENCE.test(m[2]!)) return undefined;
  return { start: m[1]!.length, end: m[1]!.length + m[2]!.length };
}

/** The password a URI carries literally (see `uriPasswordSpan`), or undefined. */
export function uriPassword(value: string): string | undefined {
  const span = uriPasswordSpan(value);
  return span === undefined ? undefined : value.slice(span.start, span.end);
}

/** Values of a secret variable that are not the secret itself. */
function notSecretMaterial(value: string): boolean {
  const text = value.trim();
  return text === '' || text === ':memory:' || REFERENCE.test(text) || FILE_PATH.test(text) || URI_START.test(text);
}

type Subject = Pick<Component, 'kind' | 'flavour'> & { readonly environment?: Component['environment'] };

/**
 * Whether the literal `value` of variable `name` of `component` is a secret written in clear
 * text, and which part of it is; undefined when it is not. Empty and sample values count too
 * (NA026 reports those as weak, NA046 the rest); the exporter moves every one.
 */
export function literalSecret(component: Subject, name: string, value: string): LiteralSecret | undefined {
  const text = value.trimStart();
  const secretVariable = isSecretVariable(component, name);
  const span = uriPasswordSpan(text) ?? (secretVariable ? loosePasswordSpan(text) : undefined);
  if (span !== undefined) {
    const offset = value.length - text.length;
    return { kind: 'uri-password', start: span.start + offset, end: span.end + offset };
  }
  if (secretVariable && !notSecretMaterial(value)) return { kind: 'variable' };
  const shape = secretShape(name, value);
  return shape === undefined ? undefined : { kind: 'shape', shape };
}

/** The part of the value that is secret: the whole value, or a URI's password. */
export const secretText = (value: string, secret: LiteralSecret): string =>
  secret.kind === 'uri-password' ? value.slice(secret.start, secret.end) : value;

/**
 * Every variable name whose literal value is a secret on some component (`literalSecret`): the
 * names the exporter moves into `.env` under their own name. (A URI's password and a renamed
 * value go under a name that ends like a secret, `…_PASSWORD` or `…_SECRET`.)
 */
export function literalSecretNames(
  components: readonly Pick<Component, 'kind' | 'flavour' | 'environment'>[],
): Set<string> {
  const names = new Set<string>();
  for (const c of components) {
    for (const name of Object.keys(c.environment)) {
      const v = c.environment[name]!;
      if (v.type === 'literal' && v.value !== '' && literalSecret(c, name, v.value) !== undefined) names.add(name);
    }
  }
  return names;
}

/**
 * The value as a message or a screen may show it: a URI's password as `***`, a value that is a
 * secret as a whole as `(secret not shown)`, anything else as it is. For rules that quote a
 * value back (an invalid URL, a URL that names the drawing, a control character): a secret must
 * not reach a terminal, a CI log or DEPLOYMENT.md through a message.
 */
export function withoutSecret(component: Subject, name: string, value: string): string {
  const secret = literalSecret(component, name, value);
  if (secret === undefined) return value;
  if (secret.kind !== 'uri-password') return '(secret not shown)';
  return `${value.slice(0, secret.start)}***${value.slice(secret.end)}`;
}
