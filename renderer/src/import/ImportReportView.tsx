import { useId, useMemo, useState } from 'react';
import type { ImportResult } from '../../../shared/import/project/types';
import { formatPos } from '../../../shared/import/types';
import { StrokeIcon } from '../StrokeIcon';
import {
  filterNotes,
  NOTE_KIND_LABELS,
  NOTE_KINDS,
  plural,
  problemLine,
  summarizeReport,
  type NoteKind,
} from './report-summary';

/**
 * A successful import, before it is opened: what each service became, how much was kept as it
 * was, interpreted or not understood, which services no profile activated, and the full report
 * (every note with FILE:LINE:COL), filterable by kind.
 */
export function ImportReportView({ result }: { readonly result: ImportResult }) {
  const summary = useMemo(() => summarizeReport(result.report), [result]);
  const [filter, setFilter] = useState<NoteKind | 'all'>('all');
  const notes = filterNotes(result.report.notes, filter);
  const filterName = useId();
  const project = result.project;
  return (
    <div className="pl-import__body pl-import__body--report" data-testid="import-report">
      <div className="pl-import__summary">
        <dl className="pl-import__stats" data-testid="import-stats">
          <Stat label="Services" value={summary.services.length} />
          <Stat label="Links" value={project.links.length} />
          <Stat label="Public URLs" value={project.routes.length} />
          {NOTE_KINDS.map((kind) => (
            <Stat key={kind} label={NOTE_KIND_LABELS[kind]} value={summary.counts[kind]} tone={kind} />
          ))}
        </dl>
        {summary.warnings.length > 0 ? (
          <div className="pl-banner pl-banner--warning pl-import__banner" role="note">
            <StrokeIcon className="pl-banner__icon" d="M8 5v4M8 11.5v.01M8 1.5l6.5 12h-13z" />
            <div className="pl-banner__body">
              <strong>{plural(summary.warnings.length, 'warning')}</strong>
              <ul className="pl-import__warnings">
                {summary.warnings.map((w, i) => (
                  <li key={i} className="pl-import__mono" data-testid="import-warning">
                    {problemLine(w)}
                  </li>
                ))}
              </ul>
            </div>
          </div>
        ) : null}
        <h3 className="pl-import__heading">Services</h3>
        <table className="pl-import__services" data-testid="import-services">
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Became</th>
            </tr>
          </thead>
          <tbody>
            {summary.services.map((s) => (
              <tr key={s.service} data-testid="import-service" title={`${s.at} — ${s.why}`}>
                <td className="pl-import__mono">{s.service}</td>
                <td>
                  <span className={`pl-import__kind${s.category === null ? '' : ` is-${s.category}`}`}>
                    {s.kindLabel}
                  </span>
                  <span className="pl-import__why">{s.why}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {summary.inactive.length > 0 ? (
          <p className="pl-import__inactive" data-testid="import-inactive">
            <strong>Not imported</strong> (no profile given activates them):{' '}
            <span className="pl-import__mono">{summary.inactive.join(', ')}</span>
          </p>
        ) : null}
        <p className="pl-import__files-read">
          Read {plural(summary.files.length, 'file')}:{' '}
          <span className="pl-import__mono">{summary.files.join(', ')}</span>
        </p>
      </div>

      <section className="pl-import__report" aria-label="Import report">
        <div className="pl-import__report-head">
          <h3 className="pl-import__heading">Report</h3>
          <div className="pl-segmented" role="radiogroup" aria-label="Show">
            {(['all', ...NOTE_KINDS] as const).map((kind) => {
              const count = kind === 'all' ? result.report.notes.length : summary.counts[kind];
              return (
                <label key={kind} className={`pl-segmented__option${filter === kind ? ' is-checked' : ''}`}>
                  <input
                    type="radio"
                    name={filterName}
                    value={kind}
                    checked={filter === kind}
                    onChange={() => setFilter(kind)}
                    data-testid={`import-filter-${kind}`}
                  />
                  {kind === 'all' ? 'All' : NOTE_KIND_LABELS[kind]}
                  <span className="pl-import__filter-count">{count}</span>
                </label>
              );
            })}
          </div>
        </div>
        {notes.length === 0 ? (
          <p className="pl-import__empty">Nothing to list here.</p>
        ) : (
          <ol className="pl-import__notes" data-testid="import-notes">
            {notes.map((n, i) => (
              <li key={i} className="pl-import__note" data-testid="import-note" data-kind={n.kind}>
                <span className={`pl-import__badge is-${n.kind}`}>{NOTE_KIND_LABELS[n.kind]}</span>{' '}
                <span className="pl-import__note-text">{n.text}</span>{' '}
                <span className="pl-import__pos">{formatPos(n.at)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function Stat({ label, value, tone }: { readonly label: string; readonly value: number; readonly tone?: NoteKind }) {
  return (
    <div className={`pl-import__stat${tone === undefined ? '' : ` is-${tone}`}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
