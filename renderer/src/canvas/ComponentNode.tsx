import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { CategoryIcon } from '../CategoryIcon';
import { STACK_OFFSET, portY } from '../../../shared/diagram/metrics';
import {
  FALLBACK_HANDLE_ID,
  OUT_HANDLE_ID,
  OUT_Y,
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
      {Array.from({ length: data.stack }, (_, i) => (
        <div
          key={i}
          className="pl-cnode__card"
          style={{ transform: `translate(${(data.stack - i) * STACK_OFFSET}px, ${(data.stack - i) * STACK_OFFSET}px)` }}
          aria-hidden="true"
          data-testid="node-card"
        />
      ))}
      <div
        className={`pl-cnode pl-cat-${data.category}${selected ? ' is-selected' : ''}${severity}`}
        data-testid={`node-${id}`}
        data-kind-category={data.category}
        data-kind-label={data.kindLabel}
      >
        <div className="pl-cnode__header" title={`${data.name} — ${data.kindLabel}`}>
          <span className="pl-cnode__glyph">
            <CategoryIcon category={data.category} size={18} />
          </span>
          <span className="pl-cnode__text">
            <span className="pl-cnode__name" data-testid="node-name">
              {data.nameLines.map((line, i) => (
                <span key={i} className="pl-cnode__name-line">
                  {line}
                </span>
              ))}
            </span>
            <span className="pl-cnode__kind" data-testid="node-kind">
              {data.detail}
            </span>
          </span>
        </div>
        {data.ports.length > 0 ? (
          <ul className="pl-cnode__ports" aria-label="Ports">
            {data.ports.map((port) => (
              <li key={port.name} className="pl-port" data-testid={`port-${port.name}`} title={port.label || port.name}>
                <span className="pl-port__number">{port.number}</span>
                <span className="pl-port__protocol">{port.protocol}</span>
                {port.label ? <span className="pl-port__label">{port.label}</span> : null}
              </li>
            ))}
          </ul>
        ) : null}
        {data.ports.map((port, i) => (
          <Handle
            key={port.name}
            id={portHandleId(port.name)}
            type="target"
            position={Position.Left}
            className="pl-handle pl-handle--port"
            style={{ top: portY(i) }}
            // The port list above names every port for assistive technology; the handle is the
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
          style={{ top: OUT_Y }}
          title={`Drag to connect ${data.name} to a port`}
          aria-hidden="true"
          data-testid={`handle-out-${id}`}
        />
        <Handle
          id={FALLBACK_HANDLE_ID}
          type="target"
          position={Position.Left}
          className="pl-handle pl-handle--hidden"
          style={{ top: OUT_Y }}
          isConnectable={false}
        />
        <DiagnosticBadges errors={data.errors} warnings={data.warnings} className="pl-cnode__badges" />
      </div>
    </>
  );
});
