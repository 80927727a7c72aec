import { useEffect, useRef } from 'react';
import { yaml } from '@codemirror/lang-yaml';
import { HighlightStyle, StreamLanguage, syntaxHighlighting, type StreamParser } from '@codemirror/language';
import { nginx } from '@codemirror/legacy-modes/mode/nginx';
import { properties } from '@codemirror/legacy-modes/mode/properties';
import { shell } from '@codemirror/legacy-modes/mode/shell';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
// @codemirror/language's own highlighting vocabulary (one of its dependencies).
import { tags as t } from '@lezer/highlight';

/** Headings, lists, inline code and fences: enough colour for DEPLOYMENT.md without a Markdown parser. */
const markdownish: StreamParser<{ fence: boolean }> = {
  name: 'markdown',
  startState: () => ({ fence: false }),
  token(stream, state) {
    if (stream.sol() && stream.match(/^\s*```/)) {
      state.fence = !state.fence;
      stream.skipToEnd();
      return 'meta';
    }
    if (state.fence) {
      stream.skipToEnd();
      return 'string';
    }
    if (stream.sol() && stream.match(/^#{1,6}\s.*/)) return 'heading';
    if (stream.sol() && stream.match(/^\s*(?:[-*+]|\d+\.)\s/)) return 'keyword';
    if (stream.match(/^`[^`]*`/)) return 'string';
    if (stream.match(/^\*\*[^*]+\*\*/)) return 'strong';
    stream.next();
    stream.eatWhile(/[^`*]/);
    return null;
  },
};

/** `#` comments, quoted strings and leading keywords: HAProxy, Caddyfile and sentinel.conf. */
const hashComments: StreamParser<null> = {
  name: 'config',
  startState: () => null,
  token(stream) {
    const atWordStart = stream.pos === 0 || /\s/.test(stream.string.charAt(stream.pos - 1));
    if (atWordStart && stream.match(/^#.*/)) return 'comment';
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return 'string';
    if (stream.sol() && stream.match(/^\s*[A-Za-z_][\w.-]*(?=\s|$)/)) return 'keyword';
    if (atWordStart && stream.match(/^\d+(?:\.\d+)?(?=\s|$)/)) return 'number';
    stream.next();
    stream.eatWhile(/[^#"\s]/);
    return null;
  },
};

const LANGUAGES = {
  yaml: yaml(),
  nginx: StreamLanguage.define(nginx),
  env: StreamLanguage.define(properties),
  markdown: StreamLanguage.define(markdownish),
  config: StreamLanguage.define(hashComments),
  // The Kubernetes export's secrets/apply.sh.
  shell: StreamLanguage.define(shell),
};

/** The highlighting of an exported file, chosen by its name. */
export function languageFor(path: string): Extension {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (/\.ya?ml$/.test(name)) return LANGUAGES.yaml;
  if (name === 'nginx.conf') return LANGUAGES.nginx;
  if (name === '.env' || name.endsWith('.env')) return LANGUAGES.env;
  if (name.endsWith('.md')) return LANGUAGES.markdown;
  if (name.endsWith('.sh')) return LANGUAGES.shell;
  return LANGUAGES.config;
}

// Colours are CSS variables (export.css) so the preview follows the light and dark theme.
const HIGHLIGHT = HighlightStyle.define([
  { tag: t.comment, color: 'var(--code-comment)', fontStyle: 'italic' },
  { tag: [t.keyword, t.controlKeyword, t.definitionKeyword, t.modifier], color: 'var(--code-keyword)' },
  {
    tag: [t.propertyName, t.definition(t.propertyName), t.definition(t.variableName), t.attributeName, t.tagName],
    color: 'var(--code-property)',
  },
  { tag: [t.string, t.special(t.string), t.quote, t.content], color: 'var(--code-string)' },
  { tag: [t.number, t.bool, t.atom, t.null], color: 'var(--code-number)' },
  { tag: [t.variableName, t.special(t.variableName), t.standard(t.variableName)], color: 'var(--code-variable)' },
  { tag: [t.meta, t.processingInstruction, t.labelName], color: 'var(--code-meta)' },
  { tag: t.heading, color: 'var(--code-heading)', fontWeight: '650' },
  { tag: t.strong, fontWeight: '650' },
  { tag: t.invalid, color: 'var(--code-invalid)' },
]);

const THEME = EditorView.theme({
  '&': { height: '100%', fontSize: '12.5px', color: 'var(--text)', backgroundColor: 'var(--bg-raised)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.6' },
  '.cm-content': { padding: '8px 0' },
  '.cm-line': { padding: '0 16px 0 8px' },
  '.cm-gutters': {
    backgroundColor: 'var(--bg-raised)',
    color: 'var(--text-faint)',
    borderRight: '1px solid var(--border)',
  },
  '.cm-lineNumbers .cm-gutterElement': { padding: '0 8px 0 12px', minWidth: '40px' },
});

const BASE: Extension = [
  lineNumbers(),
  EditorState.readOnly.of(true),
  EditorView.editable.of(false),
  syntaxHighlighting(HIGHLIGHT),
  THEME,
];

export interface CodePreviewProps {
  /** The exported file's path: picks the highlighting and names the preview for screen readers. */
  readonly path: string;
  readonly text: string;
}

/**
 * A read-only CodeMirror 6 view of one exported file. The view is created once and its
 * document replaced on change, so switching the masked/revealed `.env` keeps the scroll position.
 */
export function CodePreview({ path, text }: CodePreviewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const shownPath = useRef<string | null>(null);
  const refocus = useRef(false);

  useEffect(() => {
    // This view replaces the plain-text fallback once the highlighter has loaded. If the fallback
    // had the keyboard focus, removing it dropped focus to <body>, outside the dialog: hand it on.
    const focusLost = document.activeElement === null || document.activeElement === document.body;
    const created = new EditorView({ parent: host.current!, state: EditorState.create({ extensions: BASE }) });
    view.current = created;
    shownPath.current = null;
    refocus.current = focusLost && host.current?.closest('[role="dialog"]') !== null;
    return () => {
      created.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const current = view.current;
    if (current === null) return;
    if (shownPath.current !== path) {
      // Another file: a fresh state, scrolled to the top.
      current.setState(
        EditorState.create({
          doc: text,
          extensions: [
            BASE,
            languageFor(path),
            // Prose wraps; configuration keeps one line per directive.
            path.endsWith('.md') ? EditorView.lineWrapping : [],
            EditorView.contentAttributes.of({ 'aria-label': `Contents of ${path}`, tabindex: '0' }),
          ],
        }),
      );
      shownPath.current = path;
      // The content is focusable (tabindex) only now that the state carries its attributes.
      if (refocus.current) {
        refocus.current = false;
        current.contentDOM.focus();
      }
    } else if (current.state.doc.toString() !== text) {
      current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: text } });
    }
  }, [path, text]);

  return <div ref={host} className="pl-code" data-testid="export-preview" data-file={path} />;
}
