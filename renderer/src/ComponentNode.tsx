import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { CategoryIcon } from './CategoryIcon';
import type { ComponentNode as ComponentNodeType, Side } from './flow';

const SIDES: ReadonlyArray<[Side, Position]> = [
  ['top', Position.Top],
  ['right', Position.Right],
  ['bottom', Position.Bottom],
  ['left', Position.Left],
];

/** One deployment component on the canvas: its name, its catalog kind, and its replica count. */
export const ComponentNodeView = memo(function ComponentNodeView({ id, data, selected }: NodeProps<ComponentNodeType>) {
  return (
    <div
      className={`pl-node pl-cat-${data.category}${selected ? ' is-selected' : ''}`}
      data-testid={`node-${id}`}
      data-kind-category={data.category}
      data-kind-label={data.kindLabel}
      title={`${data.name} — ${data.kindLabel}`}
    >
      <span className="pl-node__glyph">
        <CategoryIcon category={data.category} size={18} />
      </span>
      <span className="pl-node__text">
        <span className="pl-node__name" data-testid="node-name">
          {data.name}
        </span>
        <span className="pl-node__kind" data-testid="node-kind">
          {data.detail}
        </span>
      </span>
      {data.replicas > 1 ? (
        <span className="pl-node__replicas" title={`${data.replicas} replicas`}>
          ×{data.replicas}
        </span>
      ) : null}
      {SIDES.map(([side, position]) => (
        <Handle key={`in-${side}`} id={`in-${side}`} type="target" position={position} isConnectable={false} />
      ))}
      {SIDES.map(([side, position]) => (
        <Handle key={`out-${side}`} id={`out-${side}`} type="source" position={position} isConnectable={false} />
      ))}
    </div>
  );
});
