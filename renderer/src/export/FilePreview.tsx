import { lazy, Suspense, useMemo, type KeyboardEvent } from 'react';
import type { ExportFile } from '../../../shared/export/index';
import { fileTree } from './file-tree';
import { EyeIcon, FileIcon, FolderIcon } from './icons';
import { previewMask } from './mask';

// CodeMirror is loaded with the dialog's first use, not with the editor: it is not needed to draw.
const CodePreview = lazy(() => import('./CodePreview').then((m) => ({ default: m.CodePreview })));

export interface FilePreviewProps {
  readonly files: readonly ExportFile[];
  readonly file: ExportFile;
  readonly onSelect: (file: ExportFile, index: number) => void;
  /** Whether a `.env` variable holds a secret (mask.ts `dotenvSecrets`). */
  readonly isSecret: (name: string) => boolean;
  readonly reveal: boolean;
  readonly onReveal: (reveal: boolean) => void;
}

/**
 * The export's files as a folder tree beside the preview of the chosen one. Files that hold
 * secrets (`.env`, a Secret manifest, any private file) are shown masked until revealed, so a
 * preview on a shared screen gives nothing away. Up and down move through the files.
 */
export function FilePreview({ files, file, onSelect, isSecret, reveal, onReveal }: FilePreviewProps) {
  const rows = useMemo(() => fileTree(files), [files]);
  const mask = previewMask(file, isSecret);
  const shown = mask !== null && !reveal ? mask(file.contents) : file.contents;

  const onListKey = (event: KeyboardEvent<HTMLUListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const at = files.indexOf(file);
    const next = Math.max(0, Math.min(files.length - 1, at + (event.key === 'ArrowDown' ? 1 : -1)));
    onSelect(files[next]!, next);
    event.currentTarget.querySelectorAll<HTMLButtonElement>('button')[next]?.focus();
  };

  return (
    <div className="pl-export__body">
      <nav className="pl-export__files" aria-label="Exported files">
        <ul className="pl-filelist" onKeyDown={onListKey} data-testid="export-files">
          {rows.map((row) =>
            row.kind === 'folder' ? (
              <li
                key={`folder:${row.path}:${row.depth}`}
                className="pl-filelist__folder"
                style={{ paddingLeft: `${row.depth * 14}px` }}
                data-testid="export-folder"
                data-path={row.path}
              >
                <FolderIcon />
                <span className="pl-filelist__path">{row.name}/</span>
              </li>
            ) : (
              <li key={row.file.path} style={{ paddingLeft: `${row.depth * 14}px` }}>
                <button
                  type="button"
                  className={`pl-filelist__item${row.file === file ? ' is-current' : ''}`}
                  aria-current={row.file === file ? 'true' : undefined}
                  title={row.file.path}
                  onClick={() => onSelect(row.file, row.index)}
                  data-testid="export-file"
                  data-path={row.file.path}
                >
                  <FileIcon secret={row.file.mode === 0o600} />
                  <span className="pl-filelist__path">{row.name}</span>
                  <span className="pl-filelist__meta">
                    {row.file.mode === 0o600 ? 'secrets · ' : ''}
                    {formatSize(row.file.contents)}
                  </span>
                </button>
              </li>
            ),
          )}
        </ul>
      </nav>
      <section className="pl-export__preview" aria-label={`Preview of ${file.path}`}>
        <div className="pl-export__previewbar">
          <span className="pl-export__path">{file.path}</span>
          <span className="pl-export__mode" title="File mode">
            {file.mode.toString(8).padStart(4, '0')}
          </span>
          {mask !== null ? (
            <button
              type="button"
              className="pl-button pl-button--small"
              aria-pressed={reveal}
              onClick={() => onReveal(!reveal)}
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
  );
}

function formatSize(text: string): string {
  const bytes = new TextEncoder().encode(text).length;
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
