import { loadProject } from '../../shared/format/index';
import {
  addComponent,
  addLink,
  addRoute,
  removeLinks,
  removeRoutes,
  updateComponent,
  updateRoute,
  type ComponentId,
  type EnvValue,
  type LinkId,
  type Project,
  type Route,
  type RouteId,
} from '../../shared/model/index';
import { getTemplate, type TemplateId } from '../../shared/templates/index';

export function template(id: TemplateId): Project {
  const result = loadProject(getTemplate(id)!.text);
  if (!result.ok) throw new Error(`template ${id} does not load`);
  return result.project;
}

export const cid = (id: string) => id as ComponentId;

export const setEnv = (p: Project, id: string, name: string, value: EnvValue | string | undefined): Project =>
  updateComponent(p, cid(id), (c) => {
    const environment = { ...c.environment };
    if (value === undefined) delete environment[name];
    else environment[name] = typeof value === 'string' ? { type: 'literal', value } : value;
    return { ...c, environment };
  });

export const patchComponent = (p: Project, id: string, patch: Partial<Project['components'][number]>): Project =>
  updateComponent(p, cid(id), (c) => ({ ...c, ...patch }));

export const patchRoute = (p: Project, id: string, patch: Partial<Route>): Project =>
  updateRoute(p, id as RouteId, (r) => ({ ...r, ...patch }));

export const dropRoute = (p: Project, id: string): Project => removeRoutes(p, new Set([id as RouteId]));
export const dropLink = (p: Project, id: string): Project => removeLinks(p, new Set([id as LinkId]));

export const route = (
  p: Project,
  r: Omit<Route, 'id' | 'via' | 'target' | 'tls'> & { via: string; target: string; id?: string; tls?: Route['tls'] },
): Project =>
  addRoute(p, {
    ...r,
    via: cid(r.via),
    target: cid(r.target),
    tls: r.tls ?? { terminate: r.scheme === 'https' || r.scheme === 'wss', reencrypt: false },
  }).project;

export const link = (p: Project, from: string, to: string, port: string): Project =>
  addLink(p, { from: cid(from), to: cid(to), port }).project;

export const component = (p: Project, spec: Parameters<typeof addComponent>[1]): Project =>
  addComponent(p, spec).project;
