/**
 * Markdown for the files the export writes (DEPLOYMENT.md): text escaped so a name from the
 * project can never become markup, code spans, tables.
 */
/** Characters that start inline markup, HTML, an entity, a table cell or (on GitHub) math. */
const MARKUP = new Set('\\`*[]<>|$&~#');
const WORD = /[A-Za-z0-9]/;
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\\`*[\]<>|$&~#_\s\u0000-\u001f\u007f-\u009f]|^[-+=\d]/;

/**
 * Project text as inline Markdown: whitespace collapsed (a line break would end a table row),
 * and every character that could start markup escaped. `_` is escaped only at a word edge, where
 * it can open emphasis, so variable names such as NEXTAUTH_DB_URI stay readable in the raw file.
 */
export function md(text: string): string {
  // Most names need nothing: the guide of a 1,000-component project calls this thousands of times.
  if (!NEEDS_WORK.test(text)) return text;
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  let out = '';
  for (let i = 0; i < flat.length; i++) {
    const c = flat[i]!;
    if (MARKUP.has(c)) out += `\\${c}`;
    else if (c === '_') out += WORD.test(flat[i - 1] ?? ' ') && WORD.test(flat[i + 1] ?? ' ') ? '_' : '\\_';
    else out += c;
  }
  // At the start of a line these would begin a list or a heading underline.
  return out.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([-+=])/, '\\$1');
}

/** A code span. Text with a backtick cannot sit in one safely, so it falls back to escaped text. */
export function code(text: string): string {
  if (!/[`\r\n|]/.test(text)) return `\`${text}\``;
  if (text.includes('`') || /[\r\n]/.test(text)) return md(text);
  // GitHub splits table cells on `|` even inside code spans.
  return `\`${text.replaceAll('|', '\\|')}\``;
}

/** A Markdown table; cells are already Markdown. */
export function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
}
