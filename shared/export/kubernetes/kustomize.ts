import { toYaml } from '../yaml';
import type { ExportFile } from '../types';
import type { Manifest } from './types';

/**
 * The kustomize layout: `base/` holds every object except Secrets (kustomization.yaml lists the
 * files), `overlays/production/` builds on it and shows where an operator patches — the nextAuth
 * image tag through `images:`, and a replica count through a strategic-merge patch.
 */

export const KUSTOMIZE_API = 'kustomize.config.k8s.io/v1beta1';

/** One YAML file holding several objects. */
export function manifestFile(path: string, manifests: readonly Manifest[], header?: string): ExportFile {
  const body = manifests.map((m) => toYaml(m)).join('---\n');
  return { path, mode: 0o644, contents: `${header ?? ''}${body}` };
}

export function baseKustomization(namespace: string, resources: readonly string[]): ExportFile {
  return {
    path: 'base/kustomization.yaml',
    mode: 0o644,
    contents: toYaml({ apiVersion: KUSTOMIZE_API, kind: 'Kustomization', namespace, resources: [...resources] }),
  };
}

export interface OverlayExample {
  /** nextAuth images of the base (name without tag) and the tag the project names. */
  readonly images: readonly { readonly name: string; readonly tag: string }[];
  /** A scalable Deployment and its replica count, for the patch example. */
  readonly scale?: { readonly name: string; readonly replicas: number };
}

export function overlayFiles(example: OverlayExample): ExportFile[] {
  const files: ExportFile[] = [];
  const patch = example.scale;
  const header = [
    '# Production overlay: patch here, never in ../../base, so a re-export can replace the base.',
    '# images: pin the nextAuth version the cluster runs (the project says which; "latest" is not a version).',
    ...(patch ? ['# patches: replicas, resources, node selectors… (replicas.yaml shows the form).'] : []),
    '',
  ].join('\n');
  files.push({
    path: 'overlays/production/kustomization.yaml',
    mode: 0o644,
    contents:
      header +
      toYaml({
        apiVersion: KUSTOMIZE_API,
        kind: 'Kustomization',
        resources: ['../../base'],
        ...(example.images.length > 0 ? { images: example.images.map((i) => ({ name: i.name, newTag: i.tag })) } : {}),
        ...(patch ? { patches: [{ path: 'replicas.yaml' }] } : {}),
      }),
  });
  if (patch)
    files.push({
      path: 'overlays/production/replicas.yaml',
      mode: 0o644,
      contents: toYaml({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: patch.name },
        spec: { replicas: patch.replicas },
      }),
    });
  return files;
}
