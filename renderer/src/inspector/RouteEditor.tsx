import { componentPorts } from '../../../shared/catalog/index';
import {
  addRoute,
  removeRoutes,
  type ComponentId,
  type Route,
  type RouteId,
  type RouteScheme,
} from '../../../shared/model/index';
import { routeUrl } from '../../../shared/model/constraints';
import { useEditorStore } from '../store/context';
import { Checkbox, PlusIcon, Section, SelectField, TextField, TrashIcon } from './fields';
import type { Peer } from './inspected';
import { entryPoints, portForScheme, portLabel, routeTargets, SCHEMES, suggestRoute } from './routes';
import { validateHost, validatePath, validatePublicPort } from './validate';

const SCHEME_OPTIONS = SCHEMES.map((s) => ({ value: s, label: s }));

function useRouteActions(route: Route) {
  const store = useEditorStore();
  const update = (fn: (r: Route) => Route, field?: string) =>
    store.getState().updateRoute(route.id, fn, field === undefined ? undefined : `field:${route.id}:${field}`);
  const remove = () => store.getState().change((p) => removeRoutes(p, new Set([route.id as RouteId])));
  return { update, remove };
}

interface RouteFieldsProps {
  readonly route: Route;
  readonly peers: readonly Peer[];
  /** `row`: a compact card inside the entry point's inspector; `form`: the selected route on its own. */
  readonly variant: 'row' | 'form';
}

/** The fields of one route: scheme, host, path → target component and port, TLS. */
export function RouteFields({ route, peers, variant }: RouteFieldsProps) {
  const { update, remove } = useRouteActions(route);
  const targets = routeTargets(peers, route.via);
  const target = peers.find((p) => p.id === route.target);
  const ports = target ? componentPorts(target) : [];
  const row = variant === 'row';
  const hide = row;
  // Rows hide their captions; their accessible names say which route they belong to.
  const name = (label: string) => (row ? `${label} of route ${route.id}` : label);

  const setTarget = (id: string) => {
    const next = peers.find((p) => p.id === id);
    if (!next) return;
    const port = componentPorts(next).some((p) => p.name === route.port)
      ? route.port
      : (portForScheme(next, route.scheme) ?? '');
    update((r) => ({ ...r, target: id as ComponentId, port }));
  };
  const setPublicPort = (v: number | undefined) =>
    update((r) => {
      if (v !== undefined) return { ...r, publicPort: v };
      const { publicPort: _drop, ...rest } = r;
      return rest;
    }, 'publicPort');

  return (
    <div className={`pl-insp-route pl-insp-route--${variant}`} data-testid={`route-${variant}-${route.id}`}>
      {row ? (
        <div className="pl-insp-route__head">
          <span className="pl-insp-route__url" title={routeUrl(route)}>
            {routeUrl(route)}
          </span>
          <button
            type="button"
            className="pl-insp-iconbtn"
            aria-label={`Delete route ${routeUrl(route)}`}
            title="Delete route"
            onClick={remove}
            data-testid={`route-delete-${route.id}`}
          >
            <TrashIcon />
          </button>
        </div>
      ) : null}
      {variant === 'form' ? (
        <SelectField
          label="Served by"
          value={route.via}
          options={entryPoints(peers).map((p) => ({ value: p.id, label: p.name }))}
          onValue={(via) => update((r) => ({ ...r, via: via as ComponentId }))}
          testId="route-via"
        />
      ) : null}
      <div className="pl-insp-route__url-fields">
        <SelectField
          label={name('Scheme')}
          hideLabel={hide}
          value={route.scheme}
          options={SCHEME_OPTIONS}
          onValue={(s) => update((r) => ({ ...r, scheme: s as RouteScheme }))}
          className="pl-insp-route__scheme"
          testId={`route-scheme-${route.id}`}
        />
        <TextField
          label={name('Host')}
          hideLabel={hide}
          mono
          value={route.host}
          parse={validateHost}
          onValue={(host) => update((r) => ({ ...r, host }), 'host')}
          placeholder="auth.example.com"
          className="pl-insp-route__host"
          testId={`route-host-${route.id}`}
        />
      </div>
      <div className="pl-insp-route__path-line">
        {variant === 'form' ? (
          <TextField
            label="Public port"
            value={route.publicPort === undefined ? '' : String(route.publicPort)}
            parse={validatePublicPort}
            onValue={setPublicPort}
            inputMode="numeric"
            placeholder={route.scheme === 'https' || route.scheme === 'wss' ? '443' : '80'}
            className="pl-insp-route__pport"
            testId={`route-public-port-${route.id}`}
          />
        ) : null}
        <TextField
          label={name('Path')}
          hideLabel={hide}
          mono
          value={route.path}
          parse={validatePath}
          onValue={(path) => update((r) => ({ ...r, path }), 'path')}
          placeholder="/"
          className="pl-insp-route__path"
          testId={`route-path-${route.id}`}
        />
        <div className="pl-insp-route__tls">
          <Checkbox
            label="Terminate TLS"
            ariaLabel={row ? name('Terminate TLS') : undefined}
            checked={route.tls.terminate}
            onValue={(terminate) => update((r) => ({ ...r, tls: { ...r.tls, terminate } }))}
            hint="TLS ends at the entry point, which holds the certificate"
            testId={`route-terminate-${route.id}`}
          />
          <Checkbox
            label="Re-encrypt"
            ariaLabel={row ? name('Re-encrypt') : undefined}
            checked={route.tls.reencrypt}
            onValue={(reencrypt) => update((r) => ({ ...r, tls: { ...r.tls, reencrypt } }))}
            hint="The entry point opens a new TLS connection to the target port"
            testId={`route-reencrypt-${route.id}`}
          />
        </div>
      </div>
      <div className="pl-insp-route__target">
        {row ? (
          <span className="pl-insp-route__arrow" aria-hidden="true">
            →
          </span>
        ) : null}
        <SelectField
          label={name('Target')}
          hideLabel={hide}
          value={route.target}
          options={targets.map((t) => ({ value: t.id, label: t.name }))}
          onValue={setTarget}
          className="pl-insp-route__component"
          testId={`route-target-${route.id}`}
        />
        <SelectField
          label={name('Port')}
          hideLabel={hide}
          value={route.port}
          options={target ? ports.map((p) => ({ value: p.name, label: portLabel(target, p) })) : []}
          onValue={(port) => update((r) => ({ ...r, port }))}
          className="pl-insp-route__port"
          testId={`route-port-${route.id}`}
        />
      </div>
      {variant === 'form' ? (
        <div className="pl-insp-actions">
          <button type="button" className="pl-insp-btn pl-insp-btn--danger" onClick={remove} data-testid="route-delete">
            <TrashIcon />
            Delete route
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** The public URLs an entry point (reverse proxy, portmap) serves, as editable rows. */
export function RoutesSection({
  via,
  routes,
  peers,
}: {
  readonly via: ComponentId;
  readonly routes: readonly Route[];
  readonly peers: readonly Peer[];
}) {
  const store = useEditorStore();
  const canAdd = routeTargets(peers, via).length > 0;
  const add = () => {
    const s = store.getState();
    if (s.project === null) return;
    const route = suggestRoute(s.project, via);
    if (route === undefined) return;
    // The model's addRoute inside `change`, not the store's action: that one selects the new
    // route, which would leave the entry point's rows and move the canvas to the route.
    s.change((p) => addRoute(p, route).project);
  };
  return (
    <Section
      title="Routes"
      count={routes.length}
      testId="inspector-routes"
      actions={
        <button
          type="button"
          className="pl-insp-btn pl-insp-btn--small"
          onClick={add}
          disabled={!canAdd}
          title={canAdd ? 'Add a public URL' : 'Add a service to the diagram first'}
          data-testid="route-add"
        >
          <PlusIcon />
          Add route
        </button>
      }
    >
      {routes.length === 0 ? (
        <p className="pl-insp-empty">
          No public URLs yet. {canAdd ? 'Add a route to forward one to a service.' : 'Add a service to route to.'}
        </p>
      ) : null}
      <ul className="pl-insp-rows">
        {routes.map((r) => (
          <li key={r.id}>
            <RouteFields route={r} peers={peers} variant="row" />
          </li>
        ))}
      </ul>
    </Section>
  );
}
