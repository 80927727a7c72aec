/**
 * Types every part of the import (compose files, .env files, reverse-proxy configs) shares:
 * where a fact came from, and what went wrong or was interpreted. Like the project loader, an
 * import never throws at its callers: each problem carries a stable code and FILE:LINE:COL.
 */

/** A place in one input file. */
export interface SourcePos {
  /** The file as the user named it (a path, or a display name for text that has none). */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
}

export type ImportCode =
  // Reading files
  | 'file-too-large'
  | 'file-not-found'
  | 'yaml-syntax'
  | 'alias-limit'
  | 'too-deep'
  | 'too-many-tokens'
  | 'not-a-compose-file'
  | 'wrong-type'
  | 'invalid-value'
  // .env files
  | 'env-syntax'
  | 'env-invalid-name'
  | 'env-unterminated-quote'
  // Interpolation (`${VAR:?message}` and friends)
  | 'interpolation-syntax'
  | 'interpolation-required'
  /** A warning, as compose's: a variable used without a default is not set and reads as the empty string. */
  | 'variable-unset'
  // Structure across files
  | 'extends-unknown-service'
  | 'extends-unknown-file'
  | 'extends-cycle'
  | 'include-cycle'
  | 'include-unknown-file'
  | 'unknown-profile'
  // Reverse-proxy configs
  | 'proxy-syntax'
  | 'proxy-unsupported';

export type ImportSeverity = 'error' | 'warning';

/** Something that stops the import (error) or that the user should know (warning). */
export interface ImportProblem {
  readonly code: ImportCode;
  readonly severity: ImportSeverity;
  readonly message: string;
  readonly at: SourcePos;
}

/** `FILE:LINE:COL` as compilers print it. */
export function formatPos(at: SourcePos): string {
  return `${at.file}:${at.line}:${at.column}`;
}

/**
 * What the import did that is not a one-to-one copy, for the import report: a key kept as
 * pass-through, a value read in one of several possible ways, a part of a proxy config that
 * was not understood.
 */
export interface ImportNote {
  readonly kind: 'kept' | 'interpreted' | 'not-understood';
  readonly text: string;
  readonly at: SourcePos;
}

/** An outcome that either holds a value or the errors that stopped it (warnings travel with both). */
export type ImportOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly ImportProblem[] }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };
