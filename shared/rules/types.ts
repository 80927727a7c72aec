import type { Project } from '../model/types';
import type { CheckContext } from './context';

export type Severity = 'error' | 'warning' | 'info';

export interface DocsLink {
  readonly url: string;
  /** Section title on the page, when the rule rests on one section. */
  readonly section?: string;
}

export type ElementType = 'component' | 'link' | 'route' | 'zone';

export interface ElementRef {
  readonly type: ElementType;
  readonly id: string;
}

/** One finding of one rule. Names elements by display name in `message` and by id in `elements`. */
export interface Diagnostic {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** The elements involved, most relevant first: the canvas badges them, the CLI locates the first. */
  readonly elements: readonly ElementRef[];
  /** Set when the architect accepted this diagnostic (see Project.suppressions). */
  readonly suppressed?: { readonly reason: string };
}

/** What a rule's check reports; the engine adds the rule id and default severity. */
export interface Finding {
  readonly message: string;
  readonly elements: readonly ElementRef[];
  /** Overrides the rule's severity for this finding. */
  readonly severity?: Severity;
}

/**
 * What a quick fix asks the architect before it can apply, when the fix cannot know the value
 * (the nextAuth version a customer was supplied). The editor shows it as an inline form; the
 * fix applies only with an answer `validate` accepts.
 */
export interface FixQuestion {
  /** The input's label, e.g. "nextAuth version (image tag)". */
  readonly label: string;
  /** An example answer shown in the empty input, e.g. "e.g. 1.4.2". */
  readonly placeholder?: string;
  /** The answer the form starts with, when the project suggests one; empty by default. */
  readonly initial?: (diagnostic: Diagnostic, project: Project) => string;
  /** Why the answer cannot be used (one sentence for the form), or undefined when it can. */
  readonly validate: (answer: string) => string | undefined;
}

export interface Fix {
  /** Whether the fix can handle this diagnostic; the UI shows its button only then. Default: always. */
  readonly applies?: (diagnostic: Diagnostic, project: Project) => boolean;
  /** Button label, e.g. "Set NEXTAUTH_DEFAULT_WS_URL to wss://auth.example.com/". */
  readonly title: (diagnostic: Diagnostic, project: Project) => string;
  /** Set when the fix needs a value from the architect; `apply` then receives the validated answer. */
  readonly ask?: FixQuestion;
  /**
   * Pure: returns the fixed project. Returns the input unchanged when nothing applies — and, for
   * a fix that asks, when the answer is missing or `ask.validate` refuses it.
   */
  readonly apply: (project: Project, diagnostic: Diagnostic, answer?: string) => Project;
}

export interface Rule {
  /** Stable id, e.g. `NA001`. Never reused for another meaning. */
  readonly id: string;
  /** Short kebab name, used in SARIF. */
  readonly name: string;
  readonly title: string;
  readonly severity: Severity;
  readonly docs: DocsLink;
  /** One sentence a customer would understand. */
  readonly why: string;
  readonly check: (ctx: CheckContext) => Iterable<Finding>;
  readonly fix?: Fix;
}
