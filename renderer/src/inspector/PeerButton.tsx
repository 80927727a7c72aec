import { getKind } from '../../../shared/catalog/index';
import type { ComponentKind } from '../../../shared/model/types';
import { CategoryIcon } from '../CategoryIcon';
import { useEditorStore } from '../store/context';

/** What a peer button needs of a component. */
export interface PeerRef {
  readonly id: string;
  readonly kind: ComponentKind;
  readonly name: string;
}

/** A component named by a link or a connection; clicking selects it. */
export function PeerButton({ peer, id }: { readonly peer: PeerRef | undefined; readonly id: string }) {
  const store = useEditorStore();
  if (peer === undefined) return <code>{id}</code>;
  const category = getKind(peer.kind).category;
  return (
    <button
      type="button"
      className={`pl-insp-peer pl-cat-${category}`}
      onClick={() => store.getState().select({ components: [peer.id] })}
      title={`Select ${peer.name}`}
      data-testid={`peer-${peer.id}`}
    >
      <CategoryIcon category={category} kind={peer.kind} size={14} />
      {peer.name}
    </button>
  );
}
