/**
 * Docker image references (`nginx`, `bitnami/redis:7.2`, `registry.example.com:5000/team/app@sha256:…`)
 * read exactly as Docker reads the `image:` of a compose service: the grammar and normalisation of
 * the distribution reference package (github.com/distribution/reference, formerly
 * github.com/docker/distribution/reference — reference.go, regexp.go and normalize.go, which
 * `docker compose` uses through ParseNormalizedNamed / ParseDockerRef):
 *
 *     reference        := name [ ":" tag ] [ "@" digest ]
 *     name             := [domain '/'] remote-name
 *     domain           := host [':' port-number]
 *     host             := domain-name | "[" IPv6address "]"
 *     domain-name      := domain-component ['.' domain-component]*
 *     domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
 *     path-component   := alpha-numeric [separator alpha-numeric]*      (alpha-numeric := /[a-z0-9]+/)
 *     separator        := /[_.]|__|[-]+/
 *     tag              := /[\w][\w.-]{0,127}/
 *     digest           := algorithm ":" hex    (hex := /[0-9a-fA-F]{32,}/)
 *
 * Normalisation (normalize.go, splitDockerDomain): the first `/`-separated component is the
 * registry when it is `localhost`, contains `.` or `:`, or has an upper-case letter; otherwise
 * the registry is Docker Hub (`docker.io`, also for `index.docker.io`), and a one-component Hub
 * name gets the `library/` namespace of the official images (`nginx` → `docker.io/library/nginx`).
 * A 64-digit hex string alone is an image id, not a name; a repository name must be lower-case;
 * the path is at most 255 characters; a digest's algorithm must be one go-digest knows (sha256,
 * sha384, sha512), with exactly its length of lower-case hex.
 *
 * Instead of one large regular expression (backtracking over a hostile 5 MB value), the text is
 * split where the grammar forces it — the digest after the only `@`, the tag after the last `:`
 * that follows the last `/` — and each part is checked with an anchored expression of the
 * grammar; the two are equivalent because no part may contain the other parts' separators.
 */

export interface ImageRef {
  /** The registry host (and port) after normalisation: `docker.io` for Docker Hub. */
  readonly domain: string;
  /** The repository path after normalisation: `library/nginx`, `bitnami/redis`, `team/app`. */
  readonly path: string;
  readonly tag?: string;
  /** `algorithm:hex`, e.g. `sha256:…`. */
  readonly digest?: string;
  /** `domain/path`, e.g. `docker.io/library/nginx`. */
  readonly name: string;
  /** The name as `docker` prints it: `nginx`, `bitnami/redis`, `registry.example.com/team/app`. */
  readonly familiar: string;
  /** The last path component, the repository's own name: `nginx`, `redis`, `app`. */
  readonly repository: string;
  /** The path components before it (`bitnami`, `team/sub`); empty for a one-component path. */
  readonly namespace: string;
}

/** Why a text is not an image reference; each is one of the distribution package's errors. */
export type ImageRefProblem =
  | 'empty' // ErrNameEmpty
  | 'identifier' // "cannot specify 64-byte hexadecimal strings"
  | 'uppercase' // ErrNameContainsUppercase
  | 'invalid-format' // ErrReferenceInvalidFormat
  | 'name-too-long' // ErrNameTooLong
  | 'digest-unsupported' // go-digest ErrDigestUnsupported
  | 'digest-invalid'; // go-digest ErrDigestInvalidFormat / ErrDigestInvalidLength

export const IMAGE_REF_PROBLEMS: Readonly<Record<ImageRefProblem, string>> = {
  empty: 'is empty',
  identifier: 'is a 64-digit image id, not a repository name',
  uppercase: 'has upper-case letters in its repository name',
  'invalid-format': 'is not an image reference (registry/name:tag@digest)',
  'name-too-long': 'has a repository name longer than 255 characters',
  'digest-unsupported': 'has a digest of an algorithm Docker does not know (sha256, sha384, sha512)',
  'digest-invalid': 'has a digest whose hex part has the wrong length or characters',
};

export type ImageRefResult =
  { readonly ok: true; readonly ref: ImageRef } | { readonly ok: false; readonly problem: ImageRefProblem };

// regexp.go, part by part.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_AND_PORT = new RegExp(
  `^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?$`,
);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^\w[\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const IDENTIFIER = /^[a-f0-9]{64}$/;
/** go-digest's registered algorithms and their lengths of lower-case hex (algorithm.go). */
const DIGEST_HEX: Readonly<Record<string, RegExp>> = {
  sha256: /^[a-f0-9]{64}$/,
  sha384: /^[a-f0-9]{96}$/,
  sha512: /^[a-f0-9]{128}$/,
};
/** go-digest's DigestRegexpAnchored: what a digest of an unknown algorithm must look like to be "unsupported". */
const ANY_DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

const MAX_PATH = 255;
const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const OFFICIAL_PREFIX = 'library/';

/** normalize.go splitDockerDomain: the registry and the rest (path, tag, digest). */
function splitDockerDomain(s: string): [domain: string, remainder: string] {
  const slash = s.indexOf('/');
  if (slash < 0) return [DEFAULT_DOMAIN, OFFICIAL_PREFIX + s];
  const first = s.slice(0, slash);
  const rest = s.slice(slash + 1);
  let domain: string;
  let remainder: string;
  if (first === 'localhost') [domain, remainder] = [first, rest];
  else if (first === LEGACY_DEFAULT_DOMAIN) [domain, remainder] = [DEFAULT_DOMAIN, rest];
  else if (first.includes('.') || first.includes(':')) [domain, remainder] = [first, rest];
  else if (first.toLowerCase() !== first) [domain, remainder] = [first, rest];
  else [domain, remainder] = [DEFAULT_DOMAIN, s];
  if (domain === DEFAULT_DOMAIN && !remainder.includes('/')) remainder = OFFICIAL_PREFIX + remainder;
  return [domain, remainder];
}

const isRemoteName = (path: string): boolean => path.split('/').every((c) => PATH_COMPONENT.test(c));

/**
 * reference.go Parse: the name, tag and digest of `s`, the name split into domain and path as
 * anchoredNameRegexp does (the first component is the domain when it matches domainAndPort and
 * the rest is a remote name; otherwise there is no domain).
 */
interface Parsed {
  readonly ok: true;
  readonly domain: string;
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

function parse(s: string): Parsed | { readonly ok: false; readonly problem: ImageRefProblem } {
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return { ok: false, problem: 'invalid-format' };
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return { ok: false, problem: 'invalid-format' };
  }
  let domain = '';
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash > 0 && DOMAIN_AND_PORT.test(rest.slice(0, slash)) && isRemoteName(rest.slice(slash + 1))) {
    domain = rest.slice(0, slash);
    path = rest.slice(slash + 1);
  } else if (!isRemoteName(rest)) {
    return { ok: false, problem: 'invalid-format' };
  }
  if (path.length > MAX_PATH) return { ok: false, problem: 'name-too-long' };
  if (digest !== undefined) {
    const problem = digestProblem(digest);
    if (problem !== undefined) return { ok: false, problem };
  }
  return { ok: true, domain, path, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

/** go-digest Digest.Validate. */
function digestProblem(digest: string): ImageRefProblem | undefined {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const hex = Object.hasOwn(DIGEST_HEX, algorithm) ? DIGEST_HEX[algorithm] : undefined;
  if (hex === undefined) return ANY_DIGEST.test(digest) ? 'digest-unsupported' : 'digest-invalid';
  return hex.test(digest.slice(colon + 1)) ? undefined : 'digest-invalid';
}

/** normalize.go ParseNormalizedNamed: an `image:` value as Docker pulls it. */
export function parseImageRef(text: string): ImageRefResult {
  if (text === '') return { ok: false, problem: 'empty' };
  if (IDENTIFIER.test(text)) return { ok: false, problem: 'identifier' };
  const [domain, remainder] = splitDockerDomain(text);
  const tagAt = remainder.indexOf(':');
  const remote = tagAt < 0 ? remainder : remainder.slice(0, tagAt);
  if (remote.toLowerCase() !== remote) return { ok: false, problem: 'uppercase' };
  const full = `${domain}/${remainder}`;
  const parsed = parse(full);
  if (!parsed.ok) {
    // reference.go: a text that parses once lower-cased failed only for its case.
    const lower = full.toLowerCase();
    if (parsed.problem === 'invalid-format' && lower !== full && parse(lower).ok)
      return { ok: false, problem: 'uppercase' };
    return parsed;
  }
  const slash = parsed.path.lastIndexOf('/');
  const name = parsed.domain === '' ? parsed.path : `${parsed.domain}/${parsed.path}`;
  return {
    ok: true,
    ref: {
      domain: parsed.domain,
      path: parsed.path,
      ...(parsed.tag !== undefined ? { tag: parsed.tag } : {}),
      ...(parsed.digest !== undefined ? { digest: parsed.digest } : {}),
      name,
      familiar: familiarName(parsed.domain, parsed.path),
      repository: parsed.path.slice(slash + 1),
      namespace: slash < 0 ? '' : parsed.path.slice(0, slash),
    },
  };
}

/** normalize.go familiarizeName: Docker Hub's domain and the `library/` of one-level official names dropped. */
function familiarName(domain: string, path: string): string {
  if (domain !== DEFAULT_DOMAIN) return domain === '' ? path : `${domain}/${path}`;
  if (path.startsWith(OFFICIAL_PREFIX) && !path.slice(OFFICIAL_PREFIX.length).includes('/'))
    return path.slice(OFFICIAL_PREFIX.length);
  return path;
}

/** The reference, or null when Docker would refuse it (see parseImageRef for why). */
export function imageRefOrNull(text: string): ImageRef | null {
  const r = parseImageRef(text);
  return r.ok ? r.ref : null;
}
