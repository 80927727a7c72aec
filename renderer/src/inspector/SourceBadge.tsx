import type { Source } from '../../../shared/catalog/types';
import { docsHref, sourceText } from './catalog';

/**
 * Where a catalog fact comes from: a link to the documentation, or an "assumed" badge whose
 * note explains the guess. An assumption is never shown as documented.
 */
export function SourceBadge({ source }: { readonly source: Source }) {
  if (source.type === 'assumed') {
    return (
      <span className="pl-insp-source pl-insp-source--assumed" title={source.note} data-source="assumed">
        assumed
        <span className="pl-insp-sr">: {source.note}</span>
      </span>
    );
  }
  return (
    <a
      className="pl-insp-source pl-insp-source--doc"
      href={docsHref(source.url, source.section)}
      target="_blank"
      rel="noreferrer"
      title={sourceText(source)}
      data-source="doc"
    >
      docs
      <svg viewBox="0 0 12 12" width="9" height="9" aria-hidden="true">
        <path d="M4.5 2.5h5v5M9.3 2.7 3 9" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" />
      </svg>
      <span className="pl-insp-sr"> (opens {new URL(source.url).hostname})</span>
    </a>
  );
}
