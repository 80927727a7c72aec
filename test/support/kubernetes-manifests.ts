/**
 * Reading and validating the Kubernetes export in tests. Every object is checked against the
 * Kubernetes OpenAPI schemas of the pinned `kubernetes-models` (4.5.1: Kubernetes v1.33.0, no
 * cluster needed), plus what the API server checks beyond the schemas and would refuse: names
 * (RFC 1123/1035), label keys and values, and port names (IANA service names). Traefik's
 * IngressRoute is a custom resource the package has no schema for; its shape is checked here.
 */
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { StatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { parseAllDocuments } from 'yaml';
import type { ExportFile } from '../../shared/export/types';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- parsed YAML, checked by the validators below
export type Obj = Record<string, any>;

/** Every object of the YAML files under `prefix` (`base/`, `secrets/`), in file order. */
export function manifestsOf(files: readonly ExportFile[], prefix: string): Obj[] {
  return files
    .filter((f) => f.path.startsWith(prefix) && f.path.endsWith('.yaml') && !f.path.endsWith('kustomization.yaml'))
    .flatMap((f) =>
      parseAllDocuments(f.contents).map((d) => {
        if (d.errors.length > 0) throw new Error(`${f.path}: ${d.errors[0]!.message}`);
        return d.toJS() as Obj;
      }),
    );
}

interface Validatable {
  validate(): void;
}
const MODELS: Readonly<Record<string, new (data: never) => Validatable>> = {
  'v1/Namespace': Namespace,
  'v1/ConfigMap': ConfigMap,
  'v1/Service': Service,
  'v1/Secret': Secret,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
};

const SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_1035 = /^(?=.{1,63}$)[a-z]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1123 = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const IANA_SVC_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]+(-[a-z0-9]+)*$/;
const LABEL_VALUE = /^$|^(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_NAME = /^(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const ENV_KEY = /^[-._a-zA-Z0-9]+$/;

/** Which name format the API server requires of each kind's metadata.name. */
const NAME_FORMAT: Readonly<Record<string, RegExp>> = {
  Namespace: LABEL_1123,
  Service: LABEL_1035,
};

function labelProblems(labels: Obj | undefined, where: string): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(labels ?? {})) {
    const slash = k.lastIndexOf('/');
    const name = slash === -1 ? k : k.slice(slash + 1);
    if (slash !== -1 && !SUBDOMAIN.test(k.slice(0, slash))) out.push(`${where}: label prefix of ${k}`);
    if (!LABEL_NAME.test(name)) out.push(`${where}: label name ${k}`);
    if (typeof v !== 'string' || !LABEL_VALUE.test(v)) out.push(`${where}: label value ${k}=${String(v)}`);
  }
  return out;
}

function portNameProblems(ports: Obj[] | undefined, where: string): string[] {
  return (ports ?? [])
    .filter((p) => p.name !== undefined && !IANA_SVC_NAME.test(p.name))
    .map((p) => `${where}: port name ${p.name}`);
}

function traefikProblems(o: Obj): string[] {
  const out: string[] = [];
  const spec = o.spec as Obj | undefined;
  if (!Array.isArray(spec?.entryPoints) || spec.entryPoints.length === 0) out.push('IngressRoute without entryPoints');
  if (!Array.isArray(spec?.routes) || spec.routes.length === 0) out.push('IngressRoute without routes');
  for (const r of (spec?.routes ?? []) as Obj[]) {
    if (r.kind !== 'Rule' || typeof r.match !== 'string' || !/^Host\(`[^`]+`\)/.test(r.match))
      out.push(`IngressRoute route ${JSON.stringify(r.match)}`);
    for (const s of (r.services ?? []) as Obj[])
      if (!LABEL_1035.test(s.name) || !Number.isInteger(s.port)) out.push(`IngressRoute service ${JSON.stringify(s)}`);
  }
  if (spec?.tls !== undefined && !SUBDOMAIN.test(spec.tls.secretName)) out.push('IngressRoute tls secretName');
  return out;
}

/** Everything wrong with one object; empty when the API server would accept it. */
export function manifestProblems(o: Obj): string[] {
  const kind = String(o.kind);
  const name = String(o.metadata?.name);
  const where = `${kind}/${name}`;
  const out: string[] = [];
  if (!(NAME_FORMAT[kind] ?? SUBDOMAIN).test(name)) out.push(`${where}: invalid name`);
  out.push(...labelProblems(o.metadata?.labels, where));
  if (o.apiVersion === 'traefik.io/v1alpha1' && kind === 'IngressRoute') return [...out, ...traefikProblems(o)];
  const Model = MODELS[`${o.apiVersion}/${kind}`];
  if (Model === undefined) return [...out, `${where}: no schema for ${o.apiVersion} ${kind}`];
  try {
    new Model(o as never).validate();
  } catch (e) {
    out.push(`${where}: ${(e as Error).message}`);
  }
  const pod = o.spec?.template?.spec as Obj | undefined;
  if (pod) {
    out.push(...labelProblems(o.spec.template.metadata?.labels, `${where} pod`));
    for (const c of (pod.containers ?? []) as Obj[]) {
      out.push(...portNameProblems(c.ports, where));
      for (const e of (c.env ?? []) as Obj[])
        if (!/^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(e.name)) out.push(`${where}: env ${e.name}`);
    }
  }
  if (kind === 'Service') out.push(...portNameProblems(o.spec?.ports, where));
  if (kind === 'ConfigMap' || kind === 'Secret')
    for (const k of Object.keys({ ...o.data, ...o.stringData })) if (!ENV_KEY.test(k)) out.push(`${where}: key ${k}`);
  return out;
}
