import type { Panel } from '../store/editor';
import { StrokeIcon } from '../StrokeIcon';
import { PANEL_ACTIONS } from './layout';
import { ariaShortcut, shortcutLabel } from './shortcut-labels';

const TITLES: Readonly<Record<Panel, string>> = {
  palette: 'palette',
  inspector: 'inspector',
  problems: 'problems panel',
};

/** Which way the chevron points for "fold this panel away", by where the panel sits. */
const FOLD_DIRECTION: Readonly<Record<Panel, 'left' | 'right' | 'down'>> = {
  palette: 'left',
  inspector: 'right',
  problems: 'down',
};

const OPPOSITE = { left: 'right', right: 'left', down: 'up', up: 'down' } as const;
const CHEVRON: Readonly<Record<'left' | 'right' | 'up' | 'down', string>> = {
  left: 'M10 3 5 8l5 5',
  right: 'M6 3l5 5-5 5',
  up: 'M3 10l5-5 5 5',
  down: 'M3 6l5 5 5-5',
};

/**
 * The button that folds a panel away or brings it back. Its accessible name says what it does
 * ("Hide palette"), `aria-expanded` says the state, and the shortcut (from the action registry)
 * is announced.
 */
export function PanelFold({
  panel,
  open,
  onToggle,
  className = '',
}: {
  readonly panel: Panel;
  readonly open: boolean;
  readonly onToggle: () => void;
  readonly className?: string;
}) {
  const direction = open ? FOLD_DIRECTION[panel] : OPPOSITE[FOLD_DIRECTION[panel]];
  const label = `${open ? 'Hide' : 'Show'} ${TITLES[panel]}`;
  const keys = shortcutLabel(PANEL_ACTIONS[panel]);
  return (
    <button
      type="button"
      className={`pl-fold ${className}`}
      aria-label={label}
      title={keys === undefined ? label : `${label} (${keys})`}
      aria-expanded={open}
      aria-keyshortcuts={ariaShortcut(PANEL_ACTIONS[panel])}
      onClick={onToggle}
      data-testid={`fold-${panel}`}
    >
      <StrokeIcon d={CHEVRON[direction]} size={14} />
    </button>
  );
}

/** What a folded side panel leaves behind: a narrow rail with its name and the way back. */
export function PanelRail({
  panel,
  title,
  onToggle,
}: {
  readonly panel: 'palette' | 'inspector';
  readonly title: string;
  readonly onToggle: () => void;
}) {
  return (
    <div className={`pl-rail pl-rail--${panel}`} data-testid={`rail-${panel}`}>
      <PanelFold panel={panel} open={false} onToggle={onToggle} />
      <span className="pl-rail__title" aria-hidden="true">
        {title}
      </span>
    </div>
  );
}
