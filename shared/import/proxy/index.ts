/**
 * The reverse-proxy import: nginx configurations, HAProxy configurations, Caddyfiles, Traefik
 * files (static and dynamic, YAML or TOML) and Traefik's Docker labels, each read into neutral routes, redirects and notes.
 */
export { importCaddyfile, type CaddyImportOptions } from './caddy-routes';
export { importHaproxy } from './haproxy-routes';
export { importNginx, type NginxImportOptions } from './nginx-routes';
export { importTraefikFile, importTraefikFiles, type TraefikFile, type TraefikImportOptions } from './traefik-file';
export { importTraefikLabels, type Label, type LabelImportOptions, type LabelledService } from './traefik-labels';
export { entryPointsFromArgs } from './traefik-static';
export type { EntryPoint } from './traefik-model';
export type {
  ImportedRedirect,
  ImportedRoute,
  ImportedUpstream,
  ProxyImport,
  ProxyImportOutcome,
  ReadFile,
  WebSocketUse,
} from './types';
