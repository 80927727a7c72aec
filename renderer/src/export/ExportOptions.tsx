import { useId } from 'react';
import { DEFAULT_CERT_DIR } from '../../../shared/export/index';
import { dnsLabel } from '../../../shared/export/kubernetes/names';
import type { ExportTarget, ExportTargetId } from '../../../shared/export/targets';
import { CERT_DIR_PROBLEMS, type CertDirProblem } from '../../../shared/model/constraints';
import type { FlavourOption, ProxyChoice } from './target-choice';

/**
 * The export dialog's choices: the target, the proxy flavour the target offers, and the one text
 * setting the target reads (compose's certificate folder, Kubernetes' namespace). Each group is a
 * set of native radio buttons, so arrow keys move through it as in any radio group.
 */

function Segmented<T extends string>({
  name,
  options,
  current,
  onChange,
  testId,
}: {
  readonly name: string;
  readonly options: readonly { readonly id: T; readonly label: string }[];
  readonly current: T | null;
  readonly onChange: (value: T) => void;
  readonly testId: (value: T) => string;
}) {
  return (
    <div className="pl-segmented">
      {options.map((o) => (
        <label key={o.id} className={`pl-segmented__option${current === o.id ? ' is-checked' : ''}`}>
          <input
            type="radio"
            name={name}
            value={o.id}
            checked={current === o.id}
            onChange={() => onChange(o.id)}
            data-testid={testId(o.id)}
          />
          {o.label}
        </label>
      ))}
    </div>
  );
}

export function TargetChoice({
  targets,
  current,
  onChange,
}: {
  readonly targets: readonly ExportTarget[];
  readonly current: ExportTargetId;
  readonly onChange: (id: ExportTargetId) => void;
}) {
  return (
    <fieldset className="pl-export__flavours" data-testid="export-targets">
      <legend className="pl-export__label">Target</legend>
      <Segmented
        name="pl-export-target"
        options={targets}
        current={current}
        onChange={onChange}
        testId={(id) => `export-target-${id}`}
      />
    </fieldset>
  );
}

export function FlavourChoice({
  label,
  options,
  current,
  disabled,
  onChange,
}: {
  readonly label: string;
  readonly options: readonly FlavourOption[];
  /** Null when nothing applies (no reverse proxy drawn). */
  readonly current: ProxyChoice | null;
  readonly disabled: boolean;
  readonly onChange: (value: ProxyChoice) => void;
}) {
  return (
    <fieldset className="pl-export__flavours" disabled={disabled}>
      <legend className="pl-export__label">{label}</legend>
      <Segmented
        name="pl-export-proxy"
        options={options}
        current={current}
        onChange={onChange}
        testId={(id) => `export-proxy-${id}`}
      />
      {disabled ? (
        <p className="pl-export__hint">No reverse proxy in this project: the portmap serves the public URLs.</p>
      ) : null}
    </fieldset>
  );
}

export function CertDirField({
  value,
  disabled,
  problem,
  onChange,
}: {
  readonly value: string;
  readonly disabled: boolean;
  readonly problem: CertDirProblem | undefined;
  readonly onChange: (value: string) => void;
}) {
  const id = useId();
  const hintId = useId();
  return (
    <div className="pl-export__cert">
      <label className="pl-export__label" htmlFor={id}>
        Certificate folder <span className="pl-export__optional">optional</span>
      </label>
      <input
        id={id}
        className="pl-input"
        type="text"
        spellCheck={false}
        autoComplete="off"
        placeholder={DEFAULT_CERT_DIR}
        disabled={disabled}
        value={value}
        aria-invalid={problem !== undefined}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.value)}
        data-testid="export-cert-dir"
      />
      <p id={hintId} className={`pl-export__hint${problem === undefined ? '' : ' is-invalid'}`}>
        {problem === undefined
          ? 'Inside the proxy container; holds HOST.crt and HOST.key for each host name.'
          : `The folder ${CERT_DIR_PROBLEMS[problem]}.`}
      </p>
    </div>
  );
}

export function NamespaceField({
  value,
  projectName,
  onChange,
}: {
  readonly value: string;
  /** The plan's project name: the namespace when none is typed. */
  readonly projectName: string;
  readonly onChange: (value: string) => void;
}) {
  const id = useId();
  const hintId = useId();
  const typed = value.trim();
  // The exporter makes any text a valid namespace (an RFC 1035 label): the hint shows the result.
  const written = dnsLabel(typed === '' ? projectName : typed);
  return (
    <div className="pl-export__cert">
      <label className="pl-export__label" htmlFor={id}>
        Namespace <span className="pl-export__optional">optional</span>
      </label>
      <input
        id={id}
        className="pl-input"
        type="text"
        spellCheck={false}
        autoComplete="off"
        placeholder={dnsLabel(projectName)}
        value={value}
        aria-describedby={hintId}
        onChange={(e) => onChange(e.target.value)}
        data-testid="export-namespace"
      />
      <p id={hintId} className="pl-export__hint" data-testid="export-namespace-hint">
        {typed === '' || typed === written ? (
          'Created by secrets/apply.sh; every object of the export lives in it.'
        ) : (
          <>
            Written as <code className="pl-export__inline">{written}</code> (lower case letters, digits and dashes).
          </>
        )}
      </p>
    </div>
  );
}

/** What the target writes, and the commands the operator runs next, in order. */
export function NextSteps({ target }: { readonly target: ExportTarget }) {
  return (
    <p className="pl-export__next" data-testid="export-next-steps">
      <span className="pl-export__next-label">Then run</span>
      {target.nextSteps.map((step, i) => (
        <span key={i} className="pl-export__step">
          {i > 0 ? (
            <span className="pl-export__then" aria-hidden="true">
              →
            </span>
          ) : null}
          <code className="pl-export__inline">{step}</code>
        </span>
      ))}
      <span className="pl-export__guide">— {target.guide} has the details.</span>
    </p>
  );
}
