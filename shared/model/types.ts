/**
 * The Portolan document model. Plain, immutable data: every operation is a pure
 * `Project → Project` function (see ./ops.ts). Ids are branded strings so a link id can
 * never be passed where a component id is expected.
 */

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ComponentId = Brand<string, 'ComponentId'>;
export type LinkId = Brand<string, 'LinkId'>;
export type RouteId = Brand<string, 'RouteId'>;
export type ZoneId = Brand<string, 'ZoneId'>;

/** The project file format this build writes. Older files are migrated on load. */
export const FORMAT_VERSION = 2 as const;

export type ComponentKind =
  | 'nextauth'
  | 'nextauth-mgmt'
  | 'nextauth-portmap'
  | 'reverse-proxy'
  | 'database'
  | 'redis'
  | 'redis-sentinel'
  | 'push-fcm'
  | 'push-apns'
  | 'license-server'
  | 'mobile-app'
  | 'browser-user'
  | 'business-app';

export type ProxyFlavour = 'nginx' | 'haproxy' | 'caddy' | 'traefik';
export type DatabaseFlavour = 'mysql' | 'mariadb' | 'postgres';
export type Flavour = ProxyFlavour | DatabaseFlavour;

export type ZoneKind = 'internet' | 'dmz' | 'internal' | 'host';

export interface Zone {
  readonly id: ZoneId;
  readonly name: string;
  readonly kind: ZoneKind;
}

/**
 * An environment value. Secrets never live in the project file: a `secret` is generated at
 * export time, and an `input` (such as the license nextAuth issues) is filled in by the
 * operator in `.env`, guided by `prompt`.
 */
export type EnvValue =
  | { readonly type: 'literal'; readonly value: string }
  | { readonly type: 'secret'; readonly length: number }
  | { readonly type: 'input'; readonly prompt: string };

export type PropertyValue = string | number | boolean;

/** A container port published on the host (`ports:` in compose). */
export interface Publish {
  /** Port name from the catalog, e.g. `https`. */
  readonly port: string;
  readonly hostPort: number;
}

export interface Position {
  readonly x: number;
  readonly y: number;
}

export interface Component {
  readonly id: ComponentId;
  readonly kind: ComponentKind;
  readonly name: string;
  /** Only for kinds with flavours (reverse-proxy, database). */
  readonly flavour?: Flavour;
  readonly zone?: ZoneId;
  readonly replicas: number;
  /** Kind-specific settings, e.g. `external: true` for a database the customer runs. */
  readonly properties: Readonly<Record<string, PropertyValue>>;
  readonly environment: Readonly<Record<string, EnvValue>>;
  /** Port numbers overriding the catalog default, by port name (e.g. the Mobile API). */
  readonly portOverrides: Readonly<Record<string, number>>;
  readonly publish: readonly Publish[];
  readonly position: Position;
  /** Kept where it is by "Arrange all" (the architect placed it on purpose). */
  readonly pinned?: true;
}

/** A connection from one component to a named port of another. */
export interface Link {
  readonly id: LinkId;
  readonly from: ComponentId;
  readonly to: ComponentId;
  readonly port: string;
}

export type RouteScheme = 'https' | 'wss' | 'http' | 'ws';

export interface RouteTls {
  /** TLS ends at the entry point (proxy or portmap). */
  readonly terminate: boolean;
  /** The entry point opens a new TLS connection to the target port. */
  readonly reencrypt: boolean;
}

/** A public URL served by an entry point (reverse proxy or portmap) and forwarded to a port. */
export interface Route {
  readonly id: RouteId;
  /** The reverse proxy or portmap that serves this URL. */
  readonly via: ComponentId;
  readonly scheme: RouteScheme;
  readonly host: string;
  /** Public port; omitted means the scheme's default (443 for https/wss, 80 for http/ws). */
  readonly publicPort?: number;
  /** Path prefix, always starting with `/`. */
  readonly path: string;
  readonly target: ComponentId;
  readonly port: string;
  readonly tls: RouteTls;
}

/**
 * An accepted diagnostic: the architect has decided that rule `rule` does not apply to
 * element `element`, and says why. Suppressed diagnostics are still shown, marked as such.
 */
export interface Suppression {
  readonly rule: string;
  /** Id of the component, link, route or zone the diagnostic is about. */
  readonly element: string;
  readonly reason: string;
}

export interface ProjectMeta {
  readonly name: string;
  readonly description: string;
}

export interface ProjectSettings {
  /** Registry prefix for nextAuth images, e.g. `registry.example.com/nextauth`. Empty means none. */
  readonly registry: string;
  /** Image tag used for nextAuth images. */
  readonly tag: string;
}

export interface Project {
  readonly format: typeof FORMAT_VERSION;
  readonly meta: ProjectMeta;
  readonly settings: ProjectSettings;
  readonly zones: readonly Zone[];
  readonly components: readonly Component[];
  readonly links: readonly Link[];
  readonly routes: readonly Route[];
  readonly suppressions: readonly Suppression[];
}
