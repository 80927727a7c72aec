interface TitleBarProps {
  readonly projectName: string | null;
  readonly onBack: (() => void) | null;
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
export function TitleBar({ projectName, onBack }: TitleBarProps) {
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
          </>
        ) : null}
      </div>
      {onBack ? (
        <button
          type="button"
          className="pl-button pl-button--quiet"
          onClick={onBack}
          aria-label="Back to templates"
          data-testid="back-to-welcome"
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path
              d="M10 3 5 8l5 5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          Templates
        </button>
      ) : null}
    </header>
  );
}
