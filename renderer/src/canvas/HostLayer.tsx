import { memo, useLayoutEffect, useMemo } from 'react';
import { createPortal } from 'react-dom';
import { useStore, type ReactFlowState } from '@xyflow/react';
import { HOST_CHIP_PAD, HOST_GLYPH, HOST_GLYPH_GAP } from '../../../shared/diagram/hosts';
import type { DiagramHost, DiagramHostGroup } from '../../../shared/diagram/types';
import { printable } from '../../../shared/model/printable';
import { chipName, hostGlyph, hostOutlinePath } from '../../../shared/render/draw-host';
import { hostSlot } from '../../../shared/render/theme';

const domNodeOf = (s: ReactFlowState) => s.domNode;

/**
 * The host regions (shared/diagram/hosts.ts) in one SVG in React Flow's edge layer, before the
 * edges: above the zones (z-index −1), below the edges and the components — the same shapes the
 * exported picture draws (shared/render/draw-host.ts builds the paths for both).
 *
 * Cheap on every frame: `hosts` is the same array until the document or the exact diagram changes
 * (canvas/host-regions.ts), so a drag or a pan never re-renders this layer, and a project without
 * hosts renders nothing at all. The layer takes no pointer events (hosts are not canvas elements;
 * the inspector's Hosts section edits them).
 */
export const HostLayer = memo(function HostLayer({ hosts }: { readonly hosts: readonly DiagramHost[] | undefined }) {
  const domNode = useStore(domNodeOf);
  const layer = useMemo(() => domNode?.querySelector<HTMLElement>('.react-flow__edges') ?? null, [domNode]);
  // Its own element, first in the edge layer, so the host SVG sits before EdgeLayer's whatever
  // mounted first (both are z-index 0: document order decides).
  const container = useMemo(() => (layer ? hostRoot() : null), [layer]);
  useLayoutEffect(() => {
    if (!layer || !container) return;
    layer.prepend(container);
    return () => container.remove();
  }, [layer, container]);

  if (!container || !hosts || hosts.length === 0) return null;
  return createPortal(
    <svg className="pl-host-layer" style={HOST_LAYER_STYLE} aria-hidden="true">
      {hosts.map((h) => (
        <g key={h.id} className={`pl-host pl-host--${hostSlot(h.index)}`} data-host={h.host}>
          {h.groups.map((g, i) => (
            <HostGroup key={i} group={g} name={h.name} />
          ))}
        </g>
      ))}
    </svg>,
    container,
  );
});

const HOST_LAYER_STYLE = { zIndex: 0 } as const;

function hostRoot(): HTMLDivElement {
  const root = document.createElement('div');
  root.className = 'pl-host-layer-root';
  return root;
}

function HostGroup({ group, name }: { readonly group: DiagramHostGroup; readonly name: string }) {
  const { x, y, w, h } = group.chip;
  const glyph = hostGlyph(x + HOST_CHIP_PAD, y + (h - HOST_GLYPH) / 2);
  const textX = x + HOST_CHIP_PAD + HOST_GLYPH + HOST_GLYPH_GAP;
  return (
    <g className="pl-host__group" data-members={group.members.join(' ')}>
      <path className="pl-host__region" d={hostOutlinePath(group.outline)} fillRule="evenodd" />
      <g className="pl-host__chip">
        <title>{`Host ${printable(name)}`}</title>
        <rect x={x + 0.5} y={y + 0.5} width={w - 1} height={h - 1} rx={10} />
        <path className="pl-host__glyph" d={glyph.d} />
        {glyph.lamps.map((p, i) => (
          <circle key={i} className="pl-host__lamp" cx={p.x} cy={p.y} r={0.9} />
        ))}
        <text x={textX} y={y + h / 2} dominantBaseline="central">
          {chipName(name, x + w - HOST_CHIP_PAD - textX)}
        </text>
      </g>
    </g>
  );
}
