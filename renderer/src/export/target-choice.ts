import { getKind } from '../../../shared/catalog/index';
import { DEFAULT_TARGET, exportTarget, type ExportTarget, type ExportTargetId } from '../../../shared/export/targets';
import type { Project, ProxyFlavour } from '../../../shared/model/types';

/**
 * The export dialog's choices that are not React: which target it opens on, the folder it saves
 * into, and the proxy flavours it offers for a target. Pure, so they are tested without a page.
 */

/** localStorage key of the last target exported to, e.g. `kubernetes`. */
export const TARGET_KEY = 'portolan.export.target';

/** The target the dialog opens on: the last one chosen if it still exists, else the default. */
export function initialTarget(stored: string | null): ExportTargetId {
  return exportTarget(stored)?.id ?? DEFAULT_TARGET;
}

/** The remembered target, read defensively: storage may be refused (privacy settings) or hold anything. */
export function readStoredTarget(storage: Pick<Storage, 'getItem'> | undefined): ExportTargetId {
  try {
    return initialTarget(storage?.getItem(TARGET_KEY) ?? null);
  } catch {
    return DEFAULT_TARGET;
  }
}

export function storeTarget(storage: Pick<Storage, 'setItem'> | undefined, id: ExportTargetId): void {
  try {
    storage?.setItem(TARGET_KEY, id);
  } catch {
    // Not remembered; the choice still holds while the dialog is open.
  }
}

/** The project's name as a folder name: lower case letters, digits and single dashes. */
export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '') || 'portolan'
  );
}

/**
 * The folder (or zip) an export is saved as. Compose keeps the name it always had; another
 * target gets its own, so a Kubernetes export never lands in (and asks to replace) the compose one.
 */
export function exportFolderName(projectName: string, target: ExportTargetId): string {
  return `${slug(projectName)}-${target === 'compose' ? 'deployment' : target}`;
}

/** Proxies keep their own flavours: offered only when the project mixes several. */
export const AS_DRAWN = 'as-drawn';
export type ProxyChoice = ProxyFlavour | typeof AS_DRAWN;

export interface FlavourOption {
  readonly id: ProxyChoice;
  readonly label: string;
}

const EVERY_FLAVOUR: readonly FlavourOption[] = [
  { id: 'nginx', label: 'nginx' },
  { id: 'haproxy', label: 'HAProxy' },
  { id: 'caddy', label: 'Caddy' },
  { id: 'traefik', label: 'Traefik' },
];

/** The flavours of the reverse proxies drawn in the project, without repeats. */
export function drawnFlavours(project: Pick<Project, 'components'>): ProxyFlavour[] {
  const fallback = getKind('reverse-proxy').defaultFlavour as ProxyFlavour | undefined;
  const found = project.components
    .filter((c) => c.kind === 'reverse-proxy')
    .map((c) => (c.flavour as ProxyFlavour | undefined) ?? fallback ?? 'nginx');
  return [...new Set(found)];
}

/** What the proxy control offers for a target: its flavours, after "As drawn" when the drawing mixes several. */
export function flavourOptions(target: ExportTarget, drawn: readonly ProxyFlavour[]): FlavourOption[] {
  const own = target.flavours ?? EVERY_FLAVOUR;
  return [...(drawn.length > 1 ? [{ id: AS_DRAWN, label: 'As drawn' } as const] : []), ...own];
}

/** The choice the dialog opens with: the drawing's one flavour, "As drawn" for several, nginx for none. */
export function initialFlavour(drawn: readonly ProxyFlavour[]): ProxyChoice {
  return drawn.length === 1 ? drawn[0]! : drawn.length === 0 ? 'nginx' : AS_DRAWN;
}

/**
 * The choice as a target shows it: kept when the target offers it, else the target's first
 * flavour (the one its exporter falls back to: HAProxy becomes ingress-nginx on Kubernetes).
 * The architect's own choice is kept apart, so switching back to compose restores it.
 */
export function shownFlavour(choice: ProxyChoice, options: readonly FlavourOption[]): ProxyChoice {
  if (options.some((o) => o.id === choice)) return choice;
  return options.find((o) => o.id !== AS_DRAWN)?.id ?? choice;
}
