/**
 * `${…}` in a literal value. `${NAME}` refers to a variable of the exported `.env` (a secret or
 * an operator input; NA032 checks it names one), and `$${…}` is the text `${…}` itself —
 * compose's own escape, which an imported value needs (`PRICE_NOTE: "per $${UNIT}"` is the text
 * `per ${UNIT}` in the container). Every other `$` is plain text.
 */

/** Whether the `${` at `index` of `text` is escaped (written `$${`). */
export function isEscapedAt(text: string, index: number): boolean {
  return index > 0 && text.charCodeAt(index - 1) === 36; // '$'
}

/** `text` (plain text, e.g. a value after compose's interpolation) as a literal: every `${…}` escaped. */
export function escapeReferences(text: string): string {
  return text.replace(/\$\{[^}]*\}/g, (m) => `$${m}`);
}

/** A literal as the text it stands for (`$${` → `${`): what `.env`, which does not interpolate, holds. */
export function unescapeReferences(text: string): string {
  return text.replace(/\$(\$\{[^}]*\})/g, (_m, braced: string) => braced);
}
