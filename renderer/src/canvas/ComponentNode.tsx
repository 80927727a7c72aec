import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { CategoryIcon } from '../CategoryIcon';
import {
  FALLBACK_HANDLE_ID,
  OUT_HANDLE_ID,
  OUT_LEFT_HANDLE_ID,
  portHandleId,
  type ComponentNode as ComponentNodeType,
} from '../flow';
import { OUT_Y, portY } from './geometry';
import { DiagnosticBadges } from './DiagnosticBadges';

/**
 * One deployment component: icon, name, kind, replica count, diagnostics badges, and one row
 * per catalog port with its target handle on the left border. The handle positions are the
 * ones `flow.ts` declares to React Flow (same constants), so edges attach without measuring.
 */
export const ComponentNodeView = memo(function ComponentNodeView({ id, data, selected }: NodeProps<ComponentNodeType>) {
  const severity = data.errors > 0 ? ' has-errors' : data.warnings > 0 ? ' has-warnings' : '';
  return (
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
            {data.name}
          </span>
          <span className="pl-cnode__kind" data-testid="node-kind">
            {data.detail}
          </span>
        </span>
        {data.replicas > 1 ? (
          <span className="pl-cnode__replicas" title={`${data.replicas} replicas`} data-testid="node-replicas">
            ×{data.replicas}
          </span>
        ) : null}
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
        id={OUT_LEFT_HANDLE_ID}
        type="source"
        position={Position.Left}
        className="pl-handle pl-handle--hidden"
        style={{ top: OUT_Y }}
        isConnectable={false}
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
  );
});
