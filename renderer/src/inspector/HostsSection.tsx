import { useShallow } from 'zustand/react/shallow';
import { hostAddressProblem, hostNameProblem, instancesOn } from '../../../shared/model/hosts';
import { addHost, nextHostName, removeHost, renameHost, setHostAddress } from '../../../shared/model/hosts-ops';
import { printable } from '../../../shared/model/printable';
import type { Host, HostId, Project } from '../../../shared/model/types';
import { useEditor, useEditorStore } from '../store/context';
import { PlusIcon, Section, TextField, TrashIcon } from './fields';
import type { Validation } from './validate';

/**
 * The project's hosts (with nothing selected, beside TLS and capacity): the machines containers
 * run on — not zones, which are network segments. Each host has a name and the address other
 * hosts reach it by (empty: the export will ask the operator); a host is added with a free name
 * and renamed in place, and removing one moves its components' replicas to the remaining hosts
 * (model/hosts-ops.ts). Every edit is one undo step per field. A project without hosts shows only
 * the button: it runs on one host, and its file keeps its older format.
 */

const sentence = (problem: string): string => problem.charAt(0).toUpperCase() + problem.slice(1);

/** A host name as typed, checked against the project's other hosts (model/hosts.ts: hostNameProblem). */
export function validateHostName(text: string, project: Pick<Project, 'hosts'>, self: HostId): Validation<string> {
  const problem = hostNameProblem(text, project, self);
  return problem === undefined ? { ok: true, value: text } : { ok: false, error: sentence(problem) };
}

/** An address as typed: empty is none (the export asks), otherwise a DNS name or an IP address. */
export function validateHostAddress(text: string): Validation<string | undefined> {
  if (text === '') return { ok: true, value: undefined };
  const problem = hostAddressProblem(text);
  return problem === undefined ? { ok: true, value: text } : { ok: false, error: sentence(problem) };
}

/** How many containers each host runs, as "3 containers" — what removing it would move. */
function containersOn(project: Project, host: HostId): number {
  return project.components.reduce((n, c) => n + instancesOn(project, c, host), 0);
}

export function ProjectHostsSection() {
  const store = useEditorStore();
  const hosts = useEditor(useShallow((s) => s.project?.hosts ?? []));
  const loads = useEditor(
    useShallow((s) => (s.project === null ? [] : (s.project.hosts ?? []).map((h) => containersOn(s.project!, h.id)))),
  );
  const change = store.getState().change;
  const add = () => change((p) => addHost(p, { name: nextHostName(p) }).project);
  return (
    <Section
      title="Hosts"
      count={hosts.length}
      testId="inspector-hosts"
      actions={
        <button type="button" className="pl-insp-btn pl-insp-btn--small" onClick={add} data-testid="host-add">
          <PlusIcon />
          Add host
        </button>
      }
    >
      <p className="pl-insp-empty">
        {hosts.length === 0
          ? 'Everything runs on one Docker host. Add hosts to spread containers over machines — zones stay network segments.'
          : 'The machines containers run on; choose each component’s under “Runs on”. Components without a choice run on the first.'}
      </p>
      {hosts.length > 0 ? (
        <ul className="pl-insp-rows">
          {hosts.map((h, i) => (
            <HostRow key={h.id} host={h} containers={loads[i] ?? 0} />
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

function HostRow({ host, containers }: { readonly host: Host; readonly containers: number }) {
  const store = useEditorStore();
  const change = store.getState().change;
  const name = printable(host.name);
  return (
    <li className="pl-insp-host" data-testid={`host-row-${host.id}`}>
      <div className="pl-insp-host__fields">
        <TextField
          label="Name"
          value={host.name}
          parse={(text) => validateHostName(text, store.getState().project ?? {}, host.id)}
          onValue={(next) => change((p) => renameHost(p, host.id, next), `host:${host.id}:name`)}
          testId={`host-name-${host.id}`}
        />
        <TextField
          label="Address"
          mono
          value={host.address ?? ''}
          parse={validateHostAddress}
          onValue={(address) => change((p) => setHostAddress(p, host.id, address), `host:${host.id}:address`)}
          placeholder="asked at export"
          testId={`host-address-${host.id}`}
        />
      </div>
      <div className="pl-insp-host__foot">
        <span className="pl-insp-host__load" data-testid={`host-load-${host.id}`}>
          {containers === 1 ? '1 container' : `${containers} containers`}
        </span>
        <button
          type="button"
          className="pl-insp-iconbtn"
          aria-label={`Remove host ${name}`}
          title={`Remove ${name}: its containers move to the remaining hosts`}
          onClick={() => change((p) => removeHost(p, host.id))}
          data-testid={`host-remove-${host.id}`}
        >
          <TrashIcon />
        </button>
      </div>
    </li>
  );
}
