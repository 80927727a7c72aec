import { useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ExportFile } from '../../../shared/export/index';
import { EXPORT_TARGETS, exportTarget, type ExportTargetId, type TargetResult } from '../../../shared/export/targets';
import { composeProjectName } from '../../../shared/export/plan-env';
import { certDirProblem } from '../../../shared/model/constraints';
import type { Project } from '../../../shared/model/types';
import { getBridge, HostError, type Bridge } from '../bridge';
import { browserRandom } from '../bridge-browser';
import { DialogFrame } from '../DialogFrame';
import { useEditor } from '../store/context';
import { Banner, DiagnosticList } from './Banner';
import {
  describeEnvReport,
  describeExportFailure,
  describeKept,
  describeSaved,
  replaceQuestion,
} from './export-result';
import { CertDirField, FlavourChoice, NamespaceField, NextSteps, TargetChoice } from './ExportOptions';
import { FilePreview } from './FilePreview';
import { DownloadIcon } from './icons';
import { dotenvSecrets } from './mask';
import { replayable } from './replayable';
import { filesToSave } from './save-files';
import {
  AS_DRAWN,
  drawnFlavours,
  exportFolderName,
  flavourOptions,
  initialFlavour,
  readStoredTarget,
  shownFlavour,
  storeTarget,
  type ProxyChoice,
} from './target-choice';
import './export.css';

export interface ExportDialogProps {
  /** Where "Save all" goes; the page's bridge by default. */
  readonly bridge?: Bridge;
}

/**
 * The export dialog, shown while the store's `dialog` is `'export'`: choose the target (compose,
 * Kubernetes, … — shared/export/targets), its proxy flavour and setting, preview every file, and
 * save them all through the bridge. Mount it once anywhere inside the EditorProvider; it renders
 * into document.body.
 */
export function ExportDialog({ bridge }: ExportDialogProps) {
  const open = useEditor((s) => s.dialog === 'export' && s.project !== null);
  return open ? createPortal(<OpenExportDialog bridge={bridge ?? getBridge()} />, document.body) : null;
}

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | {
      readonly kind: 'saved';
      readonly summary: string;
      readonly env: string | null;
      /** What of the operator's the export left alone (the target's `keep`), or null. */
      readonly kept: string | null;
    }
  /** The chosen folder holds this export: ask before replacing it (the answer's `folder` goes back as `replaceIn`). */
  | { readonly kind: 'confirm'; readonly folder: string; readonly target: string; readonly existing: readonly string[] }
  | { readonly kind: 'failed'; readonly message: string };

type Outcome = TargetResult | { readonly ok: 'failed'; readonly message: string };

/** The window's storage, or undefined where reading it throws (privacy settings). */
function pageStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The target's `keep` when replacing leaves some of it alone, else null: what the question promises. */
function keptOf(files: readonly ExportFile[], keep: string | undefined, existing: readonly string[]): string | null {
  return filesToSave(files, { platform: 'browser', keep, existing }).kept.length > 0 ? (keep ?? null) : null;
}

function OpenExportDialog({ bridge }: { readonly bridge: Bridge }) {
  const project = useEditor((s) => s.project) as Project;
  const setDialog = useEditor((s) => s.setDialog);
  const close = () => setDialog(null);

  const [targetId, setTargetId] = useState<ExportTargetId>(() => readStoredTarget(pageStorage()));
  const target = exportTarget(targetId) ?? EXPORT_TARGETS[0]!;
  const chooseTarget = (id: ExportTargetId) => {
    setTargetId(id);
    setStatus({ kind: 'idle' });
    storeTarget(pageStorage(), id);
  };

  const drawn = useMemo(() => drawnFlavours(project), [project]);
  const [proxy, setProxy] = useState<ProxyChoice>(() => initialFlavour(drawn));
  const [certDir, setCertDir] = useState('');
  const [namespace, setNamespace] = useState('');
  const [selected, setSelected] = useState<{ path: string; index: number }>({ path: '', index: 0 });
  const [reveal, setReveal] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  // One random source per opening, replayed for each export: switching flavour or target keeps the secrets.
  const [random] = useState(() => replayable(browserRandom));

  // Without a reverse proxy no flavour applies (the portmap holds its own certificates): the choice is disabled.
  const hasProxy = drawn.length > 0;
  const usesProxy = target.uses.has('proxy');
  const flavours = useMemo(() => flavourOptions(target, drawn), [target, drawn]);
  const shownProxy = hasProxy ? shownFlavour(proxy, flavours) : null;
  const usesCertDir = target.uses.has('certDir');
  const certTrimmed = hasProxy && usesCertDir ? certDir.trim() : '';
  // The same test the CLI's --cert-dir and the exporters apply (shared/model/constraints).
  const certProblem = certTrimmed === '' ? undefined : certDirProblem(certTrimmed);
  const certValid = certProblem === undefined;
  const usesNamespace = target.uses.has('namespace');
  const nsTrimmed = usesNamespace ? namespace.trim() : '';

  const outcome = useMemo<Outcome>(() => {
    random.rewind();
    try {
      return target.run(project, {
        random,
        ...(usesProxy && shownProxy !== null && shownProxy !== AS_DRAWN ? { proxy: shownProxy } : {}),
        ...(certValid && certTrimmed !== '' ? { certDir: certTrimmed } : {}),
        ...(nsTrimmed !== '' ? { namespace: nsTrimmed } : {}),
      });
    } catch (error) {
      return { ok: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  }, [project, target, usesProxy, shownProxy, certValid, certTrimmed, nsTrimmed, random]);

  const files = outcome.ok === true ? outcome.files : [];
  const errors = outcome.ok === true ? outcome.diagnostics.filter((d) => d.severity === 'error' && !d.suppressed) : [];
  const file = files.find((f) => f.path === selected.path) ?? files[Math.min(selected.index, files.length - 1)];
  const isSecret = useMemo(() => dotenvSecrets(project), [project]);
  const folderName = exportFolderName(project.meta.name, target.id);
  const canSave = outcome.ok === true && certValid && status.kind !== 'saving';
  // What a replacing export keeps of the operator's work, said in the question before it.
  const replaceKeeps =
    status.kind === 'confirm'
      ? {
          dotenv: files.some((f) => f.path === '.env'),
          kept: keptOf(files, target.keep, status.existing),
        }
      : undefined;

  const save = async (replace?: { folder: string; target: string; existing: readonly string[] }) => {
    if (outcome.ok !== true) return;
    const where = replace?.target ?? folderName;
    const plan = filesToSave(outcome.files, {
      platform: bridge.platform,
      keep: target.keep,
      existing: replace?.existing,
    });
    setStatus({ kind: 'saving' });
    try {
      const result = await bridge.saveExport(plan.files, folderName, replace?.folder);
      if (result === null) setStatus({ kind: 'idle' });
      else if (result.kind === 'exists') setStatus({ ...result, kind: 'confirm' });
      else
        setStatus({
          kind: 'saved',
          summary: describeSaved(result, bridge.platform),
          env: describeEnvReport(result.env),
          kept: plan.kept.length > 0 ? (target.keep ?? null) : null,
        });
    } catch (error) {
      setStatus({
        kind: 'failed',
        message:
          error instanceof HostError
            ? describeExportFailure(error.code, error.message, where)
            : `Could not save: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };

  const replaceButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (status.kind === 'confirm') replaceButton.current?.focus();
  }, [status.kind]);

  return (
    <DialogFrame
      title="Export deployment"
      subtitle={
        <span data-testid="export-description">
          {target.description} For {project.meta.name}.
        </span>
      }
      testId="export-dialog"
      closeLabel="Close export"
      closeTestId="export-close"
      onClose={close}
    >
      <div className="pl-export__options">
        <TargetChoice targets={EXPORT_TARGETS} current={target.id} onChange={chooseTarget} />
        {usesProxy ? (
          <FlavourChoice
            label={target.flavours === undefined ? 'Reverse proxy' : 'Ingress controller'}
            options={flavours}
            current={shownProxy}
            disabled={!hasProxy}
            onChange={setProxy}
          />
        ) : null}
        {usesCertDir ? (
          <CertDirField value={certDir} disabled={!hasProxy} problem={certProblem} onChange={setCertDir} />
        ) : null}
        {usesNamespace ? (
          <NamespaceField
            value={namespace}
            projectName={composeProjectName(project.meta.name)}
            onChange={setNamespace}
          />
        ) : null}
      </div>
      <NextSteps target={target} />

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
        <FilePreview
          files={files}
          file={file}
          onSelect={(f, index) => setSelected({ path: f.path, index })}
          isSecret={isSecret}
          reveal={reveal}
          onReveal={setReveal}
        />
      ) : (
        <div className="pl-export__body pl-export__body--empty">
          <p>Nothing to preview until the export can be written.</p>
        </div>
      )}

      {status.kind === 'saved' ? (
        <Banner tone="success" testId="export-result" title={status.summary} role="status">
          {status.env !== null ? <p data-testid="export-env-report">{status.env}</p> : null}
          {status.kept !== null ? <p data-testid="export-kept">{describeKept(status.kept)}</p> : null}
        </Banner>
      ) : status.kind === 'failed' ? (
        <Banner tone="error" testId="export-save-failed" title="Nothing was exported">
          <p>{status.message}</p>
        </Banner>
      ) : status.kind === 'confirm' ? (
        <Banner
          tone="warning"
          testId="export-replace"
          title={replaceQuestion(status.target, replaceKeeps)}
          role="alert"
        >
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
              onClick={() => void save(status)}
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
