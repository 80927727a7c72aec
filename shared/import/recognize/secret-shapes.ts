import { secretShape, type LiteralSecretShape } from '../../catalog/literal-secrets';
import { nameWords } from './secret-names';

/**
 * "Does this VALUE look like a secret, whatever its variable is called". The catalog already
 * answers for the shapes the checker and exporter know (`secretShape`: PEM private keys, AWS
 * access key ids, GitHub/Slack/Stripe tokens, JSON web tokens, long mixed-case random tokens);
 * an import also meets the two encodings people paste generated keys in, which the catalog's
 * token test leaves out on purpose (it must never flag a digest in a project):
 * - `hex`: at least 32 hex digits (128 bits: `openssl rand -hex 16` and longer) with letters and
 *   digits mixed and at least 2.5 bits of entropy per character (random hex has about 3.6);
 * - `base64`: standard or URL-safe base64 of at least 24 bytes (`openssl rand -base64 24`), with
 *   two or more character classes, random-looking entropy and no runs of letters as words have.
 * Both stay quiet under names that announce a public value (`…_SHA`, `…_COMMIT`, `…_ID`,
 * `…_DIGEST`, `PUBLIC_KEY`), where a long hex string is a digest or an id.
 */
export type SecretShape = LiteralSecretShape | 'hex' | 'base64';

export const SECRET_SHAPE_NAMES: Readonly<Record<SecretShape, string>> = {
  'private-key': 'a PEM private key',
  'aws-access-key': 'an AWS access key id',
  'service-token': 'an access token of a known service',
  jwt: 'a JSON web token',
  token: 'a long random token',
  hex: 'a long random hex string',
  base64: 'random base64 data',
};

/** Name words that announce a public value (a digest, an id, a version, a certificate). */
const PUBLIC_WORDS = new Set([
  'CERT',
  'CERTIFICATE',
  'CHAIN',
  'CA',
  'PUB',
  'PUBLIC',
  'PUBLISHABLE',
  'ID',
  'IDS',
  'DIGEST',
  'HASH',
  'FINGERPRINT',
  'CHECKSUM',
  'SHA',
  'MD5',
  'COMMIT',
  'REVISION',
  'REV',
  'VERSION',
  'BUILD',
  'UUID',
  'GUID',
  'ETAG',
  'TAG',
  'IMAGE',
  'REF',
]);

const MAX = 4096;
const HEX = /^[0-9a-fA-F]+$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const LOWER = /[a-z]/;
const UPPER = /[A-Z]/;

/** The share of neighbouring characters that are both of `letters`. */
function sameCasePairs(text: string, letters: RegExp): number {
  let pairs = 0;
  for (let i = 1; i < text.length; i++) if (letters.test(text[i - 1]!) && letters.test(text[i]!)) pairs++;
  return pairs / (text.length - 1);
}

/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / text.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function looksLikeHexKey(value: string): boolean {
  if (value.length < 32 || value.length > MAX || !HEX.test(value)) return false;
  return /[0-9]/.test(value) && /[a-fA-F]/.test(value) && entropy(value) >= 2.5;
}

function looksLikeBase64Key(value: string): boolean {
  const n = value.length;
  if (n < 32 || n > MAX) return false;
  const padded = BASE64.test(value) && n % 4 === 0;
  if (!padded && !BASE64URL.test(value)) return false;
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/].filter((p) => p.test(value)).length;
  if (classes < 2) return false;
  // In words a lower-case letter mostly follows another (`Application`, `my_service`), in random
  // base64 about one pair in six is two lower-case letters (26/64 squared), likewise upper case.
  // Very high entropy (4.5 bits: more distinct characters than words of that length use) overrules it.
  const bits = entropy(value);
  if ((sameCasePairs(value, LOWER) >= 0.45 || sameCasePairs(value, UPPER) >= 0.45) && bits < 4.5) return false;
  return bits >= 4;
}

/** The shape of secret `value` has, whatever variable `name` is called; undefined when none. */
export function secretShapeOf(name: string, value: string): SecretShape | undefined {
  const known = secretShape(name, value);
  if (known !== undefined) return known;
  const text = value.trim();
  if (nameWords(name).some((w) => PUBLIC_WORDS.has(w) || /^SHA[0-9]+$/.test(w))) return undefined;
  if (looksLikeHexKey(text)) return 'hex';
  if (looksLikeBase64Key(text)) return 'base64';
  return undefined;
}
