import type { ComponentKind, Flavour } from '../../model/types';
import { IMAGE_REF_PROBLEMS, parseImageRef, type ImageRef, type ImageRefProblem } from './image-ref';
import { IMAGE_ROWS, LOOKALIKE_ROWS, NEXTAUTH_REGISTRY, type Confidence, type ImageRow } from './image-table';

/**
 * What an imported compose service IS, from its image (with any registry prefix, tag or digest)
 * and, for Redis Sentinel, its command. Table-driven (image-table.ts); whatever no row names is
 * a custom `container`, which keeps its image, ports and environment as they are. The `why` is
 * the sentence the import report prints.
 */
export interface Recognition {
  readonly kind: ComponentKind;
  readonly flavour?: Flavour;
  /** `low` for a custom container: nothing is known about the image. */
  readonly confidence: Confidence;
  readonly why: string;
  /** The parsed reference; null when Docker would refuse it (`problem` says why). */
  readonly image: ImageRef | null;
  readonly problem?: ImageRefProblem;
}

/** A service's `command` or `entrypoint` as compose holds it: one string, or a list of arguments. */
export type CommandLine = string | readonly string[];

export interface ServiceStart {
  readonly command?: CommandLine;
  readonly entrypoint?: CommandLine;
}

const byPath = new Map<string, ImageRow>(IMAGE_ROWS.map((r) => [r.path, r]));
const anyNamespace = new Map<string, ImageRow>(IMAGE_ROWS.filter((r) => r.anyNamespace).map((r) => [r.path, r]));
const lookalikes = new Map(LOOKALIKE_ROWS.map((r) => [r.path, r.why]));

/**
 * The row-keys a repository path can match: the path itself and each shorter suffix of two or
 * more components (`mirror/bitnami/nginx` → `mirror/bitnami/nginx`, `bitnami/nginx`), so a
 * vendor image behind a registry mirror or a project prefix is still that vendor's image.
 */
function vendorKeys(path: string): string[] {
  const parts = path.split('/');
  const keys: string[] = [];
  for (let i = 0; i <= parts.length - 2; i++) keys.push(parts.slice(i).join('/'));
  return keys;
}

/** Official images live under `library/` on Docker Hub and its mirrors (`public.ecr.aws/docker/library/nginx`). */
const isOfficialNamespace = (namespace: string): boolean =>
  namespace === '' || namespace === 'library' || namespace.endsWith('/library');

/**
 * Sentinel started from a Redis-family image: `redis-sentinel …` (also `/usr/local/bin/redis-sentinel`
 * or inside `sh -c "…"`, as Portolan's own export writes it) or `redis-server … --sentinel` (the
 * two forms redis.io documents for starting Sentinel), and the same for Valkey.
 */
const SENTINEL_PROGRAM = /(?:^|[\s/;&|'"(])(?:redis|valkey)-sentinel(?=$|[\s;&|'")])/;
const SENTINEL_FLAG = /(?:^|[\s'"])--sentinel(?=$|[\s'"])/;

export function runsSentinel(start: ServiceStart | undefined): boolean {
  if (start === undefined) return false;
  for (const line of [start.entrypoint, start.command]) {
    if (line === undefined) continue;
    const text = typeof line === 'string' ? line : line.join(' ');
    if (SENTINEL_PROGRAM.test(text) || SENTINEL_FLAG.test(text)) return true;
  }
  return false;
}

function fromRow(row: ImageRow, image: ImageRef, why: string, confidence: Confidence = row.confidence): Recognition {
  return { kind: row.kind, ...(row.flavour !== undefined ? { flavour: row.flavour } : {}), confidence, why, image };
}

function container(image: ImageRef | null, why: string, problem?: ImageRefProblem): Recognition {
  return { kind: 'container', confidence: 'low', why, image, ...(problem !== undefined ? { problem } : {}) };
}

function matchRow(image: ImageRef): Recognition {
  for (const key of vendorKeys(image.path)) {
    const lookalike = lookalikes.get(key);
    if (lookalike !== undefined) return container(image, `${image.familiar} is a custom container: ${lookalike}`);
    const row = byPath.get(key);
    if (row !== undefined && row.path.includes('/')) return fromRow(row, image, `${image.familiar}: ${row.why}`);
  }
  const nextauth = anyNamespace.get(image.repository);
  if (nextauth !== undefined) return fromRow(nextauth, image, `${image.familiar}: ${nextauth.why}`);
  const official = byPath.get(image.repository);
  if (official !== undefined && !official.path.includes('/')) {
    if (isOfficialNamespace(image.namespace)) return fromRow(official, image, `${image.familiar}: ${official.why}`);
    return fromRow(
      official,
      image,
      `${image.familiar}: named like ${official.why} under the namespace "${image.namespace}", probably a build of it`,
      'medium',
    );
  }
  if (image.domain === NEXTAUTH_REGISTRY)
    return container(
      image,
      `${image.familiar} is a custom container: a nextAuth image of the newer layout (ns, sfs, mc), which the catalog does not model`,
    );
  return container(image, `${image.familiar} is a custom container: no catalog kind uses this image`);
}

/** The kind an image (and its start command, for Sentinel) makes a compose service. */
export function recognizeImage(image: string, start?: ServiceStart): Recognition {
  const parsed = parseImageRef(image);
  if (!parsed.ok)
    return container(null, `a custom container: the image ${IMAGE_REF_PROBLEMS[parsed.problem]}`, parsed.problem);
  const found = matchRow(parsed.ref);
  if (found.kind === 'redis' && runsSentinel(start))
    return {
      ...found,
      kind: 'redis-sentinel',
      why: `${found.why}, started as Redis Sentinel by its command`,
    };
  return found;
}
