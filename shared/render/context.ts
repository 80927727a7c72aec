/** What every part of the picture is drawn with: colours, view, badges, emphasis. */
import type { Component, ComponentId } from '../model/types';
import type { Counts } from './problems';
import type { Colours } from './theme';
import type { PictureView } from './types';

export interface DrawContext {
  readonly c: Colours;
  readonly view: PictureView;
  readonly components: ReadonlyMap<ComponentId, Component>;
  /** Problem counts by element id; undefined: no badges drawn. */
  readonly problems: ReadonlyMap<string, Counts> | undefined;
  /** Components that get the TLS mark. */
  readonly tls: ReadonlySet<string>;
  /** Presentation: what is emphasised (everything else dimmed); undefined: nothing is. */
  readonly highlight: { readonly nodes: ReadonlySet<string>; readonly edges: ReadonlySet<string> } | undefined;
}

/** How much of a dimmed element shows through in a presentation. */
export const DIMMED = 0.28;
