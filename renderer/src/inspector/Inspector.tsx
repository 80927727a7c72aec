import { componentPort, portNumber } from '../../../shared/catalog/index';
import { ProjectKeptSection } from './PassThroughSection';
import { ProjectNetworksSection } from './NetworksSection';
import { ProjectTlsSection } from './TlsSection';
import { ProjectCapacitySection } from './CapacitySection';
import { ProjectHostsSection } from './HostsSection';
import { removeLinks, type LinkId } from '../../../shared/model/index';
import { routeUrl } from '../../../shared/model/constraints';
import { printable } from '../../../shared/model/printable';
import { useShallow } from 'zustand/react/shallow';
import { useEditor, useEditorStore } from '../store/context';
import { ComponentInspector, DeleteSelection } from './ComponentInspector';
import { Section, TextField, TrashIcon } from './fields';
import { usePeers } from './inspected';
import { PeerButton } from './PeerButton';
import { IssueList } from './IssueList';
import { RouteFields } from './RouteEditor';
import { validateMultilineText, validateName, validateRegistry, validateTag } from './validate';
import './inspector.css';

/**
 * The right sidebar: edits what is selected through the store's actions. Nothing selected →
 * the project's name, description and image settings; one component, route or link → its
 * fields; several → a summary. The checker's findings for the element come first.
 */
export function Inspector() {
  const selection = useEditor((s) => s.selection);
  const hasProject = useEditor((s) => s.project !== null);
  if (!hasProject) return null;
  const total = selection.components.length + selection.links.length + selection.routes.length;
  // Keyed by element so field drafts and reveal toggles never leak from one element to the next.
  const body =
    total === 0 ? (
      <ProjectInspector />
    ) : total === selection.routes.length ? (
      // One route, or the routes of one edge on the canvas (several URLs to the same port).
      <RoutesInspector key={`r:${selection.routes.join(' ')}`} ids={selection.routes} />
    ) : total > 1 ? (
      <MultiInspector
        components={selection.components.length}
        links={selection.links.length}
        routes={selection.routes.length}
      />
    ) : selection.components[0] !== undefined ? (
      <ComponentInspector key={`c:${selection.components[0]}`} id={selection.components[0]} />
    ) : (
      <LinkInspector key={`l:${selection.links[0]}`} id={selection.links[0]!} />
    );
  return (
    <div className="pl-insp" data-testid="inspector">
      {body}
    </div>
  );
}

function ProjectInspector() {
  const store = useEditorStore();
  const meta = useEditor((s) => s.project?.meta);
  const settings = useEditor((s) => s.project?.settings);
  const counts = useEditor((s) =>
    s.project ? `${s.project.components.length}|${s.project.links.length}|${s.project.routes.length}` : '0|0|0',
  );
  if (meta === undefined || settings === undefined) return null;
  const [components, links, routes] = counts.split('|');
  const change = store.getState().change;
  return (
    <>
      <header className="pl-insp-header">
        <div className="pl-insp-header__text">
          <h2 className="pl-insp-header__title" data-testid="inspector-title">
            {printable(meta.name) || 'Untitled project'}
          </h2>
          <p className="pl-insp-header__sub">Project · nothing selected</p>
        </div>
      </header>
      <IssueList elements={null} />
      <dl className="pl-insp-facts">
        <div>
          <dt>Components</dt>
          <dd>{components}</dd>
        </div>
        <div>
          <dt>Links</dt>
          <dd>{links}</dd>
        </div>
        <div>
          <dt>Routes</dt>
          <dd>{routes}</dd>
        </div>
      </dl>
      <Section title="Project" testId="inspector-project">
        <TextField
          label="Name"
          value={meta.name}
          parse={validateName}
          onValue={(name) => change((p) => ({ ...p, meta: { ...p.meta, name } }), 'meta:name')}
          testId="project-name"
        />
        <TextField
          label="Description"
          multiline
          value={meta.description}
          parse={validateMultilineText}
          onValue={(description) => change((p) => ({ ...p, meta: { ...p.meta, description } }), 'meta:description')}
          placeholder="What this deployment is for"
          testId="project-description"
        />
      </Section>
      <Section title="Images" testId="inspector-settings">
        <TextField
          label="Registry"
          mono
          value={settings.registry}
          parse={validateRegistry}
          onValue={(registry) => change((p) => ({ ...p, settings: { ...p.settings, registry } }), 'settings:registry')}
          placeholder="registry.example.com/nextauth"
          hint="Where the nextauth images are pulled from; empty for none."
          testId="project-registry"
        />
        <TextField
          label="Tag"
          mono
          value={settings.tag}
          parse={validateTag}
          onValue={(tag) => change((p) => ({ ...p, settings: { ...p.settings, tag } }), 'settings:tag')}
          placeholder="latest"
          hint="Image tag of the nextauth, nextauth-mgmt and nextauth-portmap images."
          testId="project-tag"
        />
      </Section>
      <ProjectHostsSection />
      <ProjectTlsSection />
      <ProjectCapacitySection />
      <ProjectNetworksSection />
      <ProjectKeptSection />
      <p className="pl-insp-tip">Select a component, link or route on the canvas to edit it.</p>
    </>
  );
}

function RoutesInspector({ ids }: { readonly ids: readonly string[] }) {
  const routes = useEditor(useShallow((s) => (s.project?.routes ?? []).filter((r) => ids.includes(r.id))));
  const peers = usePeers();
  const first = routes[0];
  if (first === undefined) return null;
  // Headings are one line: project text is shown `printable` (no line break, control or bidi override).
  const name = (id: string) => printable(peers.find((p) => p.id === id)?.name ?? id);
  if (routes.length > 1) {
    return (
      <>
        <header className="pl-insp-header">
          <span className="pl-insp-header__icon pl-cat-edge">
            <RouteIcon />
          </span>
          <div className="pl-insp-header__text">
            <h2 className="pl-insp-header__title" data-testid="inspector-title">
              {routes.length} routes
            </h2>
            <p className="pl-insp-header__sub">
              {name(first.via)} → {name(first.target)}
            </p>
          </div>
        </header>
        <IssueList elements={routes.map((r) => ({ type: 'route', id: r.id }))} />
        <Section title="Public URLs" count={routes.length} testId="inspector-route">
          <ul className="pl-insp-rows">
            {routes.map((r) => (
              <li key={r.id}>
                <RouteFields route={r} peers={peers} variant="row" />
              </li>
            ))}
          </ul>
        </Section>
      </>
    );
  }
  return (
    <>
      <header className="pl-insp-header">
        <span className="pl-insp-header__icon pl-cat-edge">
          <RouteIcon />
        </span>
        <div className="pl-insp-header__text">
          <h2 className="pl-insp-header__title pl-insp-header__title--mono" data-testid="inspector-title">
            {printable(routeUrl(first))}
          </h2>
          <p className="pl-insp-header__sub">
            Route · {name(first.via)} → {name(first.target)} <span className="pl-insp-header__id">{first.id}</span>
          </p>
        </div>
      </header>
      <IssueList elements={[{ type: 'route', id: first.id }]} />
      <Section title="Public URL" testId="inspector-route">
        <RouteFields route={first} peers={peers} variant="form" />
      </Section>
    </>
  );
}

function LinkInspector({ id }: { readonly id: string }) {
  const store = useEditorStore();
  const link = useEditor((s) => s.project?.links.find((l) => l.id === id));
  const peers = usePeers();
  if (link === undefined) return null;
  const from = peers.find((p) => p.id === link.from);
  const to = peers.find((p) => p.id === link.to);
  const port = to ? componentPort(to, link.port) : undefined;
  const number = to ? portNumber(to, link.port) : undefined;
  return (
    <>
      <header className="pl-insp-header">
        <span className="pl-insp-header__icon pl-cat-client">
          <LinkIcon />
        </span>
        <div className="pl-insp-header__text">
          <h2 className="pl-insp-header__title" data-testid="inspector-title">
            {printable(from?.name ?? link.from)} → {printable(to?.name ?? link.to)}
          </h2>
          <p className="pl-insp-header__sub">
            Connection <span className="pl-insp-header__id">{link.id}</span>
          </p>
        </div>
      </header>
      <IssueList elements={[{ type: 'link', id }]} />
      <Section title="Connection" testId="inspector-link">
        <dl className="pl-insp-dl">
          <dt>From</dt>
          <dd>
            <PeerButton peer={from} id={link.from} />
          </dd>
          <dt>To</dt>
          <dd>
            <PeerButton peer={to} id={link.to} />
          </dd>
          <dt>Port</dt>
          <dd data-testid="link-port">
            {port ? (
              <>
                {port.label} · <code>{number ?? port.number}</code>{' '}
                <span className="pl-insp-muted">{port.protocol}</span>
              </>
            ) : (
              <code>{link.port}</code>
            )}
          </dd>
        </dl>
        <div className="pl-insp-actions">
          <button
            type="button"
            className="pl-insp-btn pl-insp-btn--danger"
            onClick={() => store.getState().change((p) => removeLinks(p, new Set([link.id as LinkId])))}
            data-testid="link-delete"
          >
            <TrashIcon />
            Delete connection
          </button>
        </div>
      </Section>
    </>
  );
}

function MultiInspector({ components, links, routes }: { components: number; links: number; routes: number }) {
  const parts = [
    [components, 'component'],
    [links, 'connection'],
    [routes, 'route'],
  ]
    .filter(([n]) => (n as number) > 0)
    .map(([n, what]) => `${n} ${what}${n === 1 ? '' : 's'}`);
  return (
    <>
      <header className="pl-insp-header">
        <div className="pl-insp-header__text">
          <h2 className="pl-insp-header__title" data-testid="inspector-title">
            {components + links + routes} selected
          </h2>
          <p className="pl-insp-header__sub">{parts.join(', ')}</p>
        </div>
      </header>
      <p className="pl-insp-tip">Select a single element to edit its fields.</p>
      <DeleteSelection label="Delete selection" />
    </>
  );
}

function RouteIcon() {
  return (
    <svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true">
      <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <path
        d="M1.8 8h12.4M8 1.8c1.8 1.9 2.6 3.9 2.6 6.2S9.8 12.3 8 14.2M8 1.8C6.2 3.7 5.4 5.7 5.4 8s.8 4.3 2.6 6.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.3"
      />
    </svg>
  );
}

function LinkIcon() {
  return (
    <svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true">
      <path
        d="M6.6 9.4 9.4 6.6M7.2 4.6l1.2-1.2a2.6 2.6 0 0 1 3.7 3.7l-1.2 1.2M8.8 11.4l-1.2 1.2a2.6 2.6 0 0 1-3.7-3.7l1.2-1.2"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.5"
        strokeLinecap="round"
      />
    </svg>
  );
}
