import { NA001 } from './checks/na001-rest-api-public';
import { NA002 } from './checks/na002-portmap-rest-api';
import { NA003 } from './checks/na003-ws-url-mismatch';
import { NA004 } from './checks/na004-ws-without-tls';
import { NA005 } from './checks/na005-nextauth-publishes-ports';
import { NA006 } from './checks/na006-nextauth-not-exposed';
import { NA007 } from './checks/na007-host-port-conflict';
import { NA008 } from './checks/na008-duplicate-route';
import { NA009 } from './checks/na009-shadowed-route';
import { NA010 } from './checks/na010-mobile-routes-missing';
import { NA011 } from './checks/na011-license-egress';
import { NA012 } from './checks/na012-push-egress';
import { NA013 } from './checks/na013-edge-egress';
import { NA014 } from './checks/na014-not-connected';
import { NA015 } from './checks/na015-tls-pair';
import { NA016 } from './checks/na016-reencrypt-mismatch';
import { NA017 } from './checks/na017-mgmt-without-tls';
import { NA018 } from './checks/na018-database-missing';
import { NA019 } from './checks/na019-db-uri-scheme';
import { NA020 } from './checks/na020-mysql-loc-local';
import { NA021 } from './checks/na021-replicas-without-redis';
import { NA022 } from './checks/na022-redis-port';
import { NA023 } from './checks/na023-sentinel-quorum';
import { NA024 } from './checks/na024-partial-upstream';
import { NA025 } from './checks/na025-license-missing';
import { NA026 } from './checks/na026-weak-secret';
import { NA027 } from './checks/na027-invalid-address';
import { NA028 } from './checks/na028-bad-target';
import { NA029 } from './checks/na029-portmap-https-only';
import { NA030 } from './checks/na030-entry-port-not-published';
import { NA031 } from './checks/na031-unsafe-characters';
import { NA032 } from './checks/na032-unresolved-reference';
import { NA033 } from './checks/na033-tls-passthrough';
import { NA034 } from './checks/na034-connection-override';
import { NA035 } from './checks/na035-connection-incomplete';
import { NA036 } from './checks/na036-url-names-drawing';
import { NA037 } from './checks/na037-reserved-env-name';
import { NA038 } from './checks/na038-sentinel-master-name';
import { NA039 } from './checks/na039-data-service-unused';
import { NA040 } from './checks/na040-placeholder-domain';
import { NA041 } from './checks/na041-rest-api-own-host';
import { NA042 } from './checks/na042-root-api-key-missing';
import { NA043 } from './checks/na043-private-public-urls';
import { NA044 } from './checks/na044-undocumented-connection';
import { NA045 } from './checks/na045-port-number-clash';
import { NA046 } from './checks/na046-secret-in-clear';
import { NA047 } from './checks/na047-custom-container';
import { NA048 } from './checks/na048-kept-keys-not-written';
import { NA049 } from './checks/na049-no-shared-network';
import { NA050 } from './checks/na050-published-on-internal-network';
import { NA051 } from './checks/na051-undeclared-network';
import { NA052 } from './checks/na052-nextauth-image-unpinned';
import { NA053 } from './checks/na053-tls-below-intermediate';
import { NA054 } from './checks/na054-cross-host-link-unpublished';
import { NA055 } from './checks/na055-replicas-on-one-host';
import { NA056 } from './checks/na056-sentinel-hosts';
import { NA057 } from './checks/na057-nextauth-single-host';
import type { Rule } from './types';

/** Every rule, in id order. A rule's id is never reused for another meaning. */
export const RULES: readonly Rule[] = [
  NA001,
  NA002,
  NA003,
  NA004,
  NA005,
  NA006,
  NA007,
  NA008,
  NA009,
  NA010,
  NA011,
  NA012,
  NA013,
  NA014,
  NA015,
  NA016,
  NA017,
  NA018,
  NA019,
  NA020,
  NA021,
  NA022,
  NA023,
  NA024,
  NA025,
  NA026,
  NA027,
  NA028,
  NA029,
  NA030,
  NA031,
  NA032,
  NA033,
  NA034,
  NA035,
  NA036,
  NA037,
  NA038,
  NA039,
  NA040,
  NA041,
  NA042,
  NA043,
  NA044,
  NA045,
  NA046,
  NA047,
  NA048,
  NA049,
  NA050,
  NA051,
  NA052,
  NA053,
  NA054,
  NA055,
  NA056,
  NA057,
];

export function getRule(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
