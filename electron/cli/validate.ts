import { S1_NETWORKING_URL } from '../../shared/catalog/sources';
import { loadProject, type ElementLocations, type FormatProblem } from '../../shared/format/index';
import { printable, printableJson } from '../../shared/model/printable';
import {
  checkProject,
  RULE_FAILURE_ID,
  RULES,
  summarize,
  type Diagnostic,
  type DocsLink,
  type ElementRef,
  type Rule,
  type Severity,
  type Summary,
} from '../../shared/rules/index';
import { readProjectSource, type ProjectSourceFailure } from '../node/read-project';
import { EXIT, type ExitCode, type Io } from './io';

export const VALIDATE_FORMATS = ['text', 'json', 'sarif'] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

/**
 * One finding in the shape every output shares: a rule diagnostic placed at its first element's
 * `id:`, or a problem of the project file itself (its `rule` is the format code, e.g. `yaml-syntax`).
 */
export interface LocatedResult {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units (what the YAML parser counts). */
  readonly column: number;
  readonly elements: readonly ElementRef[];
  /** Where the rule is written down; absent for format problems. */
  readonly docs?: DocsLink;
  readonly suppressed?: { readonly reason: string };
  /** For format problems: where in the document, e.g. `components[2].kind`. */
  readonly path?: string;
}

const START = { line: 1, column: 1 } as const;

/** Orders results like a compiler's output: by line, then column, then rule id. */
export function sortResults(results: readonly LocatedResult[]): LocatedResult[] {
  return [...results].sort(
    (a, b) => a.line - b.line || a.column - b.column || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0),
  );
}

/**
 * Places each diagnostic at the `id:` of its first element. Project-level diagnostics (no
 * elements), and elements the file does not locate, point at 1:1.
 */
export function locateDiagnostics(
  diagnostics: readonly Diagnostic[],
  locations: ElementLocations,
  rules: readonly Rule[] = RULES,
): LocatedResult[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  return diagnostics.map((d) => {
    const first = d.elements[0];
    const at = (first !== undefined ? locations.get(first.id) : undefined) ?? START;
    const docs = byId.get(d.rule)?.docs;
    return {
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      line: at.line,
      column: at.column,
      elements: d.elements,
      ...(docs !== undefined ? { docs } : {}),
      ...(d.suppressed !== undefined ? { suppressed: d.suppressed } : {}),
    };
  });
}

/** Problems of the project file, in the same shape as rule diagnostics (rule id = format code). */
export function formatProblemResults(problems: readonly FormatProblem[]): LocatedResult[] {
  return problems.map((p) => ({
    rule: p.code,
    severity: p.severity,
    message: p.message,
    line: p.line,
    column: p.column,
    elements: [],
    ...(p.path !== '' ? { path: p.path } : {}),
  }));
}

/**
 * Everything `validate` reports about a project file's text, sorted. A file that does not load
 * reports only its format problems; a file that loads with warnings reports them next to the
 * rule diagnostics, so an unknown key never hides a broken deployment.
 */
export function validateText(text: string, rules: readonly Rule[] = RULES): LocatedResult[] {
  const loaded = loadProject(text);
  const problems = formatProblemResults(loaded.problems);
  if (!loaded.ok) return sortResults(problems);
  return sortResults([...problems, ...locateDiagnostics(checkProject(loaded.project, rules), loaded.locations, rules)]);
}

/** True when an unsuppressed error is among the results: the exit code is then 1. */
export const hasErrors = (results: readonly LocatedResult[]): boolean =>
  results.some((r) => r.severity === 'error' && r.suppressed === undefined);

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `3 errors, 1 warning, 0 infos, 2 suppressed`; suppressed results count only as suppressed. */
export function summaryLine(summary: Summary): string {
  return `${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${plural(summary.info, 'info')}, ${summary.suppressed} suppressed`;
}

/** One result as its line of text output, without the line feed: every text in it is `printable`. */
export function formatResultLine(file: string, r: LocatedResult): string {
  const docs = r.docs !== undefined ? ` (${printable(r.docs.url)})` : '';
  // A reason is the architect's free text: a line feed in it shows as `\n`, so it cannot print a summary of its own.
  const suppressed = r.suppressed !== undefined ? ` (suppressed: ${printable(r.suppressed.reason)})` : '';
  return `${printable(file)}:${r.line}:${r.column} ${r.severity} ${printable(r.rule)} ${printable(r.message)}${docs}${suppressed}`;
}

/**
 * One line per result, `FILE:LINE:COL severity ID message (docs URL)`, then the summary line.
 * File, messages (they embed names and values) and reasons are `printable`: a project value
 * can neither add a line nor reach the terminal as a control character or escape sequence.
 */
export function formatText(file: string, results: readonly LocatedResult[]): string {
  const lines = sortResults(results).map((r) => `${formatResultLine(file, r)}\n`);
  return `${lines.join('')}${summaryLine(summarize(results))}\n`;
}

export interface JsonDiagnostic {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly elements: readonly ElementRef[];
  readonly docs?: DocsLink;
  readonly path?: string;
  readonly suppressed?: { readonly reason: string };
}

export interface JsonReport {
  readonly file: string;
  readonly summary: Summary;
  readonly diagnostics: readonly JsonDiagnostic[];
}

export function toJson(file: string, results: readonly LocatedResult[]): JsonReport {
  return {
    file,
    summary: summarize(results),
    diagnostics: sortResults(results).map((r) => ({
      rule: r.rule,
      severity: r.severity,
      message: r.message,
      line: r.line,
      column: r.column,
      elements: r.elements,
      ...(r.docs !== undefined ? { docs: { url: r.docs.url, section: r.docs.section } } : {}),
      ...(r.path !== undefined ? { path: r.path } : {}),
      ...(r.suppressed !== undefined ? { suppressed: { reason: r.suppressed.reason } } : {}),
    })),
  };
}

// --- SARIF 2.1.0 -------------------------------------------------------------------------------

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Portolan has no public home page; its rules rest on nextAuth's networking documentation. */
export const PORTOLAN_INFORMATION_URI = S1_NETWORKING_URL;

type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Readonly<Record<Severity, SarifLevel>> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifReportingDescriptor {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription?: { readonly text: string };
  readonly helpUri?: string;
  readonly defaultConfiguration?: { readonly level: SarifLevel };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: { readonly text: string };
  readonly locations: readonly [
    {
      readonly physicalLocation: {
        readonly artifactLocation: { readonly uri: string };
        readonly region: { readonly startLine: number; readonly startColumn: number };
      };
    },
  ];
  readonly suppressions?: readonly [{ readonly kind: 'inSource'; readonly justification: string }];
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly [
    {
      readonly tool: {
        readonly driver: {
          readonly name: 'Portolan';
          readonly informationUri: string;
          readonly version: string;
          readonly rules: readonly SarifReportingDescriptor[];
        };
      };
      readonly columnKind: 'utf16CodeUnits';
      readonly results: readonly SarifResult[];
    },
  ];
}

/**
 * The file path as a SARIF URI reference: forward slashes, percent-encoded where a URI needs it.
 * A relative path stays relative (to the folder the tool ran in); an absolute one becomes `file:`.
 */
export function toSarifUri(path: string): string {
  const slashed = path.replaceAll('\\', '/');
  const encoded = encodeURI(slashed).replace(/[?#]/g, (c) => encodeURIComponent(c));
  if (/^[A-Za-z]:\//.test(slashed)) return `file:///${encoded}`;
  if (slashed.startsWith('/')) return `file://${encoded}`;
  return encoded;
}

function ruleDescriptor(rule: Rule): SarifReportingDescriptor {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.why },
    helpUri: rule.docs.url,
    defaultConfiguration: { level: LEVEL[rule.severity] },
  };
}

/** A descriptor for a result whose id is not a rule: a format problem, or a rule that failed. */
function otherDescriptor(id: string): SarifReportingDescriptor {
  if (id === RULE_FAILURE_ID)
    return {
      id,
      name: 'rule-failure',
      shortDescription: { text: 'A rule failed and could not check the project' },
      defaultConfiguration: { level: 'error' },
    };
  return { id, name: id, shortDescription: { text: `Project file problem: ${id}` } };
}

/**
 * A SARIF 2.1.0 log with one run: every rule in `rules` is described (whether or not it fired),
 * followed by a descriptor for each other id among the results (format codes, rule failures), so
 * every result has a `ruleIndex`. Suppressed results carry an in-source suppression.
 */
export function toSarif(
  file: string,
  results: readonly LocatedResult[],
  rules: readonly Rule[] = RULES,
  version: string = __PORTOLAN_VERSION__,
): SarifLog {
  const descriptors = rules.map(ruleDescriptor);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const indexOf = (id: string): number => {
    let i = index.get(id);
    if (i === undefined) {
      i = descriptors.push(otherDescriptor(id)) - 1;
      index.set(id, i);
    }
    return i;
  };
  const uri = toSarifUri(file);
  const sarifResults = sortResults(results).map((r): SarifResult => ({
    ruleId: r.rule,
    ruleIndex: indexOf(r.rule),
    level: LEVEL[r.severity],
    message: { text: r.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri },
          region: { startLine: r.line, startColumn: r.column },
        },
      },
    ],
    ...(r.suppressed !== undefined
      ? { suppressions: [{ kind: 'inSource', justification: r.suppressed.reason }] as const }
      : {}),
  }));
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Portolan', informationUri: PORTOLAN_INFORMATION_URI, version, rules: descriptors } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
}

// --- the command -------------------------------------------------------------------------------

/**
 * Renders the results in `format`; text ends with the summary line, JSON and SARIF are one
 * document each. JSON keeps every value exactly (a reader gets the same strings back), written
 * with `printableJson` so that its bytes are printable too.
 */
export function render(
  format: ValidateFormat,
  file: string,
  results: readonly LocatedResult[],
  rules: readonly Rule[] = RULES,
): string {
  if (format === 'json') return `${printableJson(toJson(file, results), 2)}\n`;
  if (format === 'sarif') return `${printableJson(toSarif(file, results, rules), 2)}\n`;
  return formatText(file, results);
}

/**
 * A file that cannot be read, as a result: an error at 1:1 whose rule is the read code
 * (`not-found`, `is-directory`, `file-too-large`, `not-utf8`, `io`, or for a picture
 * `picture-no-project`, `picture-damaged`, …). JSON and SARIF report it inside a complete
 * document, so a script always gets something to parse.
 */
export function readFailureResult(failure: Pick<ProjectSourceFailure, 'code' | 'message'>): LocatedResult {
  return { rule: failure.code, severity: 'error', message: failure.message, line: 1, column: 1, elements: [] };
}

/** The `FILE:1:1 code message` line a command prints on stderr when it cannot read its file. */
export function readFailureLine(file: string, failure: Pick<ProjectSourceFailure, 'code' | 'message'>): string {
  return `${printable(file)}:1:1 ${failure.code} ${printable(failure.message)}\n`;
}

/**
 * `portolan validate FILE`: format problems and rule diagnostics, located. FILE may be a picture
 * Portolan exported (SVG, PNG, PDF): the project it carries is checked. Exit 0 when no
 * unsuppressed error, 1 with errors, 2 when the file cannot be read (then JSON and SARIF still
 * print a complete document, holding the read error; text prints it on stderr only).
 */
export async function validate(
  file: string,
  format: ValidateFormat,
  io: Io,
  rules: readonly Rule[] = RULES,
): Promise<ExitCode> {
  const read = await readProjectSource(file);
  if (!read.ok) {
    io.err(readFailureLine(file, read));
    if (format !== 'text') io.out(render(format, file, [readFailureResult(read)], rules));
    return EXIT.unusable;
  }
  const results = validateText(read.text, rules);
  io.out(render(format, file, results, rules));
  return hasErrors(results) ? EXIT.problems : EXIT.ok;
}
