/**
 * The unsaved-changes prompt: when it is needed, what it offers, and what each answer means.
 * Pure, so every branch is tested; main shows the dialog and carries out the decision.
 */

export type UnsavedReason = 'close' | 'open-other' | 'new';

/** What main knows about the document when it is about to be closed or replaced. */
export interface DocumentStatus {
  readonly dirty: boolean;
  /** Whether main has the current text (the page answered), so Save can be offered. */
  readonly canSave: boolean;
  readonly name: string | null;
}

export type UnsavedChoice = 'save' | 'discard' | 'cancel';

export interface UnsavedPrompt {
  readonly message: string;
  readonly detail: string;
  /** Button labels in dialog order; `choices[i]` is what button i means. */
  readonly buttons: readonly string[];
  readonly choices: readonly UnsavedChoice[];
  readonly defaultId: number;
  readonly cancelId: number;
}

/** The prompt to show, or null when nothing would be lost. */
export function unsavedPrompt(status: DocumentStatus, reason: UnsavedReason): UnsavedPrompt | null {
  if (!status.dirty) return null;
  const name = status.name ?? 'this project';
  const action = reason === 'close' ? 'closing' : reason === 'new' ? 'starting a new project' : 'opening another file';
  const choices: UnsavedChoice[] = status.canSave ? ['save', 'discard', 'cancel'] : ['discard', 'cancel'];
  const label: Record<UnsavedChoice, string> = { save: 'Save', discard: "Don't Save", cancel: 'Cancel' };
  return {
    message: `Save the changes to ${name} before ${action}?`,
    detail: status.canSave
      ? 'Your changes will be lost if you do not save them.'
      : 'The editor did not answer, so its latest changes cannot be saved from here; a recovery copy is kept.',
    buttons: choices.map((c) => label[c]),
    choices,
    defaultId: 0,
    cancelId: choices.indexOf('cancel'),
  };
}

/** The choice behind a dialog answer; anything unexpected (closed dialog) is Cancel. */
export function choiceFor(prompt: UnsavedPrompt, response: number): UnsavedChoice {
  return prompt.choices[response] ?? 'cancel';
}

export type Proceed = 'proceed' | 'save-then-proceed' | 'stay';

/** What to do: go ahead, save first (and go ahead only if the save succeeds), or stay. */
export function decideUnsaved(status: DocumentStatus, choice: UnsavedChoice | null): Proceed {
  if (!status.dirty) return 'proceed';
  if (choice === 'discard') return 'proceed';
  if (choice === 'save' && status.canSave) return 'save-then-proceed';
  return 'stay';
}
