import { isSecretName } from '../../model/constraints';

/**
 * "Does this variable's NAME say it holds a secret", for names an import meets in foreign
 * compose files (`DB_PASS`, `dbPassword`, `SECRET_KEY_BASE`, `AWS_SECRET_ACCESS_KEY`), where the
 * model's own test (`isSecretName`, a suffix pattern for the names Portolan writes) is too
 * narrow. The name is split into words — at `_`, `-`, `.`, case changes and digits — so that
 * `KEY` counts as a word (`API_KEY`, `KEY`) but not inside another (`MONKEY`, `KEYCLOAK_URL`).
 *
 * A name is secret when one of its words is a secret word and every word after the last such
 * word only says how the secret is written (`SECRET_KEY_BASE`, `PASSWORD_B64`, `TOKEN_2`); any
 * other word after it makes the name about the secret rather than the secret itself
 * (`PASSWORD_FILE`, `TOKEN_TTL`, `KEY_ID`, `SESSION_KEY_PREFIX`, `PRIVATE_NETWORK`). A word
 * right before it can say the same (`PUBLIC_KEY`, `PUBLISHABLE_KEY`).
 */

/** Words that name secret material. */
const SECRET_WORDS = new Set([
  'PASSWORD',
  'PASSWORDS',
  'PASSWD',
  'PASS',
  'PWD',
  'PASSPHRASE',
  'HTPASSWD',
  'SECRET',
  'SECRETS',
  'TOKEN',
  'TOKENS',
  'KEY',
  'KEYS',
  'APIKEY',
  'PRIVKEY',
  'PRIVATE',
  'CREDENTIAL',
  'CREDENTIALS',
  'CREDS',
  'SALT',
  'PEPPER',
  'HMAC',
]);

/** Words that may follow a secret word and still name the secret itself. */
const STILL_SECRET = new Set([
  'KEY',
  'SECRET',
  'TOKEN',
  'BASE',
  'VALUE',
  'DATA',
  'RAW',
  'STRING',
  'TEXT',
  'CONTENT',
  'CONTENTS',
  'B64',
  // `B64` splits into B and 64 (digits end a word).
  'B',
  'BASE64',
  'HEX',
  'PEM',
  'ENCODED',
  'ACCESS',
  'PHRASE',
]);

/** Words right before a secret word that make it public. */
const PUBLIC_BEFORE = new Set(['PUBLIC', 'PUB', 'PUBLISHABLE']);

/** Words that make a `yes`/`true`/`1` value a switch rather than a password (`MYSQL_ALLOW_EMPTY_PASSWORD=yes`). */
const SWITCH_WORDS = new Set([
  'ALLOW',
  'RANDOM',
  'EMPTY',
  'ENABLE',
  'ENABLED',
  'DISABLE',
  'DISABLED',
  'USE',
  'REQUIRE',
  'REQUIRED',
  'SKIP',
  'GENERATE',
  'NO',
  'WITHOUT',
]);

// A capitalised or lower-case run, an upper-case run (not the capital of the next word), digits.
const WORD = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|[0-9]+/g;

/** The words of a variable name, upper-cased: `dbPassword2` → DB, PASSWORD, 2. */
export function nameWords(name: string): string[] {
  return (name.match(WORD) ?? []).map((w) => w.toUpperCase());
}

const isDigits = (w: string): boolean => /^[0-9]+$/.test(w);

/** Whether the name says the variable holds a secret (see above). */
export function isSecretByName(name: string): boolean {
  const words = nameWords(name);
  let last = -1;
  for (let i = 0; i < words.length; i++) if (SECRET_WORDS.has(words[i]!)) last = i;
  if (last < 0) return isSecretName(name);
  for (let i = last + 1; i < words.length; i++) {
    const w = words[i]!;
    if (!STILL_SECRET.has(w) && !isDigits(w)) return false;
  }
  // `SECRET_KEY`: the word before counts too (`PUBLIC_KEY` is public, `ACCESS_KEY` is not).
  const before = last > 0 ? words[last - 1]! : '';
  return !PUBLIC_BEFORE.has(before);
}

const SWITCH_VALUE = /^(?:true|false|yes|no|on|off|0|1|y|n)$/i;

/** `MYSQL_ALLOW_EMPTY_PASSWORD=yes`: a secret-sounding name holding a switch, not a secret. */
export function isSwitch(name: string, value: string): boolean {
  return SWITCH_VALUE.test(value.trim()) && nameWords(name).some((w) => SWITCH_WORDS.has(w));
}

/** Words that say the secret is a password an account is created with (the image makes the account). */
const PASSWORD_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASS', 'PWD']);
export const isPasswordName = (name: string): boolean => nameWords(name).some((w) => PASSWORD_WORDS.has(w));
