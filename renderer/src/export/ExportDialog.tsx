import { lazy, Suspense, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { getKind } from '../../../shared/catalog/index';
import {
  DEFAULT_CERT_DIR,
  exportProject,
  type ExportFile,
  type ExportResult,
  type RandomSource,
} from '../../../shared/export/index';
import { CERT_DIR_PROBLEMS, certDirProblem } from '../../../shared/model/constraints';
import type { Project, ProxyFlavour } from '../../../shared/model/types';
import type { Diagnostic } from '../../../shared/rules/index';
import { getBridge, HostError, type Bridge } from '../bridge';
import { browserRandom } from '../bridge-browser';
import { DialogFrame } from '../DialogFrame';
import { useEditor } from '../store/context';
import { describeEnvReport, describeExportFailure, describeSaved, replaceQuestion } from './export-result';
import { dotenvSecrets, maskDotenv } from './mask';
import './export.css';
import { StrokeIcon } from '../StrokeIcon';

// CodeMirror is loaded with the dialog's first use, not with the editor: it is not needed to draw.
const CodePreview = lazy(() => import('./CodePreview').then((m) => ({ default: m.CodePreview })));

const FLAVOURS: readonly { readonly id: ProxyFlavour; readonly label: string }[] = [
  { id: 'nginx', label: 'nginx' },
  { id: 'haproxy', label: 'HAProxy' },
  { id: 'caddy', label: 'Caddy' },
  { id: 'traefik', label: 'Traefik' },
];

/** Proxies keep their own flavours: offered only when the project mixes several. */
const AS_DRAWN = 'as-drawn';
type ProxyChoice = ProxyFlavour | typeof AS_DRAWN;

export interface ExportDialogProps {
  /** Where "Save all" goes; the page's bridge by default. */
  readonly bridge?: Bridge;
}

/**
 * The export dialog, shown while the store's `dialog` is `'export'`: choose the proxy flavour
 * and certificate folder, preview every file, and save them all through the bridge. Mount it
 * once anywhere inside the EditorProvider; it renders into document.body.
 */
export function ExportDialog({ bridge }: ExportDialogProps) {
  const open = useEditor((s) => s.dialog === 'export' && s.project !== null);
  return open ? createPortal(<OpenExportDialog bridge={bridge ?? getBridge()} />, document.body) : null;
}

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly summary: string; readonly env: string | null }
  /** The chosen folder holds this export: ask before replacing it (the answer's `folder` goes back as `replaceIn`). */
  | { readonly kind: 'confirm'; readonly folder: string; readonly target: string; readonly existing: readonly string[] }
  | { readonly kind: 'failed'; readonly message: string };

type Outcome = ExportResult | { readonly ok: 'failed'; readonly message: string };

function OpenExportDialog({ bridge }: { readonly bridge: Bridge }) {
  const project = useEditor((s) => s.project) as Project;
  const setDialog = useEditor((s) => s.setDialog);
  const close = () => setDialog(null);

  const drawn = useMemo(() => drawnFlavours(project), [project]);
  const [proxy, setProxy] = useState<ProxyChoice>(
    drawn.length === 1 ? drawn[0]! : drawn.length === 0 ? 'nginx' : AS_DRAWN,
  );
  const [certDir, setCertDir] = useState('');
  const [selected, setSelected] = useState<{ path: string; index: number }>({ path: '', index: 0 });
  const [reveal, setReveal] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // One random source per opening, replayed for each export: switching flavour keeps the secrets.
  const [random] = useState(() => replayable(browserRandom));

  // Without a reverse proxy neither choice applies (the portmap holds its own certificates): both are disabled.
  const hasProxy = drawn.length > 0;
  const shownProxy = hasProxy ? proxy : null;
  const certTrimmed = hasProxy ? certDir.trim() : '';
  // The same test the CLI's --cert-dir and the exporters apply (shared/model/constraints).
  const certProblem = certTrimmed === '' ? undefined : certDirProblem(certTrimmed);
  const certValid = certProblem === undefined;
  const outcome = useMemo<Outcome>(() => {
    random.rewind();
    try {
      return exportProject(project, {
        random,
        ...(proxy !== AS_DRAWN && hasProxy ? { proxy } : {}),
        ...(certValid && certTrimmed !== '' ? { certDir: certTrimmed } : {}),
      });
    } catch (error) {
      return { ok: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }, [project, proxy, hasProxy, certValid, certTrimmed, random]);

  const files = outcome.ok === true ? outcome.files : [];
  const errors = outcome.ok === true ? outcome.diagnostics.filter((d) => d.severity === 'error' && !d.suppressed) : [];
  const file = files.find((f) => f.path === selected.path) ?? files[Math.min(selected.index, files.length - 1)];
  const isSecret = useMemo(() => dotenvSecrets(project), [project]);
  const folderName = `${slug(project.meta.name)}-deployment`;
  const canSave = outcome.ok === true && certValid && status.kind !== 'saving';

  const save = async (replaceIn?: string, target = folderName) => {
    if (outcome.ok !== true) return;
    setStatus({ kind: 'saving' });
    try {
      const result = await bridge.saveExport(outcome.files, folderName, replaceIn);
      if (result === null) setStatus({ kind: 'idle' });
      else if (result.kind === 'exists') setStatus({ ...result, kind: 'confirm' });
      else
        setStatus({
          kind: 'saved',
          summary: describeSaved(result, bridge.platform),
          env: describeEnvReport(result.env),
        });
    } catch (error) {
      setStatus({
        kind: 'failed',
        message:
          error instanceof HostError
            ? describeExportFailure(error.code, error.message, target)
            : `Could not save: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };

  const certId = useId();
  const certHintId = useId();
  const replaceButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (status.kind === 'confirm') replaceButton.current?.focus();
  }, [status.kind]);

  const selectFile = (f: ExportFile, index: number) => setSelected({ path: f.path, index });
  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const at = file === undefined ? 0 : files.indexOf(file);
    const next = Math.max(0, Math.min(files.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)));
    selectFile(files[next]!, next);
    event.currentTarget.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  };

  const isEnv = file !== undefined && file.path.endsWith('.env');
  const shown = file === undefined ? '' : isEnv && !reveal ? maskDotenv(file.contents, isSecret) : file.contents;

  return (
    <DialogFrame
      title="Export deployment"
      subtitle={<>Compose file, environment and reverse-proxy configuration for {project.meta.name}.</>}
      testId="export-dialog"
      closeLabel="Close export"
      closeTestId="export-close"
      onClose={close}
    >
      <div className="pl-export__options">
        <fieldset className="pl-export__flavours" disabled={!hasProxy}>
          <legend className="pl-export__label">Reverse proxy</legend>
          <div className="pl-segmented">
            {drawn.length > 1 ? (
              <FlavourOption value={AS_DRAWN} label="As drawn" current={shownProxy} onChange={setProxy} />
            ) : null}
            {FLAVOURS.map((f) => (
              <FlavourOption key={f.id} value={f.id} label={f.label} current={shownProxy} onChange={setProxy} />
            ))}
          </div>
          {!hasProxy ? (
            <p className="pl-export__hint">No reverse proxy in this project: the portmap serves the public URLs.</p>
          ) : null}
        </fieldset>
        <div className="pl-export__cert">
          <label className="pl-export__label" htmlFor={certId}>
            Certificate folder <span className="pl-export__optional">optional</span>
          </label>
          <input
            id={certId}
            className="pl-input"
            type="text"
            spellCheck={false}
            autoComplete="off"
            placeholder={DEFAULT_CERT_DIR}
            disabled={!hasProxy}
            value={certDir}
            aria-invalid={!certValid}
            aria-describedby={certHintId}
            onChange={(e) => setCertDir(e.target.value)}
            data-testid="export-cert-dir"
          />
          <p id={certHintId} className={`pl-export__hint${certValid ? '' : ' is-invalid'}`}>
            {certProblem === undefined
              ? 'Inside the proxy container; holds HOST.crt and HOST.key for each host name.'
              : `The folder ${CERT_DIR_PROBLEMS[certProblem]}.`}
          </p>
        </div>
      </div>

      {outcome.ok === false ? (
        <Banner tone="error" testId="export-refused" title="Export refused">
          <p>Some values could break out of their place in a configuration file. Fix them first:</p>
          <DiagnosticList diagnostics={outcome.diagnostics} />
        </Banner>
      ) : outcome.ok === 'failed' ? (
        <Banner tone="error" testId="export-failed" title="Export failed">
          <p>{outcome.message}</p>
        </Banner>
      ) : errors.length > 0 ? (
        <Banner
          tone="warning"
          testId="export-errors"
          title={`The checker reports ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}`}
        >
          <p>
            These files describe a deployment that will not work as drawn. Fix the problems first, or export anyway.
          </p>
          <DiagnosticList diagnostics={errors} />
        </Banner>
      ) : null}

      {files.length > 0 && file !== undefined ? (
        <div className="pl-export__body">
          <nav className="pl-export__files" aria-label="Exported files">
            <ul className="pl-filelist" onKeyDown={onListKey} data-testid="export-files">
              {files.map((f, i) => (
                <li key={f.path}>
                  <button
                    type="button"
                    className={`pl-filelist__item${f === file ? ' is-current' : ''}`}
                    aria-current={f === file ? 'true' : undefined}
                    onClick={() => selectFile(f, i)}
                    data-testid="export-file"
                    data-path={f.path}
                  >
                    <FileIcon secret={f.mode === 0o600} />
                    <span className="pl-filelist__path">{f.path}</span>
                    <span className="pl-filelist__meta">
                      {f.mode === 0o600 ? 'secrets · ' : ''}
                      {formatSize(f.contents)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <section className="pl-export__preview" aria-label={`Preview of ${file.path}`}>
            <div className="pl-export__previewbar">
              <span className="pl-export__path">{file.path}</span>
              <span className="pl-export__mode" title="File mode">
                {file.mode.toString(8).padStart(4, '0')}
              </span>
              {isEnv ? (
                <button
                  type="button"
                  className="pl-button pl-button--small"
                  aria-pressed={reveal}
                  onClick={() => setReveal((r) => !r)}
                  data-testid="export-reveal"
                >
                  <EyeIcon open={!reveal} />
                  {reveal ? 'Hide secrets' : 'Reveal secrets'}
                </button>
              ) : null}
            </div>
            <div className="pl-export__code">
              <Suspense
                fallback={
                  // Plain text while the highlighter loads; scrollable, so it takes focus like the editor view.
                  <pre className="pl-code pl-code--plain" tabIndex={0} aria-label={`Contents of ${file.path}`}>
                    {shown}
                  </pre>
                }
              >
                <CodePreview path={file.path} text={shown} />
              </Suspense>
              {/* CodeMirror renders only the lines near the viewport: the whole text, as shown, for tests. */}
              <pre hidden data-testid="export-preview-text">
                {shown}
              </pre>
            </div>
          </section>
        </div>
      ) : (
        <div className="pl-export__body pl-export__body--empty">
          <p>Nothing to preview until the export can be written.</p>
        </div>
      )}

      {status.kind === 'saved' ? (
        <Banner tone="success" testId="export-result" title={status.summary} role="status">
          {status.env !== null ? <p data-testid="export-env-report">{status.env}</p> : null}
        </Banner>
      ) : status.kind === 'failed' ? (
        <Banner tone="error" testId="export-save-failed" title="Nothing was exported">
          <p>{status.message}</p>
        </Banner>
      ) : status.kind === 'confirm' ? (
        <Banner tone="warning" testId="export-replace" title={replaceQuestion(status.target)} role="alert">
          <p>
            {status.existing.length === 1 ? 'This file is' : `These ${status.existing.length} files are`} there already:{' '}
            {status.existing.slice(0, 6).join(', ')}
            {status.existing.length > 6 ? ` and ${status.existing.length - 6} more` : ''}.
          </p>
          <div className="pl-banner__actions">
            <button
              ref={replaceButton}
              type="button"
              className="pl-button pl-button--small pl-button--warning"
              onClick={() => void save(status.folder, status.target)}
              data-testid="export-replace-confirm"
            >
              Replace
            </button>
            <button
              type="button"
              className="pl-button pl-button--small"
              onClick={() => setStatus({ kind: 'idle' })}
              data-testid="export-replace-cancel"
            >
              Keep the old export
            </button>
          </div>
        </Banner>
      ) : null}

      <footer className="pl-export__footer">
        <p className="pl-export__summary" role="status" data-testid="export-status">
          {status.kind === 'saved' ? (
            <span className="pl-export__saved">Saved</span>
          ) : status.kind === 'failed' ? (
            <span className="pl-export__failed">Not saved</span>
          ) : status.kind === 'confirm' ? (
            'Waiting for your answer'
          ) : status.kind === 'saving' ? (
            'Saving…'
          ) : files.length > 0 ? (
            `${files.length} files${bridge.platform === 'browser' ? `, saved as one download: ${folderName}.zip` : ''}`
          ) : (
            ''
          )}
        </p>
        <button type="button" className="pl-button" onClick={close}>
          {status.kind === 'saved' ? 'Close' : 'Cancel'}
        </button>
        <button
          type="button"
          className={`pl-button ${errors.length > 0 ? 'pl-button--warning' : 'pl-button--primary'}`}
          disabled={!canSave || status.kind === 'confirm'}
          onClick={() => void save()}
          data-testid="export-save"
        >
          <DownloadIcon />
          {errors.length > 0 ? 'Export anyway' : 'Save all'}
        </button>
      </footer>
    </DialogFrame>
  );
}

function FlavourOption({
  value,
  label,
  current,
  onChange,
}: {
  readonly value: ProxyChoice;
  readonly label: string;
  readonly current: ProxyChoice | null;
  readonly onChange: (value: ProxyChoice) => void;
}) {
  return (
    <label className={`pl-segmented__option${current === value ? ' is-checked' : ''}`}>
      <input
        type="radio"
        name="pl-export-proxy"
        value={value}
        checked={current === value}
        onChange={() => onChange(value)}
        data-testid={`export-proxy-${value}`}
      />
      {label}
    </label>
  );
}

function Banner({
  tone,
  title,
  testId,
  role,
  children,
}: {
  readonly tone: 'error' | 'warning' | 'success';
  readonly title: string;
  readonly testId: string;
  /** Defaults to `alert` for errors and `note` otherwise. */
  readonly role?: 'alert' | 'status' | 'note';
  readonly children?: ReactNode;
}) {
  return (
    <div
      className={`pl-banner pl-banner--${tone}`}
      role={role ?? (tone === 'error' ? 'alert' : 'note')}
      data-testid={testId}
    >
      {tone === 'success' ? <DoneIcon /> : <WarningIcon />}
      <div className="pl-banner__body">
        <p className="pl-banner__title">{title}</p>
        {children}
      </div>
    </div>
  );
}

const LISTED = 4;

function DiagnosticList({ diagnostics }: { readonly diagnostics: readonly Diagnostic[] }) {
  const more = diagnostics.length - LISTED;
  return (
    <ul className="pl-banner__list">
      {diagnostics.slice(0, LISTED).map((d, i) => (
        <li key={i}>
          <span className="pl-banner__rule">{d.rule}</span> {d.message}
        </li>
      ))}
      {more > 0 ? <li className="pl-banner__more">and {more} more in the Problems panel</li> : null}
    </ul>
  );
}

/** The flavours of the reverse proxies drawn in the project, without repeats. */
function drawnFlavours(project: Project): ProxyFlavour[] {
  const fallback = getKind('reverse-proxy').defaultFlavour as ProxyFlavour | undefined;
  const found = project.components
    .filter((c) => c.kind === 'reverse-proxy')
    .map((c) => (c.flavour as ProxyFlavour | undefined) ?? fallback ?? 'nginx');
  return [...new Set(found)];
}

/** A random source that replays the same bytes after `rewind()`, drawing fresh ones only past its end. */
function replayable(source: RandomSource): RandomSource & { rewind(): void } {
  let pool = new Uint8Array(0);
  let cursor = 0;
  return {
    rewind() {
      cursor = 0;
    },
    bytes(count) {
      if (cursor + count > pool.length) {
        const grown = new Uint8Array(Math.max(cursor + count, pool.length * 2));
        grown.set(pool);
        grown.set(source.bytes(grown.length - pool.length), pool.length);
        pool = grown;
      }
      const out = pool.slice(cursor, cursor + count);
      cursor += count;
      return out;
    },
  };
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '') || 'portolan'
  );
}

function formatSize(text: string): string {
  const bytes = new TextEncoder().encode(text).length;
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

function WarningIcon() {
  return (
    <svg className="pl-banner__icon" viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
      <path d="M8 1.8 15 14H1Z" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinejoin="round" />
      <path d="M8 6.2v3.6" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
      <circle cx="8" cy="11.8" r="0.9" fill="currentColor" />
    </svg>
  );
}

function DoneIcon() {
  return (
    <svg className="pl-banner__icon" viewBox="0 0 16 16" width="18" height="18" aria-hidden="true" focusable="false">
      <circle cx="8" cy="8" r="6.3" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="m5.2 8.2 2 2 3.8-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

function FileIcon({ secret }: { readonly secret: boolean }) {
  return (
    <svg className="pl-filelist__icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {secret ? (
        <>
          <rect x="3" y="7" width="10" height="7" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.4" />
          <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" strokeWidth="1.4" />
        </>
      ) : (
        <>
          <path
            d="M4 1.8h5.2L12.5 5v9.2H4Z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.4"
            strokeLinejoin="round"
          />
          <path d="M9 2v3.3h3.3M6 8.5h4.5M6 11h4.5" fill="none" stroke="currentColor" strokeWidth="1.2" />
        </>
      )}
    </svg>
  );
}

function EyeIcon({ open }: { readonly open: boolean }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path
        d="M1.5 8S4 3.5 8 3.5 14.5 8 14.5 8 12 12.5 8 12.5 1.5 8 1.5 8Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
      />
      <circle cx="8" cy="8" r="2" fill="none" stroke="currentColor" strokeWidth="1.4" />
      {open ? null : <path d="m2.5 13.5 11-11" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />}
    </svg>
  );
}

function DownloadIcon() {
  return <StrokeIcon d="M8 2v8m0 0L4.8 6.8M8 10l3.2-3.2M2.5 11.5v2h11v-2" size={14} strokeWidth={1.5} />;
}
