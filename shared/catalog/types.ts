import type { ComponentKind, Flavour, PortProtocol } from '../model/types';

export type { PortProtocol };

/**
 * Where a catalog fact comes from. `doc` cites the nextAuth documentation (or an upstream
 * product's docs); `assumed` marks a value the docs are silent on, and the UI must show it
 * as assumed — never as documented.
 */
export type Source =
  | { readonly type: 'doc'; readonly url: string; readonly section?: string; readonly note?: string }
  | { readonly type: 'assumed'; readonly note: string };

/** Whether the port itself can speak TLS. */
export type PortTls = 'none' | 'optional' | 'always' | 'terminates';

/** The docs' "default exposure" column. */
export type Exposure = 'internal' | 'public' | 'server-side';

export interface PortSpec {
  /** Stable name used in links, routes and publish entries (e.g. `ws`, `rest`). */
  readonly name: string;
  readonly number: number;
  readonly protocol: PortProtocol;
  readonly tls: PortTls;
  readonly exposure: Exposure;
  readonly label: string;
  readonly description: string;
  /** Env vars that turn on TLS on this port, as a cert/key pair. */
  readonly tlsEnv?: { readonly cert: string; readonly key: string };
  readonly source: Source;
}

/** An outgoing connection a kind needs (the docs' egress table). */
export interface EgressSpec {
  /** The kind at the other end. */
  readonly to: ComponentKind;
  /** Port name on that kind. */
  readonly port: string;
  /** Documented host:port, when it is a fixed address (e.g. `license.nextauth.com:443`). */
  readonly address?: string;
  readonly purpose: string;
  readonly required: boolean;
  readonly source: Source;
}

export interface EnvSpec {
  readonly name: string;
  readonly description: string;
  /** Documented format or example, e.g. `mysql://{USERNAME}:{PASSWORD}@{HOST}:{PORT}/{DATABASE}?loc=Local`. */
  readonly format?: string;
  readonly secret: boolean;
  readonly required: boolean;
  readonly source: Source;
}

export interface FlavourSpec {
  readonly id: Flavour;
  readonly label: string;
  readonly image: string;
  /** Port numbers that differ from the kind's defaults for this flavour, by port name. */
  readonly portNumbers?: Readonly<Record<string, number>>;
  /** Port protocols that differ from the kind's defaults for this flavour, by port name. */
  readonly portProtocols?: Readonly<Record<string, PortProtocol>>;
  readonly env?: readonly EnvSpec[];
  readonly source: Source;
}

export type KindCategory = 'nextauth' | 'edge' | 'data' | 'external' | 'client';

export interface KindSpec {
  readonly kind: ComponentKind;
  readonly label: string;
  readonly category: KindCategory;
  readonly description: string;
  /** Container image, for kinds Portolan deploys; absent for external services and clients. */
  readonly image?: { readonly name: string; readonly source: Source };
  /** True for kinds that run as containers in the deployment. */
  readonly deployable: boolean;
  readonly optional: boolean;
  /** Whether more than one replica makes sense. */
  readonly scalable: boolean;
  readonly ports: readonly PortSpec[];
  readonly egress: readonly EgressSpec[];
  readonly env: readonly EnvSpec[];
  readonly flavours?: readonly FlavourSpec[];
  readonly defaultFlavour?: Flavour;
  readonly source: Source;
}
