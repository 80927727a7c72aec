/**
 * Every problem found while reading a project file. Loading never throws at callers:
 * each problem carries a stable code and the 1-based line:column it points at.
 */
export type FormatCode =
  | 'file-too-large'
  | 'yaml-syntax'
  | 'yaml-warning'
  | 'alias-limit'
  /** Collections nested deeper than the loader's bound (MAX_DEPTH), in the text or through aliases. */
  | 'too-deep'
  /** More YAML tokens than the loader's bound (MAX_TOKENS): refused while parsing, before the rest is read. */
  | 'too-many-tokens'
  | 'not-a-project'
  | 'unsupported-format'
  | 'missing-key'
  | 'unknown-key'
  | 'wrong-type'
  | 'invalid-value'
  | 'unknown-kind'
  | 'unknown-flavour'
  | 'unknown-port'
  | 'duplicate-id'
  | 'dangling-reference';

export type FormatSeverity = 'error' | 'warning';

export interface FormatProblem {
  readonly code: FormatCode;
  readonly severity: FormatSeverity;
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  /** Where in the document, e.g. `components[2].kind`. */
  readonly path: string;
}
