import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { CategoryIcon } from '../CategoryIcon';
import { STACK_OFFSET, portY } from '../../../shared/diagram/metrics';
import {
  FALLBACK_HANDLE_ID,
  OUT_HANDLE,
  OUT_HANDLE_ID,
  OUT_Y,
  PORT_HANDLE,
  portHandleId,
  type ComponentNode as ComponentNodeType,
} from '../flow';
import { DiagnosticBadges } from './DiagnosticBadges';

/**
 * One deployment component: icon, name (the lines shared/diagram broke it into), kind,
 * diagnostics badges, one row per catalog port with its target handle on the left border, and
 * for replicas a stack of cards behind it. The handle positions are the ones `flow.ts`
 * declares to React Flow (same constants), so edges attach without measuring.
 */
export const ComponentNodeView = memo(function ComponentNodeView({ id, data, selected }: NodeProps<ComponentNodeType>) {
  const severity = data.errors > 0 ? ' has-errors' : data.warnings > 0 ? ' has-warnings' : '';
  return (
    <>
      {Array.from({ length: data.stack }, (_, i) => {
        // The node's box, offset down-right (inset, not a transform: see canvas.css, Handles).
        const d = (data.stack - i) * STACK_OFFSET;
        return (
          <div
            key={i}
            className="pl-cnode__card"
            style={{ left: d, top: d, right: -d, bottom: -d }}
            aria-hidden="true"
            data-testid="node-card"
          />
        );
      })}
      <div
        className={`pl-cnode pl-cat-${data.category}${selected ? ' is-selected' : ''}${severity}${data.stack > 0 ? ' pl-cnode--stacked' : ''}`}
        data-testid={`node-${id}`}
        data-kind-category={data.category}
        data-kind-label={data.kindLabel}
      >
        {/* Laid out in a zero-height grid on the node's top edge, each placed by its margins
            (canvas.css): not positioned, since every positioned element is a paint layer of its own. */}
        <div className="pl-cnode__handles">
          {data.ports.map((port, i) => (
            <Handle
              key={port.name}
              id={portHandleId(port.name)}
              type="target"
              position={Position.Left}
              className="pl-handle pl-handle--port"
              style={{ marginTop: portY(i) - PORT_HANDLE / 2 }}
              // The port list names every port for assistive technology; the handle is the
              // mouse's drop target, so it carries a tooltip and stays out of the accessibility tree.
              title={`Port ${port.number} ${port.protocol}`}
              aria-hidden="true"
            />
          ))}
          <Handle
            id={OUT_HANDLE_ID}
            type="source"
            position={Position.Right}
            className="pl-handle pl-handle--out"
            style={{ marginTop: OUT_Y - OUT_HANDLE / 2 }}
            title={`Drag to connect ${data.name} to a port`}
            aria-hidden="true"
            data-testid={`handle-out-${id}`}
          />
          <Handle
            id={FALLBACK_HANDLE_ID}
            type="target"
            position={Position.Left}
            className="pl-handle pl-handle--hidden"
            isConnectable={false}
          />
        </div>
        <div className="pl-cnode__header" title={`${data.name} — ${data.kindLabel}`}>
          <span className="pl-cnode__glyph">
            <CategoryIcon category={data.category} kind={data.kind} size={18} />
          </span>
          <span className="pl-cnode__text">
            <span className="pl-cnode__name" data-testid="node-name">
              {data.nameLines.map((line, i) => (
                <span key={i} className={`pl-cnode__name-line${data.clips.name ? ' pl-clip' : ''}`}>
                  {line}
                </span>
              ))}
            </span>
            <span className={`pl-cnode__kind${data.clips.kind ? ' pl-clip' : ''}`} data-testid="node-kind">
              {data.detail}
            </span>
          </span>
        </div>
        {data.ports.length > 0 ? (
          <ul className="pl-cnode__ports" aria-label="Ports">
            {data.ports.map((port, i) => (
              <li key={port.name} className="pl-port" data-testid={`port-${port.name}`} title={port.label || port.name}>
                <span className="pl-port__number">{port.number}</span>
                <span className="pl-port__protocol">{port.protocol}</span>
                {port.label ? (
                  <span className={`pl-port__label${data.clips.ports[i] ? ' pl-clip' : ''}`}>{port.label}</span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
        <DiagnosticBadges errors={data.errors} warnings={data.warnings} className="pl-cnode__badges" />
      </div>
    </>
  );
}, sameContent);

/**
 * Whether a node draws the same: React Flow also hands a node its position, and a dragged node
 * would otherwise redraw its whole content (and every handle's store subscription) on each frame.
 */
function sameContent(a: NodeProps<ComponentNodeType>, b: NodeProps<ComponentNodeType>): boolean {
  return a.id === b.id && a.data === b.data && a.selected === b.selected;
}
