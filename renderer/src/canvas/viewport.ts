/**
 * The canvas viewport for the rest of the editor. These hooks read React Flow's store, so they
 * must run inside the same `<ReactFlowProvider>` as the canvas (EditorView provides one).
 */
import { useCallback } from 'react';
import { useStoreApi } from '@xyflow/react';
import type { Position, Project } from '../../../shared/model/types';
import type { ElementRef } from '../../../shared/rules/types';
import { componentBox, routeEdgeId } from '../flow';
import type { Box } from './geometry';
import { union } from './geometry';

/** The drag-and-drop payload the canvas accepts (the palette's `KIND_MIME`): a ComponentKind. */
export const DROP_MIME = 'application/x-portolan-kind';

/**
 * A function returning the flow position at the centre of the visible canvas, or null while
 * no canvas is mounted. Stable across renders; read it at the moment of use.
 */
export function useCanvasCenter(): () => Position | null {
  const api = useStoreApi();
  return useCallback(() => {
    const { domNode, width, height, transform } = api.getState();
    if (!domNode || width === 0 || height === 0) return null;
    const [tx, ty, zoom] = transform;
    return { x: (width / 2 - tx) / zoom, y: (height / 2 - ty) / zoom };
  }, [api]);
}

/** The flow-space box covering the given elements (links and routes by both ends), or null. */
export function elementsBounds(project: Project, refs: readonly ElementRef[]): Box | null {
  const byId = new Map(project.components.map((c) => [c.id as string, c]));
  const boxes: Box[] = [];
  const addComponent = (id: string) => {
    const c = byId.get(id);
    if (c) boxes.push(componentBox(c));
  };
  for (const ref of refs) {
    if (ref.type === 'component') addComponent(ref.id);
    else if (ref.type === 'link') {
      const link = project.links.find((l) => l.id === ref.id);
      if (link) [link.from, link.to].forEach(addComponent);
    } else if (ref.type === 'route') {
      // A route id, or the id of the edge drawing a group of routes.
      const route = project.routes.find((r) => r.id === ref.id || routeEdgeId(r) === ref.id);
      if (route) [route.via, route.target].forEach(addComponent);
    } else if (ref.type === 'zone') {
      for (const c of project.components) if (c.zone === ref.id) boxes.push(componentBox(c));
    }
  }
  return boxes.length === 0 ? null : boxes.reduce(union);
}
