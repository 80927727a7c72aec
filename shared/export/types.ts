import { certDirProblem } from '../model/constraints';
import type { ProxyFlavour } from '../model/types';

/** A file of the export. Exporters never touch the file system: writing is the caller's job. */
export interface ExportFile {
  /** Relative, forward slashes, e.g. `nginx/nginx.conf`. */
  readonly path: string;
  readonly contents: string;
  /** 0o600 for files holding secrets (`.env`), 0o644 otherwise. */
  readonly mode: number;
}

/** Where secrets come from: the caller injects a cryptographically secure source (or a seeded one in tests). */
export interface RandomSource {
  readonly bytes: (count: number) => Uint8Array;
}

/**
 * Changes a test may make to run exported proxies on loopback: listen ports, upstream
 * addresses and certificate paths — nothing else.
 */
export interface TestOverride {
  readonly httpPort?: number;
  readonly httpsPort?: number;
  /** Address that replaces `service:port` of an upstream, e.g. `127.0.0.1:40123`. */
  readonly upstream?: (service: string, port: number) => string;
  readonly certificate?: (host: string) => { readonly cert: string; readonly key: string };
}

export interface ExportOptions {
  readonly random: RandomSource;
  /** Replaces the flavour of every reverse proxy in the project. */
  readonly proxy?: ProxyFlavour;
  /** Folder in the proxy container where certificates are found (`HOST.crt`, `HOST.key`). */
  readonly certDir?: string;
  readonly override?: TestOverride;
}

export const DEFAULT_CERT_DIR = '/etc/portolan/certs';

/**
 * A certificate folder inside the proxy container. It is written into the compose file and
 * every proxy configuration, so only an absolute path of plain characters passes (no spaces,
 * quotes, `;` or `..`), and never a system folder the read-only mount would hide (`/`, `/etc`,
 * …). Shared by the CLI's `--cert-dir` and the export dialog; `certDirProblem` says why not.
 */
export function isSafeCertDir(dir: string): boolean {
  return certDirProblem(dir) === undefined;
}
