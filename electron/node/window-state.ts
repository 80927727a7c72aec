/**
 * Remembered window size and position. The saved bounds are trusted only as far as they are
 * still visible: a monitor may have been unplugged or rearranged since, so the window is moved
 * back onto a display (and shrunk to fit it) instead of opening off-screen.
 */
import { promises as fs } from 'node:fs';
import { writeFileAtomic } from './files';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly bounds: Rect;
  readonly maximized: boolean;
}

export interface WindowDefaults {
  readonly width: number;
  readonly height: number;
  readonly minWidth: number;
  readonly minHeight: number;
}

/** How much of the window (from its top-left, where the title bar is) must be on a display. */
const MIN_VISIBLE = { width: 120, height: 60 };

const isFiniteInt = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 1e6;

export function parseWindowState(text: string): WindowState | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const v = value as { bounds?: Partial<Record<keyof Rect, unknown>>; maximized?: unknown } | null;
  const b = v?.bounds;
  if (!b || !isFiniteInt(b.x) || !isFiniteInt(b.y) || !isFiniteInt(b.width) || !isFiniteInt(b.height)) return null;
  if (b.width <= 0 || b.height <= 0) return null;
  return {
    bounds: { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) },
    maximized: v?.maximized === true,
  };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/** The default window centred on the primary (first) display, fitted to it. */
function centred(area: Rect, defaults: WindowDefaults): Rect {
  const width = Math.min(defaults.width, area.width);
  const height = Math.min(defaults.height, area.height);
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where to open the window. `workAreas` are the displays' work areas, primary first. Saved
 * bounds whose title-bar corner is on a display are kept, shrunk to that display and moved
 * inside it; otherwise the default size is centred on the primary display.
 */
export function restoreBounds(saved: WindowState | null, workAreas: readonly Rect[], defaults: WindowDefaults): Rect {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: defaults.width, height: defaults.height };
  if (saved === null) return centred(primary, defaults);
  const b = saved.bounds;
  const corner: Rect = { x: b.x, y: b.y, width: MIN_VISIBLE.width, height: MIN_VISIBLE.height };
  const display = workAreas.find((area) => {
    const o = overlap(corner, area);
    return o.width >= MIN_VISIBLE.width && o.height >= MIN_VISIBLE.height;
  });
  if (display === undefined) return centred(primary, defaults);
  const width = Math.min(Math.max(b.width, defaults.minWidth), display.width);
  const height = Math.min(Math.max(b.height, defaults.minHeight), display.height);
  const x = Math.min(Math.max(b.x, display.x), display.x + display.width - width);
  const y = Math.min(Math.max(b.y, display.y), display.y + display.height - height);
  return { x, y, width, height };
}

export function serializeWindowState(state: WindowState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

export async function loadWindowState(file: string): Promise<WindowState | null> {
  return parseWindowState(await fs.readFile(file, 'utf8').catch(() => ''));
}

export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  await writeFileAtomic(file, serializeWindowState(state), { overwrite: true, mode: 0o600 });
}
