import { removePassThrough, type ComponentId, type PassValue } from '../../../shared/model/index';
import { toYaml, type YamlNode } from '../../../shared/export/yaml';
import { useEditor, useEditorStore } from '../store/context';
import { Section, TrashIcon } from './fields';

/** A kept value as the compose file holds it (one key and what is under it), for reading. */
export function keptYaml(key: string, value: PassValue): string {
  const one = Object.create(null) as Record<string, YamlNode>;
  one[key] = value as YamlNode;
  return toYaml(one);
}

/**
 * "Kept from import": the compose keys an import kept without modelling them (a service's
 * `logging:`, `healthcheck:`, the project's shared `volumes:`…). Read-only — the export writes
 * them back as they are — each folded until opened, and each can be removed.
 */
function KeptSection({
  kept,
  owner,
  remove,
}: {
  readonly kept: Readonly<Record<string, PassValue>> | undefined;
  /** Whose keys they are, for the accessible names ("of nextauth", "of the project"). */
  readonly owner: string;
  readonly remove: (key: string) => void;
}) {
  const keys = kept === undefined ? [] : Object.keys(kept);
  if (kept === undefined || keys.length === 0) return null;
  return (
    <Section title="Kept from import" count={keys.length} testId="inspector-kept">
      <p className="pl-insp-empty">
        Compose keys Portolan does not model; the compose export writes them back in their place.
      </p>
      <ul className="pl-insp-rows">
        {keys.map((key) => (
          <li key={key} className="pl-insp-kept" data-testid={`kept-${key}`}>
            <details>
              <summary>
                <code>{key}</code>
              </summary>
              <pre className="pl-insp-kept__yaml">{keptYaml(key, kept[key] as PassValue)}</pre>
            </details>
            <button
              type="button"
              className="pl-insp-iconbtn"
              aria-label={`Remove kept key ${key} of ${owner}`}
              title={`Remove ${key}: the export will no longer write it`}
              onClick={() => remove(key)}
              data-testid={`kept-remove-${key}`}
            >
              <TrashIcon />
            </button>
          </li>
        ))}
      </ul>
    </Section>
  );
}

/** A component's kept service keys. */
export function ComponentKeptSection({
  id,
  name,
  kept,
}: {
  readonly id: string;
  readonly name: string;
  readonly kept: Readonly<Record<string, PassValue>> | undefined;
}) {
  const store = useEditorStore();
  return (
    <KeptSection
      kept={kept}
      owner={name}
      remove={(key) => store.getState().change((p) => removePassThrough(p, id as ComponentId, key))}
    />
  );
}

/** The project's kept top-level keys (shared volumes, secrets, configs, `x-` fields). */
export function ProjectKeptSection() {
  const store = useEditorStore();
  const kept = useEditor((s) => s.project?.passThrough);
  return (
    <KeptSection
      kept={kept}
      owner="the project"
      remove={(key) => store.getState().change((p) => removePassThrough(p, undefined, key))}
    />
  );
}
