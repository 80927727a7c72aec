/**
 * What `portolan import` (and the editor's "Import compose…") gives the import core and gets
 * back. The core is pure: files come in as text, and any file a compose file names (an
 * `extends` target, an `include`, an `env_file`, an nginx `include`) is asked for through
 * `readFile`, which the CLI answers from the disk and the editor from the files it was given.
 */
import type { ComponentKind, Flavour, Project } from '../../model/types';
import type { ImportNote, ImportProblem, SourcePos } from '../types';

export interface InputFile {
  /** As the user named it; relative paths inside it resolve from its folder. */
  readonly path: string;
  readonly text: string;
}

export interface ImportInput {
  /** The compose files, merged in this order like `docker compose -f a -f b`. */
  readonly compose: readonly InputFile[];
  /** `--env-file` paths, read through `readFile` in order (compose's default: the `.env` beside the first file, if any). */
  readonly envFiles: readonly string[];
  /** Reverse-proxy configurations (nginx, HAProxy, Caddyfile, Traefik dynamic files). */
  readonly proxyConfigs: readonly InputFile[];
  /** `--profile` names. */
  readonly profiles: readonly string[];
  /** The process environment (wins over env files, as in compose). The editor passes none. */
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly readFile: (path: string) => string | undefined;
  /** The project's name when the compose files name none (`name:`): e.g. the folder's name. */
  readonly fallbackName: string;
}

/** What each service became, for the report. */
export interface ServiceOutcome {
  readonly service: string;
  readonly at: SourcePos;
  readonly kind: ComponentKind;
  readonly flavour?: Flavour;
  /** The component's id (the service name, or a cleaned-up form of it). */
  readonly component: string;
  readonly why: string;
}

export interface ImportReport {
  /** Every file read, in the order it was read. */
  readonly files: readonly string[];
  readonly services: readonly ServiceOutcome[];
  /** Services left out because no given profile activates them. */
  readonly inactive: readonly string[];
  /** Each kept key, each interpretation, each part of a proxy config not understood. */
  readonly notes: readonly ImportNote[];
  /** Problems that did not stop the import (unset variables, unknown profiles, …). */
  readonly warnings: readonly ImportProblem[];
}

export interface ImportResult {
  readonly project: Project;
  /** The project file's text (what `saveProject(project)` writes), checked to load again. */
  readonly text: string;
  readonly report: ImportReport;
}
