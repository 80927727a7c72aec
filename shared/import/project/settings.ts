/**
 * The project's registry and tag from the nextAuth images: the export writes every nextAuth
 * image as `${registry}/<name>:${tag}`, so the imported images must agree on both; where they do
 * not (or pin a digest, which the settings cannot hold) the first image decides and the report
 * says what was not kept.
 */
import { REGISTRY_PATTERN, TAG_PATTERN } from '../../model/constraints';
import type { ProjectSettings } from '../../model/types';
import type { ImportNote } from '../types';
import type { ServiceFacts } from './service-facts';

const NEXTAUTH_KINDS = new Set(['nextauth', 'nextauth-mgmt', 'nextauth-portmap']);

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
        text: `service ${f.service.name} pins its image by digest (${r.image.digest.slice(0, 19)}…): the project sets a tag (${tag}), not a digest`,
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
