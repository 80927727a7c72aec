import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { saveProject } from '../../../shared/format/index';
import { PAPERS } from '../../../shared/render/pdf-page';
import { svgSize } from '../../../shared/render/picture-size';
import type { PictureTheme, PictureView } from '../../../shared/render/types';
import { getBridge, type Bridge } from '../bridge';
import { DialogFrame } from '../DialogFrame';
import { useEditor } from '../store/context';
import type { PictureSource } from './compose';
import { clipboardFailure, copyPng } from './clipboard';
import { localDate } from './date';
import { loadedPictures, loadPictures } from './load';
import {
  defaultSettings,
  describeOutput,
  PAPER_LABELS,
  pictureFileName,
  type PictureFormat,
  type PictureSettings,
} from './options';
import { canvasPixels, svgDataUrl } from './raster';
import '../export/export.css';
import './picture.css';

/**
 * "Export diagram…": the diagram as SVG, PNG (1× or 2×) or PDF (A4, A3, Letter or a page the
 * size of the picture, either way round), light or dark, the full diagram or its overview,
 * redacted or not, with a live preview of the very SVG that will be written. Mount once inside
 * the EditorProvider; it renders into document.body while the store's dialog is `export-diagram`.
 */
export function ExportDiagramDialog({ bridge }: { readonly bridge?: Bridge }) {
  const open = useEditor((s) => s.dialog === 'export-diagram' && s.project !== null);
  return open ? createPortal(<OpenDialog bridge={bridge ?? getBridge()} />, document.body) : null;
}

type Choice = Omit<PictureSettings, 'redact' | 'problemBadges'>;

type Status =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy'; readonly what: string }
  | { readonly kind: 'done'; readonly text: string }
  | { readonly kind: 'failed'; readonly text: string };

const FORMATS: readonly { readonly id: PictureFormat; readonly label: string }[] = [
  { id: 'png', label: 'PNG' },
  { id: 'svg', label: 'SVG' },
  { id: 'pdf', label: 'PDF' },
];

/** The picture code, loaded on first use; the dialog shows "Preparing…" until then. */
function usePictures() {
  const [pictures, setPictures] = useState(loadedPictures);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (pictures !== undefined) return;
    let live = true;
    loadPictures().then(
      (p) => live && setPictures(p),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => void (live = false);
  }, [pictures]);
  return { pictures, error };
}

const kb = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function OpenDialog({ bridge }: { readonly bridge: Bridge }) {
  const project = useEditor((s) => s.project)!;
  const diagnostics = useEditor((s) => s.diagnostics);
  const audience = useEditor((s) => s.audience);
  const toggleRedaction = useEditor((s) => s.toggleRedaction);
  const toggleProblemBadges = useEditor((s) => s.toggleProblemBadges);
  const setDialog = useEditor((s) => s.setDialog);
  const close = () => setDialog(null);
  const [choice, setChoice] = useState<Choice>(() => {
    const { redact: _r, problemBadges: _b, ...rest } = defaultSettings(audience);
    return rest;
  });
  const settings: PictureSettings = { ...choice, redact: audience.redact, problemBadges: audience.problemBadges };
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const { pictures, error } = usePictures();

  const text = useMemo(() => saveProject(project), [project]);
  const [date] = useState(localDate);
  const source = useMemo<PictureSource>(
    () => ({ project, text, diagnostics, date }),
    [project, text, diagnostics, date],
  );
  const { theme, view } = choice;
  const { redact, problemBadges } = audience;
  // The SVG is the picture: the preview shows it, and PNG and PDF are drawn from it.
  const svg = useMemo(
    () => (pictures ? pictures.pictureSvg(source, { theme, view, redact, problemBadges }) : null),
    [pictures, source, theme, view, redact, problemBadges],
  );
  const size = svg === null ? null : svgSize(svg);
  const preview = useMemo(() => (svg === null ? null : svgDataUrl(svg)), [svg]);
  const pixels = size === null ? null : canvasPixels(size, choice.scale);
  const tooLarge = choice.format === 'png' && pixels !== null && 'tooLarge' in pixels ? pixels.tooLarge : null;
  const name = pictureFileName(project.meta.name, settings);
  const busy = status.kind === 'busy';

  const update = (change: Partial<Choice>) => {
    setChoice((c) => ({ ...c, ...change }));
    if (status.kind !== 'busy') setStatus({ kind: 'idle' });
  };

  const save = async () => {
    if (!pictures) return;
    setStatus({ kind: 'busy', what: `Drawing ${name}…` });
    try {
      const file = await pictures.pictureFile(source, settings);
      const saved = await bridge.savePicture(file);
      setStatus(
        saved === null
          ? { kind: 'idle' }
          : {
              kind: 'done',
              text: `${bridge.platform === 'browser' ? 'Downloaded' : 'Saved'} ${saved} (${kb(file.bytes.length)})`,
            },
      );
    } catch (e) {
      setStatus({
        kind: 'failed',
        text: `Could not export the picture: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  };

  const copy = async () => {
    if (!pictures) return;
    setStatus({ kind: 'busy', what: 'Copying…' });
    try {
      await copyPng(pictures.picturePng(source, settings));
      setStatus({ kind: 'done', text: 'Copied to the clipboard as a PNG image' });
    } catch (e) {
      setStatus({ kind: 'failed', text: clipboardFailure(e) });
    }
  };

  return (
    <DialogFrame
      title="Export diagram"
      subtitle={
        <>
          A picture of {project.meta.name} with its title block and legend. The picture carries the project: open or
          drop it in Portolan to edit it again.
        </>
      }
      className="pl-picture"
      testId="export-diagram-dialog"
      closeLabel="Close export"
      closeTestId="export-diagram-close"
      onClose={close}
    >
      <div className="pl-picture__body">
        <div className="pl-picture__options">
          <Segmented
            legend="Format"
            name="format"
            value={choice.format}
            options={FORMATS}
            onChange={(format) => update({ format })}
          />
          {choice.format === 'png' ? (
            <Segmented
              legend="Size"
              name="scale"
              value={String(choice.scale) as '1' | '2'}
              options={[
                { id: '1', label: '1×' },
                { id: '2', label: '2×' },
              ]}
              onChange={(scale) => update({ scale: scale === '1' ? 1 : 2 })}
              hint={choice.scale === 2 ? 'Sharp on projectors and high-density screens.' : 'One pixel per point.'}
            />
          ) : null}
          {choice.format === 'pdf' ? (
            <>
              <Segmented
                legend="Paper"
                name="paper"
                value={choice.paper}
                options={PAPERS.map((id) => ({ id, label: PAPER_LABELS[id] }))}
                onChange={(paper) => update({ paper })}
              />
              <label className="pl-picture__check">
                <input
                  type="checkbox"
                  checked={choice.landscape}
                  disabled={choice.paper === 'fit'}
                  onChange={(e) => update({ landscape: e.target.checked })}
                  data-testid="export-diagram-landscape"
                />
                Landscape
              </label>
            </>
          ) : null}
          <Segmented<PictureTheme>
            legend="Theme"
            name="theme"
            value={choice.theme}
            options={[
              { id: 'light', label: 'Light' },
              { id: 'dark', label: 'Dark' },
            ]}
            onChange={(theme) => update({ theme })}
          />
          <Segmented<PictureView>
            legend="View"
            name="view"
            value={choice.view}
            options={[
              { id: 'full', label: 'Full' },
              { id: 'overview', label: 'Overview' },
            ]}
            onChange={(view) => update({ view })}
            hint={
              choice.view === 'overview'
                ? 'Components, zones and public URLs, without port rows.'
                : 'Everything the canvas shows.'
            }
          />
          <fieldset className="pl-picture__group">
            <legend className="pl-export__label">For the audience</legend>
            <label className="pl-picture__check">
              <input
                type="checkbox"
                checked={audience.redact}
                onChange={() => toggleRedaction()}
                data-testid="export-diagram-redact"
              />
              Redact host names, addresses, registry and values
            </label>
            <label className="pl-picture__check">
              <input
                type="checkbox"
                checked={audience.problemBadges}
                onChange={() => toggleProblemBadges()}
                data-testid="export-diagram-badges"
              />
              Show problem badges
            </label>
            <p className="pl-export__hint">The same switches as in presentation. Secrets never appear in a picture.</p>
          </fieldset>
        </div>

        <section className="pl-picture__preview" aria-label="Preview">
          {preview !== null ? (
            <img
              className={`pl-picture__image pl-picture__image--${choice.theme}`}
              src={preview}
              alt={`Preview of the ${choice.view === 'overview' ? 'overview' : 'diagram'} of ${project.meta.name}`}
              data-testid="export-diagram-preview"
            />
          ) : (
            <p className="pl-picture__wait">{error ? `The picture could not be drawn: ${error}` : 'Preparing…'}</p>
          )}
          {size !== null ? (
            <p className="pl-picture__facts" data-testid="export-diagram-facts">
              {describeOutput(settings, size)}
            </p>
          ) : null}
        </section>
      </div>

      {tooLarge !== null ? (
        <Banner tone="warning" title="Too large for PNG at this size">
          {tooLarge}
        </Banner>
      ) : status.kind === 'failed' ? (
        <Banner tone="error" title="Nothing was exported">
          {status.text}
        </Banner>
      ) : null}

      <footer className="pl-export__footer">
        <p className="pl-export__summary" role="status" data-testid="export-diagram-status">
          {status.kind === 'busy'
            ? status.what
            : status.kind === 'done'
              ? status.text
              : status.kind === 'failed'
                ? 'Not exported'
                : name}
        </p>
        <button
          type="button"
          className="pl-button"
          onClick={() => void (busy || copy())}
          // Not `disabled` while busy: a focused button that becomes disabled drops focus out of the dialog.
          aria-disabled={busy}
          disabled={!pictures || (tooLarge !== null && choice.format === 'png')}
          data-testid="export-diagram-copy"
        >
          Copy as image
        </button>
        <button type="button" className="pl-button" onClick={close}>
          {status.kind === 'done' ? 'Close' : 'Cancel'}
        </button>
        <button
          type="button"
          className="pl-button pl-button--primary"
          onClick={() => void (busy || save())}
          aria-disabled={busy}
          disabled={!pictures || tooLarge !== null}
          data-testid="export-diagram-save"
        >
          Save {choice.format.toUpperCase()}
        </button>
      </footer>
    </DialogFrame>
  );
}

function Segmented<T extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  hint,
}: {
  readonly legend: string;
  readonly name: string;
  readonly value: T;
  readonly options: readonly { readonly id: T; readonly label: string }[];
  readonly onChange: (value: T) => void;
  readonly hint?: string;
}) {
  return (
    <fieldset className="pl-picture__group">
      <legend className="pl-export__label">{legend}</legend>
      <div className="pl-segmented">
        {options.map((o) => (
          <label key={o.id} className={`pl-segmented__option${o.id === value ? ' is-checked' : ''}`}>
            <input
              type="radio"
              name={`pl-picture-${name}`}
              value={o.id}
              checked={o.id === value}
              onChange={() => onChange(o.id)}
              data-testid={`export-diagram-${name}-${o.id}`}
            />
            {o.label}
          </label>
        ))}
      </div>
      {hint ? <p className="pl-export__hint">{hint}</p> : null}
    </fieldset>
  );
}

function Banner({
  tone,
  title,
  children,
}: {
  readonly tone: 'error' | 'warning';
  readonly title: string;
  readonly children: ReactNode;
}) {
  return (
    <div className={`pl-banner pl-banner--${tone}`} role={tone === 'error' ? 'alert' : 'note'}>
      <div className="pl-banner__body">
        <p className="pl-banner__title">{title}</p>
        <p>{children}</p>
      </div>
    </div>
  );
}
