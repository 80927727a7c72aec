import { ariaShortcut, shortcutLabel } from './editor/shortcut-labels';
import { StrokeIcon } from './StrokeIcon';

interface TitleBarProps {
  readonly projectName: string | null;
  readonly fileName?: string | null;
  readonly dirty?: boolean;
  readonly onBack: (() => void) | null;
  readonly onCommands?: (() => void) | null;
  readonly onExport?: (() => void) | null;
}

function LogoMark() {
  // A compass rose: Portolan charts are navigation charts.
  return (
    <svg className="pl-logo" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
      <circle cx="12" cy="12" r="10.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path d="M12 3.5 14.2 12 12 20.5 9.8 12Z" fill="currentColor" />
      <path d="M3.5 12 12 9.8 20.5 12 12 14.2Z" fill="currentColor" opacity="0.45" />
    </svg>
  );
}

/** The application bar: product name, the open project's name, and the way back to the templates. */
export function TitleBar({
  projectName,
  fileName = null,
  dirty = false,
  onBack,
  onCommands = null,
  onExport = null,
}: TitleBarProps) {
  return (
    <header className="pl-titlebar" data-testid="titlebar">
      <div className="pl-titlebar__brand">
        <LogoMark />
        <span className="pl-titlebar__product" data-testid="product-name">
          Portolan
        </span>
        {projectName !== null ? (
          <>
            <span className="pl-titlebar__sep" aria-hidden="true">
              /
            </span>
            <h1 className="pl-titlebar__project" data-testid="project-name">
              {projectName}
            </h1>
            <span className="pl-titlebar__file" data-testid="file-name">
              {fileName ?? 'not saved yet'}
            </span>
            {dirty ? (
              <span className="pl-titlebar__dirty" role="img" aria-label="Unsaved changes" data-testid="dirty-mark" />
            ) : null}
          </>
        ) : null}
      </div>
      <div className="pl-titlebar__tools">
        {onCommands ? (
          <button
            type="button"
            className="pl-button pl-button--quiet"
            onClick={onCommands}
            data-testid="open-commands"
            aria-keyshortcuts={ariaShortcut('command-palette')}
          >
            Commands <kbd className="pl-kbd">{shortcutLabel('command-palette')}</kbd>
          </button>
        ) : null}
        {onExport ? (
          <button type="button" className="pl-button" onClick={onExport} data-testid="open-export">
            Export
          </button>
        ) : null}
        {onBack ? (
          <button
            type="button"
            className="pl-button pl-button--quiet"
            onClick={onBack}
            aria-label="Back to templates"
            data-testid="back-to-welcome"
          >
            <StrokeIcon d="M10 3 5 8l5 5" size={14} />
            Templates
          </button>
        ) : null}
      </div>
    </header>
  );
}
