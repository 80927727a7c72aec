import { useCallback, useMemo } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useNodesState,
  useReactFlow,
  type EdgeTypes,
  type NodeTypes,
} from '@xyflow/react';
import type { FormatProblem } from '../../shared/format';
import type { Component, Project, ZoneId } from '../../shared/model/types';
import { CategoryIcon } from './CategoryIcon';
import { ComponentNodeView } from './ComponentNode';
import { PortEdgeView } from './PortEdge';
import { kindInfo, NODE_HEIGHT, NODE_WIDTH, projectToFlow, type ComponentNode } from './flow';

const NODE_TYPES: NodeTypes = { component: ComponentNodeView };
const EDGE_TYPES: EdgeTypes = { port: PortEdgeView };

interface ProjectViewProps {
  readonly project: Project;
  readonly problems: readonly FormatProblem[];
}

interface ZoneGroup {
  readonly key: string;
  readonly title: string;
  readonly components: readonly Component[];
}

function groupByZone(project: Project): ZoneGroup[] {
  const groups: ZoneGroup[] = [];
  const seen = new Set<ZoneId | undefined>();
  for (const zone of project.zones) {
    const members = project.components.filter((c) => c.zone === zone.id);
    seen.add(zone.id);
    if (members.length > 0) groups.push({ key: zone.id, title: zone.name, components: members });
  }
  const rest = project.components.filter((c) => !seen.has(c.zone));
  if (rest.length > 0) groups.push({ key: '\u0000none', title: 'Other', components: rest });
  return groups;
}

function Sidebar({
  project,
  problems,
  selectedId,
  onSelect,
}: {
  project: Project;
  problems: readonly FormatProblem[];
  selectedId: string | null;
  onSelect: (c: Component) => void;
}) {
  const groups = useMemo(() => groupByZone(project), [project]);
  const warnings = problems.filter((p) => p.severity === 'warning').length;
  return (
    <aside className="pl-sidebar" aria-label="Project" data-testid="sidebar">
      <section className="pl-sidebar__section">
        <h2 className="pl-sidebar__heading">Project</h2>
        <p className="pl-sidebar__desc" data-testid="project-description">
          {project.meta.description || 'No description.'}
        </p>
        <dl className="pl-facts">
          <div>
            <dt>Components</dt>
            <dd data-testid="component-count">{project.components.length}</dd>
          </div>
          <div>
            <dt>Links</dt>
            <dd>{project.links.length}</dd>
          </div>
          <div title="Public URLs served by the entry points">
            <dt>URLs</dt>
            <dd>{project.routes.length}</dd>
          </div>
        </dl>
        {warnings > 0 ? (
          <p className="pl-note" role="status">
            {warnings} warning{warnings === 1 ? '' : 's'} while loading the file.
          </p>
        ) : null}
      </section>
      <nav className="pl-sidebar__section pl-sidebar__list" aria-label="Components">
        <h2 className="pl-sidebar__heading">Components</h2>
        <div className="pl-sidebar__scroll">
          {groups.map((group) => (
            <div key={group.key} className="pl-zone">
              <h3 className="pl-zone__title">{group.title}</h3>
              <ul className="pl-complist" data-testid="component-list">
                {group.components.map((c) => {
                  const info = kindInfo(c);
                  const selected = c.id === selectedId;
                  return (
                    <li key={c.id}>
                      <button
                        type="button"
                        className={`pl-compitem pl-cat-${info.category}${selected ? ' is-selected' : ''}`}
                        aria-current={selected ? 'true' : undefined}
                        onClick={() => onSelect(c)}
                        data-testid={`component-item-${c.id}`}
                      >
                        <span className="pl-compitem__icon">
                          <CategoryIcon category={info.category} size={15} />
                        </span>
                        <span className="pl-compitem__name">{c.name}</span>
                        <span className="pl-compitem__kind">{info.detail}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </div>
      </nav>
    </aside>
  );
}

function Legend() {
  return (
    <div className="pl-legend" aria-hidden="true">
      <span className="pl-legend__item">
        <svg width="28" height="8">
          <line x1="0" y1="4" x2="28" y2="4" className="pl-legend__link" />
        </svg>
        Connection
      </span>
      <span className="pl-legend__item">
        <svg width="28" height="8">
          <line x1="0" y1="4" x2="28" y2="4" className="pl-legend__route" />
        </svg>
        Public URL
      </span>
    </div>
  );
}

function Editor({ project, problems }: ProjectViewProps) {
  const graph = useMemo(() => projectToFlow(project), [project]);
  const [nodes, setNodes, onNodesChange] = useNodesState<ComponentNode>(graph.nodes);
  const flow = useReactFlow<ComponentNode>();
  const selectedId = nodes.find((n) => n.selected)?.id ?? null;

  const select = useCallback(
    (component: Component) => {
      setNodes((current) => current.map((n) => ({ ...n, selected: n.id === component.id })));
      const node = flow.getNode(component.id);
      const pos = node?.position ?? component.position;
      const width = node?.measured?.width ?? NODE_WIDTH;
      const height = node?.measured?.height ?? NODE_HEIGHT;
      void flow.setCenter(pos.x + width / 2, pos.y + height / 2, { zoom: Math.max(flow.getZoom(), 1), duration: 250 });
    },
    [flow, setNodes],
  );

  return (
    <div className="pl-workspace">
      <Sidebar project={project} problems={problems} selectedId={selectedId} onSelect={select} />
      <section className="pl-canvas" aria-label="Diagram" data-testid="canvas">
        <ReactFlow<ComponentNode>
          nodes={nodes}
          edges={graph.edges}
          onNodesChange={onNodesChange}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          colorMode="system"
          fitView
          fitViewOptions={{ padding: 0.12 }}
          minZoom={0.2}
          maxZoom={2}
          nodesConnectable={false}
          edgesFocusable={false}
          deleteKeyCode={null}
          proOptions={{ hideAttribution: false }}
        >
          <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} />
          <Controls showInteractive={false} position="bottom-right" />
          <MiniMap
            position="bottom-left"
            pannable
            zoomable
            ariaLabel="Overview"
            className="pl-minimap"
            style={{ width: 168, height: 108 }}
            nodeBorderRadius={6}
            nodeClassName={(n) => `pl-mini--${n.data.category}`}
          />
        </ReactFlow>
        <Legend />
      </section>
    </div>
  );
}

/** The open project: component list on the left, the diagram on the right. */
export function ProjectView(props: ProjectViewProps) {
  return (
    <ReactFlowProvider>
      <Editor {...props} />
    </ReactFlowProvider>
  );
}

/** Shown instead of the editor when a project file cannot be loaded. */
export function LoadProblemsView({
  title,
  problems,
  onBack,
}: {
  title: string;
  problems: readonly FormatProblem[];
  onBack: () => void;
}) {
  return (
    <main className="pl-problems" data-testid="load-problems">
      <div className="pl-problems__inner">
        <h1 className="pl-welcome__title">{title} could not be opened</h1>
        <p className="pl-welcome__lead">The project file has problems Portolan cannot repair automatically:</p>
        <ol className="pl-problems__list">
          {problems.map((p, i) => (
            <li key={i} className={`pl-problem pl-problem--${p.severity}`}>
              <span className="pl-problem__where">
                {p.line}:{p.column}
              </span>
              <span className="pl-problem__code">{p.code}</span>
              <span className="pl-problem__msg">{p.message}</span>
            </li>
          ))}
        </ol>
        <button type="button" className="pl-button" onClick={onBack}>
          Back to templates
        </button>
      </div>
    </main>
  );
}
