/** Node geometry: a component's box, its port rows with their anchors, and its replica cards. */
import type { Component, Position } from '../model/types';
import { NODE_WIDTH, STACK_OFFSET, nodeHeight, portRows, portY, stackDepth, wrapName } from './metrics';
import type { Box, DiagramNode } from './types';

export function nodeGeometry(component: Component, position: Position = component.position): DiagramNode {
  const rows = portRows(component);
  const box: Box = { x: position.x, y: position.y, w: NODE_WIDTH, h: nodeHeight(rows.length) };
  const stack = stackDepth(component.replicas);
  return {
    id: component.id,
    box,
    nameLines: wrapName(component.name),
    ports: rows.map((r, i) => ({ ...r, anchor: { x: box.x, y: box.y + portY(i) } })),
    stack,
    outer: { x: box.x, y: box.y, w: box.w + stack * STACK_OFFSET, h: box.h + stack * STACK_OFFSET },
  };
}

/** The outer box (with replica cards) of a component at a position, without the rest of its geometry. */
export function outerBox(component: Component, position: Position = component.position): Box {
  const stack = stackDepth(component.replicas) * STACK_OFFSET;
  return { x: position.x, y: position.y, w: NODE_WIDTH + stack, h: nodeHeight(portRows(component).length) + stack };
}
