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
export type HostId = Brand<string, 'HostId'>;

/**
 * The newest project file format this build reads and writes. Format 3 only adds optional fields
 * (the custom container kind, pass-through keys, compose networks), so a project that uses none of them is still
 * saved as format 2 and opens in older builds; format 4 only adds the project's TLS policy
 * (`settings.tls`), written only when it differs from the default; format 5 only adds the expected WebSocket
 * capacity (`settings.capacity` and an entry point's `capacity`), written only when set; format 6 only adds hosts
 * (the project's `hosts` and a container component's `hosts`), written only when the project declares hosts. See
 * shared/format/save.ts (formatNeeded) and shared/format/migrations.ts (OLDEST_DIRECT_FORMAT). Older files are
 * migrated on load (an older file declares no hosts: everything runs on one default host).
 */
export const FORMAT_VERSION = 6 as const;

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
  | 'business-app'
  /** A custom container: any image, with its own ports (e.g. a service an imported compose file runs). */
  | 'container';

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
 * A machine (or node pool) containers run on — not a zone: a zone is a network segment drawn as a
 * region, a host is where a container's replicas run (shared/model/hosts.ts places them).
 */
export interface Host {
  readonly id: HostId;
  /** What the architect calls it, unique in the project (case-insensitively). */
  readonly name: string;
  /**
   * The DNS name or IP address other hosts reach it by (model/hosts.ts: hostAddressProblem).
   * Absent: the export will ask the operator for it.
   */
  readonly address?: string;
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

/**
 * What a port speaks. The catalog's port specs use it (shared/catalog/types.ts re-exports it), and
 * so do a custom container's own ports; `udp` is only for those (compose's `PORT/udp`).
 */
export type PortProtocol = 'http' | 'https' | 'ws' | 'wss' | 'tcp' | 'udp' | 'mysql' | 'postgres' | 'redis';

/** A port of a custom container: the catalog's port shape (name, number, protocol), set by the architect. */
export interface ContainerPort {
  /** Stable name used in links, routes and publish entries, like a catalog port's name. */
  readonly name: string;
  /** The port the container listens on. */
  readonly number: number;
  readonly protocol: PortProtocol;
}

/**
 * A value Portolan keeps without modelling it: JSON-like data (text, finite numbers, booleans,
 * null, lists, mappings) from an imported compose file — a service's `logging:`, `healthcheck:`,
 * `labels:`, or a top-level `volumes:` — written back by the compose exporter. Mappings are
 * prototype-less records in the order the keys came (JavaScript lists integer-like keys such
 * as "8080" first; no compose key of a service or the top level is one).
 */
export type PassValue = string | number | boolean | null | readonly PassValue[] | PassMap;
export interface PassMap {
  readonly [key: string]: PassValue;
}

/** A container port published on the host (`ports:` in compose). */
export interface Publish {
  /** Port name from the catalog, e.g. `https`. */
  readonly port: string;
  readonly hostPort: number;
  /**
   * The host address Docker binds (`127.0.0.1:8443:443`; IPv6 without brackets); absent binds
   * every address. Docker publishes past host firewalls such as ufw, so an operator often binds
   * a port meant for the host alone to loopback.
   */
  readonly hostIp?: string;
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
  /**
   * The full image reference (registry, name, tag or digest). A custom container's own image;
   * on any other deployable kind an override of the catalog's image (and, for nextAuth's kinds, of
   * the project's registry and tag), e.g. an imported `bitnami/redis:7.4` that the export must
   * run as is. Absent: the catalog's image.
   */
  readonly image?: string;
  /**
   * Only on an entry point (reverse proxy, portmap): its own expected peak of WebSocket clients,
   * overriding the project's (ProjectSettings.capacity). Absent: the project's figure.
   */
  readonly capacity?: CapacitySettings;
  /** Only for the custom container kind: the ports it listens on (other kinds take theirs from the catalog). */
  readonly ports?: readonly ContainerPort[];
  /** Compose service keys Portolan does not model, kept from an import and written back on export. */
  readonly passThrough?: Readonly<Record<string, PassValue>>;
  /**
   * The compose networks this service joins, by name (see Project.networks; `default` is compose's
   * implicit network). Only read when the project declares networks; absent there, the export
   * derives them (shared/model/networks.ts, serviceNetworks).
   */
  readonly networks?: readonly string[];
  /**
   * Per-network settings of the service kept from an import without modelling them (`aliases`,
   * `ipv4_address`, `priority`, …), by network name; each name is one of `networks`.
   */
  readonly networkPassThrough?: Readonly<Record<string, PassMap>>;
  /**
   * Only on a component that runs as a container (model/hosts.ts: runsOnAHost): the hosts its
   * replicas are spread over, in order (replica i on hosts[i % n]). Absent: the project's first host.
   */
  readonly hosts?: readonly HostId[];
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

/** Mozilla's server-side TLS profiles (shared/export/tls-profiles.ts holds their tables). */
export type TlsProfileName = 'modern' | 'intermediate' | 'old';

/**
 * The TLS policy every entry point's exported configuration follows. HSTS is sent on every TLS
 * host; `includeSubDomains` and `preload` bind every subdomain (and, once preloaded, browsers for
 * months), so they are opt-ins.
 */
export interface TlsSettings {
  readonly profile: TlsProfileName;
  readonly hsts?: { readonly includeSubDomains?: true; readonly preload?: true };
  /** Why a profile below intermediate is accepted (NA052 asks for one). */
  readonly reason?: string;
}

export interface ProjectSettings {
  /** Registry prefix for nextAuth images, e.g. `registry.example.com/nextauth`. Empty means none. */
  readonly registry: string;
  /** Image tag used for nextAuth images. */
  readonly tag: string;
  /** Absent: Mozilla's intermediate profile, HSTS without subdomains or preload. */
  readonly tls?: TlsSettings;
  /** Absent: DEFAULT_WEBSOCKET_CLIENTS (shared/model/capacity.ts) at every entry point. */
  readonly capacity?: CapacitySettings;
}

/**
 * What an entry point must hold at its busiest: the concurrent WebSocket clients (mobile apps and
 * browsers keep one open each). Every connection limit, file-descriptor limit and WebSocket
 * timeout of the export is derived from it (shared/export/capacity.ts), alike in every flavour.
 */
export interface CapacitySettings {
  /** Expected peak of concurrent WebSocket clients: a whole number within WEBSOCKET_CLIENTS (model/capacity.ts). */
  readonly websocketClients: number;
}

/**
 * A compose network the project declares (an imported compose file's top-level `networks:`).
 * Its settings — driver, internal, ipam, external, name, labels… — are kept as written.
 */
export interface ComposeNetwork {
  /** The network's key in compose (`default` configures compose's implicit network). */
  readonly name: string;
  readonly passThrough?: Readonly<Record<string, PassValue>>;
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
  /** Top-level compose keys Portolan does not model (volumes, secrets, configs, `x-` fields), kept from an import. */
  readonly passThrough?: Readonly<Record<string, PassValue>>;
  /**
   * The compose networks, when the project declares them (an import keeps the file's networks,
   * `default` included when a service is on it). Absent — a project drawn in Portolan — the
   * export writes its own networks by its security model (`edge`, and the internal `backend`).
   */
  readonly networks?: readonly ComposeNetwork[];
  /**
   * The machines containers run on. Absent or empty: one implicit default host (every project
   * before format 6), whose files keep their bytes.
   */
  readonly hosts?: readonly Host[];
}
