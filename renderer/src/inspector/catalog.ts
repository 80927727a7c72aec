import { findFlavour, getKind } from '../../../shared/catalog/index';
import type { EnvSpec, Source } from '../../../shared/catalog/types';
import type { Component, ComponentKind } from '../../../shared/model/types';

/** The variables the catalog documents for a component: its kind's, then its flavour's. */
export function documentedEnv(c: Pick<Component, 'kind' | 'flavour'>): readonly EnvSpec[] {
  const flavour = c.flavour === undefined ? undefined : findFlavour(c.kind, c.flavour);
  return [...getKind(c.kind).env, ...(flavour?.env ?? [])];
}

/** The TLS variable names of a kind (cert/key pairs of its ports); the TLS section edits them. */
export function tlsEnvNames(kind: ComponentKind): ReadonlySet<string> {
  const names = new Set<string>();
  for (const p of getKind(kind).ports) {
    if (p.tlsEnv) {
      names.add(p.tlsEnv.cert);
      names.add(p.tlsEnv.key);
    }
  }
  return names;
}

/** A short human form of a source, for tooltips. */
export function sourceText(source: Source): string {
  if (source.type === 'assumed') return `Assumed: ${source.note}`;
  return [source.section, source.note].filter(Boolean).join(' — ') || source.url;
}

/** A link into a docs page; with a section, a text fragment scrolls to its heading. */
export function docsHref(url: string, section?: string): string {
  if (section === undefined) return url;
  // "-", "," and "&" are syntax inside a text directive, so they are escaped as well.
  const text = encodeURIComponent(section).replace(/-/g, '%2D');
  return `${url}#:~:text=${text}`;
}
