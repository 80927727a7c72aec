import { useState, type DragEvent } from 'react';
import { createPortal } from 'react-dom';
import type { ImportResult } from '../../../shared/import/project/types';
import type { ImportProblem } from '../../../shared/import/types';
import type { Bridge, ImportPick } from '../bridge';
import { DialogFrame } from '../DialogFrame';
import { addFiles, fileCount, importRequest, moveFile, removeFile, type DraftFiles } from './draft';
import type { ImportRole } from './drop';
import { FileSection } from './FileSection';
import { ImportProblemsView } from './ImportProblemsView';
import { ImportReportView } from './ImportReportView';
import { ProfileChips } from './ProfileChips';
import { plural } from './report-summary';
import './import.css';

export interface ImportDialogProps {
  readonly bridge: Bridge;
  /** Files dropped on the window, already sorted into sections. */
  readonly initial: DraftFiles;
  readonly onClose: () => void;
  /** Opens the imported project as new, unsaved work (after the unsaved-changes question). */
  readonly onOpen: (result: ImportResult, from: string) => void;
}

type Phase =
  | { readonly kind: 'edit' }
  | { readonly kind: 'running' }
  | { readonly kind: 'failed'; readonly problems: readonly ImportProblem[]; readonly hostError: string | null }
  | { readonly kind: 'done'; readonly result: ImportResult };

const ACCEPT: { readonly [R in ImportRole]?: string } = {
  compose: '.yml,.yaml',
  proxy: '.conf,.cfg,.caddyfile,.yml,.yaml,.toml,Caddyfile',
};

/** The import dialog (issue 14): choose files, import, then read the report and open the project. */
export function ImportDialog(props: ImportDialogProps) {
  return createPortal(<OpenImportDialog {...props} />, document.body);
}

function OpenImportDialog({ bridge, initial, onClose, onOpen }: ImportDialogProps) {
  const [files, setFiles] = useState<DraftFiles>(initial);
  const [profiles, setProfiles] = useState<readonly string[]>([]);
  const [phase, setPhase] = useState<Phase>({ kind: 'edit' });
  const [dragging, setDragging] = useState(false);
  const readsDisk = bridge.importReadsDisk === true;
  const run = bridge.importCompose;

  const edit = (change: (f: DraftFiles) => DraftFiles) => {
    setFiles(change);
    setPhase({ kind: 'edit' });
  };
  const hostPicker = (role: ImportRole) => {
    const pick = bridge.pickImportFiles;
    return pick === undefined || role === 'other' ? undefined : () => pick.call(bridge, role);
  };
  const start = async () => {
    if (run === undefined || files.compose.length === 0 || phase.kind === 'running') return;
    setPhase({ kind: 'running' });
    try {
      const outcome = await run.call(bridge, importRequest(files, profiles));
      setPhase(
        outcome.ok
          ? { kind: 'done', result: outcome.value }
          : { kind: 'failed', problems: outcome.problems, hostError: null },
      );
    } catch (error) {
      setPhase({ kind: 'failed', problems: [], hostError: error instanceof Error ? error.message : String(error) });
    }
  };
  // Files dropped on the open dialog join it, each in the section its name suggests (the
  // window's own drop handler, behind the portal, must not see them).
  const onDrop = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.stopPropagation();
    setDragging(false);
    const dropped = [...e.dataTransfer.files].map((file): ImportPick => ({ name: file.name, file }));
    if (dropped.length > 0) edit((f) => addFiles(f, dropped));
  };
  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };

  const section = (role: ImportRole, title: string, hint: string, empty: string, ordered = false) => {
    const pickFromHost = hostPicker(role);
    const accept = ACCEPT[role];
    return (
      <FileSection
        role={role}
        title={title}
        hint={hint}
        empty={empty}
        entries={files[role]}
        ordered={ordered}
        {...(accept === undefined ? {} : { accept })}
        {...(pickFromHost === undefined ? {} : { pickFromHost })}
        onAdd={(picks) => edit((f) => addFiles(f, picks, role))}
        onRemove={(id) => edit((f) => removeFile(f, role, id))}
        onMove={(id, by) => edit((f) => moveFile(f, role, id, by))}
      />
    );
  };

  const first = files.compose[0]?.pick.name ?? '';
  const status =
    phase.kind === 'running'
      ? 'Importing…'
      : phase.kind === 'done'
        ? `Imported ${plural(phase.result.report.services.length, 'service')} from ${first}. Open it to edit, check and save it.`
        : phase.kind === 'failed'
          ? 'Nothing was imported.'
          : files.compose.length === 0
            ? 'Add at least one compose file.'
            : `${plural(fileCount(files), 'file')} ready${profiles.length > 0 ? ` · profiles ${profiles.join(', ')}` : ''}.`;

  return (
    <DialogFrame
      title="Import compose files"
      subtitle="Turn an existing docker-compose deployment — with its .env and reverse-proxy configuration — into a new project. Nothing is written until you save."
      className={`pl-import${phase.kind === 'done' ? ' is-tall' : ''}${dragging ? ' is-dragging' : ''}`}
      testId="import-dialog"
      closeLabel="Close import"
      closeTestId="import-close"
      onClose={onClose}
      onDragOver={onDragOver}
      onDragLeave={(e) => {
        // Leaving for a child is no leaving: only when the pointer is outside the dialog.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="pl-import__frame">
        {phase.kind === 'done' ? (
          <ImportReportView result={phase.result} />
        ) : phase.kind === 'failed' ? (
          <ImportProblemsView problems={phase.problems} hostError={phase.hostError} canAddReferenced={!readsDisk} />
        ) : (
          <div className="pl-import__body pl-import__body--edit" aria-busy={phase.kind === 'running'}>
            <div className="pl-import__column">
              {section(
                'compose',
                'Compose files',
                'Merged in this order, like docker compose -f first.yml -f second.yml: later files override earlier ones.',
                'No compose file yet. Add docker-compose.yml (and its overrides), or drop them here.',
                true,
              )}
              {readsDisk
                ? null
                : section(
                    'other',
                    'Referenced files',
                    'Files the compose files name — extends and include targets, env_file entries. The browser reads only the files you add.',
                    'None. Add them if the import reports a missing file.',
                  )}
            </div>
            <div className="pl-import__column">
              {section(
                'env',
                'Environment files',
                'Values for ${VARIABLE} in the compose files, as --env-file. Without one, the .env beside the first compose file is used.',
                'None: the .env beside the compose file, if any.',
              )}
              {section(
                'proxy',
                'Reverse-proxy configurations',
                'nginx .conf, haproxy.cfg, Caddyfile or a Traefik dynamic .yml: public URLs become routes.',
                'None. Traefik labels in the compose files are read without one.',
              )}
              <ProfileChips
                profiles={profiles}
                onChange={(p) => {
                  setProfiles(p);
                  setPhase({ kind: 'edit' });
                }}
              />
            </div>
          </div>
        )}
      </div>
      <footer className="pl-export__footer pl-import__footer">
        <p className="pl-export__summary" role="status" data-testid="import-status">
          {status}
        </p>
        {phase.kind === 'done' || phase.kind === 'failed' ? (
          <button
            type="button"
            className="pl-button"
            onClick={() => setPhase({ kind: 'edit' })}
            data-testid="import-back"
          >
            Back to files
          </button>
        ) : null}
        <button type="button" className="pl-button" onClick={onClose}>
          Cancel
        </button>
        {phase.kind === 'done' ? (
          <button
            type="button"
            className="pl-button pl-button--primary"
            onClick={() => onOpen(phase.result, first)}
            data-testid="import-open"
          >
            Open project
          </button>
        ) : (
          <button
            type="button"
            className="pl-button pl-button--primary"
            onClick={() => void start()}
            disabled={files.compose.length === 0 || run === undefined}
            aria-disabled={phase.kind === 'running'}
            data-testid="import-run"
          >
            {phase.kind === 'running' ? 'Importing…' : 'Import'}
          </button>
        )}
      </footer>
    </DialogFrame>
  );
}
