/**
 * The project's registry and tag from the nextAuth images: the export writes every nextAuth
 * image as `${registry}/<name>:${tag}`, so the imported images must agree on both; where they do
 * not (or pin a digest, which the settings cannot hold) the first image decides, the report says
 * so, and the component keeps its own image as an override (components.ts: imageOverride).
 */
import { imageFor } from '../../catalog/index';
import { REGISTRY_PATTERN, TAG_PATTERN } from '../../model/constraints';
import type { ComponentKind, ProjectSettings } from '../../model/types';
import { imageRefOrNull, type ImageRef } from '../recognize/image-ref';
import type { ImportNote } from '../types';
import type { ServiceFacts } from './service-facts';

export const NEXTAUTH_KINDS: ReadonlySet<ComponentKind> = new Set(['nextauth', 'nextauth-mgmt', 'nextauth-portmap']);

/** The settings one nextAuth image gives on its own, or undefined when they cannot hold its registry or tag. */
export function settingsOfImage(ref: ImageRef): ProjectSettings | undefined {
  const registry = registryOf(ref.domain, ref.namespace);
  const tag = ref.tag ?? 'latest';
  if ((registry !== '' && !REGISTRY_PATTERN.test(registry)) || !TAG_PATTERN.test(tag)) return undefined;
  return { registry, tag };
}

/** The image the export writes for a nextAuth kind, as compose reads it once `.env` has set registry and tag. */
export function settingsImage(kind: ComponentKind, settings: ProjectSettings): string {
  const registry = settings.registry.replace(/\/+$/, '');
  return `${registry === '' ? '' : `${registry}/`}${imageFor(kind) ?? kind}:${settings.tag}`;
}

/**
 * Whether two image references name the same image as Docker reads them (`redis:7.4` is
 * `docker.io/library/redis:7.4`; no tag is `latest`). Texts Docker refuses compare as written.
 */
export function sameImage(a: string, b: string): boolean {
  const ra = imageRefOrNull(a);
  const rb = imageRefOrNull(b);
  if (ra === null || rb === null) return a === b;
  return ra.name === rb.name && (ra.tag ?? 'latest') === (rb.tag ?? 'latest') && ra.digest === rb.digest;
}

function registryOf(domain: string, namespace: string): string {
  // Docker Hub's official namespace is no registry prefix at all: `nextauth:2.14` stays `nextauth:2.14`.
  if (domain === 'docker.io' && (namespace === '' || namespace === 'library')) return '';
  return domain === 'docker.io' ? namespace : namespace === '' ? domain : `${domain}/${namespace}`;
}

export function settingsFrom(facts: readonly ServiceFacts[], notes: ImportNote[]): ProjectSettings {
  let chosen: { registry: string; tag: string; from: ServiceFacts } | undefined;
  for (const f of facts) {
    const r = f.recognition;
    if (!NEXTAUTH_KINDS.has(r.kind) || r.image === null) continue;
    const registry = registryOf(r.image.domain, r.image.namespace);
    const tag = r.image.tag ?? 'latest';
    const at = f.service.at;
    if (r.image.digest !== undefined)
      notes.push({
        kind: 'interpreted',
        text: `service ${f.service.name} pins its image by digest (${r.image.digest.slice(0, 19)}…), which the project's registry and tag cannot say: the component keeps its image as an override`,
        at,
      });
    if (chosen === undefined) {
      if ((registry !== '' && !REGISTRY_PATTERN.test(registry)) || !TAG_PATTERN.test(tag)) {
        notes.push({
          kind: 'interpreted',
          text: `service ${f.service.name}: image ${f.image} gives no usable registry and tag`,
          at,
        });
        continue;
      }
      chosen = { registry, tag, from: f };
    } else if (chosen.registry !== registry || chosen.tag !== tag) {
      notes.push({
        kind: 'interpreted',
        text: `service ${f.service.name} runs ${f.image}, but the project has one registry and tag for nextAuth images: ${chosen.registry === '' ? '' : `${chosen.registry}/`}…:${chosen.tag}, from ${chosen.from.service.name}`,
        at,
      });
    }
  }
  return { registry: chosen?.registry ?? '', tag: chosen?.tag ?? 'latest' };
}
