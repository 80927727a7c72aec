/**
 * Which action a keydown means, from the registry's chords alone: the page's keyboard handler
 * asks this and keeps no key table of its own.
 */
import { matchesChord, type KeyEventLike } from './chord';
import { ACTIONS, appliesIn, chordsOf, type ActionDefinition, type ActionId } from './registry';

/** Where the key was pressed. */
export interface KeyContext {
  readonly mac: boolean;
  /** Focus is in a text field (input, textarea, select, contenteditable). */
  readonly typing: boolean;
  /** The command palette is open. */
  readonly dialogOpen: boolean;
  readonly presenting: boolean;
}

/**
 * The action whose chord this keydown is, in the current mode, or null. In a text field only
 * actions marked `inTextFields` answer (the field keeps Ctrl+Z, Delete, Shift+1 …); with the
 * command palette open only those marked `overDialogs`. The registry's test keeps chords
 * unique per mode, so at most one action answers.
 */
export function actionForKey(event: KeyEventLike, context: KeyContext): ActionId | null {
  for (const action of ACTIONS as readonly (ActionDefinition & { id: ActionId })[]) {
    const shortcut = action.shortcut;
    if (shortcut === undefined || !appliesIn(action.when, context.presenting)) continue;
    if (context.typing && shortcut.inTextFields !== true) continue;
    if (context.dialogOpen && shortcut.overDialogs !== true) continue;
    if (chordsOf(action.id, context.mac).some((chord) => matchesChord(chord, event, context.mac))) return action.id;
  }
  return null;
}
