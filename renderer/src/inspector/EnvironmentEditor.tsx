import { useState, type ReactNode } from 'react';
import { getKind, isSecretVariable } from '../../../shared/catalog/index';
import type { EnvSpec, PortSpec } from '../../../shared/catalog/types';
import { CONNECTION_VARS } from '../../../shared/connections/index';
import type { EnvValue } from '../../../shared/model/types';
import { useEditorStore } from '../store/context';
import { documentedEnv, tlsEnvNames } from './catalog';
import type { ConnectionRow } from './connectionRows';
import { PlusIcon, Section, SelectField, TextField, TrashIcon } from './fields';
import type { Inspected } from './inspected';
import { SourceBadge } from './SourceBadge';
import { SECRET_LENGTH, validateEnvName, validateSecretLength, validateText, type Validation } from './validate';

type EnvType = EnvValue['type'];

const TYPE_OPTIONS: ReadonlyArray<{ value: EnvType; label: string }> = [
  // Short labels keep the value field wide; the row's text says what a secret or an input is.
  { value: 'literal', label: 'Text' },
  { value: 'secret', label: 'Secret' },
  { value: 'input', label: 'Input' },
];

/** The record with one key renamed in place, so the row keeps its position. */
function renameKey<V>(record: Readonly<Record<string, V>>, from: string, to: string): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(record)) out[k === from ? to : k] = v;
  return out;
}

function withoutKeys<V>(record: Readonly<Record<string, V>>, keys: readonly string[]): Record<string, V> {
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(record)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/** What a variable becomes when its kind is switched: secrets get the default length, inputs a prompt. */
function convert(name: string, value: EnvValue, to: EnvType, spec: EnvSpec | undefined): EnvValue {
  if (to === value.type) return value;
  if (to === 'secret') return { type: 'secret', length: SECRET_LENGTH.default };
  if (to === 'input') return { type: 'input', prompt: spec?.description ?? `Value of ${name}` };
  return { type: 'literal', value: '' };
}

/** A suggestion's first value: a random secret where the catalog wants one and documents no format. */
function initialValue(spec: EnvSpec): EnvValue {
  return spec.secret && spec.format === undefined
    ? { type: 'secret', length: SECRET_LENGTH.default }
    : { type: 'literal', value: '' };
}

function uniqueName(taken: Readonly<Record<string, unknown>>, base: string): string {
  if (!Object.hasOwn(taken, base)) return base;
  for (let n = 2; ; n++) if (!Object.hasOwn(taken, `${base}_${n}`)) return `${base}_${n}`;
}

function useEnvWriter(component: Inspected) {
  const store = useEditorStore();
  const id = component.id;
  return (fn: (env: Readonly<Record<string, EnvValue>>) => Record<string, EnvValue>, transaction?: string) =>
    store.getState().updateComponent(id, (c) => ({ ...c, environment: fn(c.environment) }), transaction);
}

interface EnvRowProps {
  readonly component: Inspected;
  readonly name: string;
  readonly value: EnvValue;
  /** Row position, for transaction keys that survive a rename. */
  readonly index: number;
  readonly spec: EnvSpec | undefined;
  /** The name is fixed (TLS rows): shown as text, not an input. */
  readonly fixedName?: boolean;
  readonly autoFocus?: boolean;
  /** Replaces the catalog's description under the row (a connection override says what it overrides). */
  readonly note?: ReactNode;
}

/** One environment variable: name, kind (text / generated secret / operator input), value. */
export function EnvRow({ component, name, value, index, spec, fixedName, autoFocus, note }: EnvRowProps) {
  const write = useEnvWriter(component);
  const tx = (field: string) => `field:${component.id}:env:${fixedName ? name : index}:${field}`;
  const taken = Object.keys(component.environment).filter((n) => n !== name);
  // The one secret test (catalog mark, secret-like name, generated value): the export dialog
  // masks the same variables in `.env`, and NA026 warns about the same ones.
  const masked = isSecretVariable(component, name);

  const parseName = (text: string): Validation<string> =>
    !fixedName && tlsEnvNames(component.kind).has(text)
      ? { ok: false, error: `${text} is set in the TLS section` }
      : validateEnvName(text, taken);
  const setValue = (next: EnvValue, transaction?: string) => write((env) => ({ ...env, [name]: next }), transaction);

  return (
    <li className="pl-insp-env" data-testid={`env-row-${name}`}>
      <div className="pl-insp-env__top">
        {fixedName ? (
          <code className="pl-insp-env__fixed">{name}</code>
        ) : (
          <TextField
            label={`Name of variable ${index + 1}`}
            hideLabel
            mono
            value={name}
            parse={parseName}
            onValue={(next) => write((env) => renameKey(env, name, next), tx('name'))}
            className="pl-insp-env__name"
            autoFocus={autoFocus}
            testId={`env-name-${index}`}
          />
        )}
        <button
          type="button"
          className="pl-insp-iconbtn"
          aria-label={`Remove ${name}`}
          title={`Remove ${name}`}
          onClick={() => write((env) => withoutKeys(env, [name]))}
          data-testid={`env-remove-${name}`}
        >
          <TrashIcon />
        </button>
      </div>
      <div className="pl-insp-env__main">
        <SelectField
          label={`Kind of ${name}`}
          hideLabel
          value={value.type}
          options={TYPE_OPTIONS}
          onValue={(t) => setValue(convert(name, value, t as EnvType, spec))}
          className="pl-insp-env__type"
          testId={`env-type-${name}`}
        />
        {value.type === 'literal' ? (
          <TextField
            label={`Value of ${name}`}
            hideLabel
            mono
            masked={masked}
            value={value.value}
            parse={validateText}
            onValue={(v) => setValue({ type: 'literal', value: v }, tx('value'))}
            placeholder={spec?.format ?? 'Value'}
            className="pl-insp-env__value"
            testId={`env-value-${name}`}
          />
        ) : value.type === 'secret' ? (
          <div className="pl-insp-env__secret">
            <TextField
              label={`Length of ${name}`}
              hideLabel
              value={String(value.length)}
              parse={validateSecretLength}
              onValue={(length) => setValue({ type: 'secret', length }, tx('length'))}
              inputMode="numeric"
              className="pl-insp-env__length"
              testId={`env-length-${name}`}
            />
            <span className="pl-insp-env__secret-text">random characters, generated at export</span>
          </div>
        ) : (
          <TextField
            label={`Prompt for ${name}`}
            hideLabel
            value={value.prompt}
            parse={validateText}
            onValue={(prompt) => setValue({ type: 'input', prompt }, tx('prompt'))}
            placeholder="Prompt for the operator, who fills it in .env"
            className="pl-insp-env__value"
            testId={`env-prompt-${name}`}
          />
        )}
      </div>
      {note !== undefined ? (
        <p className="pl-insp-env__doc" data-testid={`env-note-${name}`}>
          {note}
        </p>
      ) : spec ? (
        <p className="pl-insp-env__doc">
          {spec.required ? <span className="pl-insp-tag">required</span> : null}
          {spec.description} <SourceBadge source={spec.source} />
        </p>
      ) : null}
    </li>
  );
}

/**
 * What the row of a connection variable says instead of the catalog's text: the drawing writes
 * that variable, so a value typed here is an override of the drawn connection (or of nothing).
 */
function connectionNote(row: ConnectionRow | undefined): ReactNode {
  if (row?.state === 'drawn') {
    return (
      <>
        <span className="pl-insp-tag pl-insp-tag--override">override of a drawn connection</span>
        Typed in place of the URI derived from the link to {row.target.name}; see Connections. Remove it to use the
        drawing.
      </>
    );
  }
  return (
    <>
      <span className="pl-insp-tag pl-insp-tag--override">no drawn connection</span>
      {row?.state === 'ambiguous'
        ? 'The drawing links several targets for this URI; keep one link, and the URI is derived from it.'
        : 'Nothing in the drawing connects to this; draw the link, and the URI is derived from it.'}
    </>
  );
}

/**
 * The component's environment: its rows, "Add variable", and the catalog's documented variables
 * not yet set. Connection variables are never suggested (the drawing writes them; the
 * Connections section offers an override); a typed one stays editable here, marked as an override.
 */
export function EnvironmentSection({
  component,
  connections = [],
}: {
  readonly component: Inspected;
  readonly connections?: readonly ConnectionRow[];
}) {
  const write = useEnvWriter(component);
  const [added, setAdded] = useState<string | null>(null);
  const tls = tlsEnvNames(component.kind);
  const docs = documentedEnv(component);
  const specOf = (name: string) => docs.find((d) => d.name === name);
  const rows = Object.entries(component.environment).filter(([name]) => !tls.has(name));
  const suggestions = docs.filter(
    (d) => !tls.has(d.name) && !CONNECTION_VARS.includes(d.name) && !Object.hasOwn(component.environment, d.name),
  );
  const noteOf = (name: string): ReactNode =>
    component.kind === 'nextauth' && CONNECTION_VARS.includes(name)
      ? connectionNote(connections.find((r) => r.variable === name))
      : undefined;

  const addVariable = () => {
    const name = uniqueName(component.environment, 'NEW_VARIABLE');
    write((env) => ({ ...env, [name]: { type: 'literal', value: '' } }));
    setAdded(name);
  };

  return (
    <Section
      title="Environment"
      count={rows.length}
      testId="inspector-environment"
      actions={
        <button type="button" className="pl-insp-btn pl-insp-btn--small" onClick={addVariable} data-testid="env-add">
          <PlusIcon />
          Add variable
        </button>
      }
    >
      {rows.length === 0 ? <p className="pl-insp-empty">No variables set.</p> : null}
      <ul className="pl-insp-rows">
        {rows.map(([name, value], index) => (
          <EnvRow
            key={index}
            component={component}
            name={name}
            value={value}
            index={index}
            spec={specOf(name)}
            autoFocus={name === added}
            note={noteOf(name)}
          />
        ))}
      </ul>
      {suggestions.length > 0 ? (
        <div className="pl-insp-suggest" data-testid="env-suggestions">
          <h4 className="pl-insp-suggest__title">Documented for {getKind(component.kind).label}</h4>
          <ul className="pl-insp-suggest__list">
            {suggestions.map((spec) => (
              <li key={spec.name} className="pl-insp-suggest__item">
                <div className="pl-insp-suggest__text">
                  <code className="pl-insp-suggest__name">{spec.name}</code>
                  {spec.required ? <span className="pl-insp-tag">required</span> : null}
                  <SourceBadge source={spec.source} />
                  <p className="pl-insp-suggest__desc">{spec.description}</p>
                </div>
                <button
                  type="button"
                  className="pl-insp-btn pl-insp-btn--small"
                  aria-label={`Add ${spec.name}`}
                  onClick={() => write((env) => ({ ...env, [spec.name]: initialValue(spec) }))}
                  data-testid={`env-suggest-${spec.name}`}
                >
                  Add
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Section>
  );
}

/** TLS on nextauth's own ports: each port's certificate/key pair, edited as environment rows. */
export function TlsSection({ component }: { readonly component: Inspected }) {
  const write = useEnvWriter(component);
  const ports = getKind(component.kind).ports.filter((p): p is PortSpec & { tlsEnv: NonNullable<PortSpec['tlsEnv']> } =>
    Boolean(p.tlsEnv),
  );
  if (ports.length === 0) return null;
  const docs = documentedEnv(component);
  const env = component.environment;

  const turnOn = (port: PortSpec & { tlsEnv: NonNullable<PortSpec['tlsEnv']> }) =>
    write((e) => ({
      ...e,
      [port.tlsEnv.cert]: e[port.tlsEnv.cert] ?? {
        type: 'input',
        prompt: `TLS certificate for the ${port.label} port (${port.number})`,
      },
      [port.tlsEnv.key]: e[port.tlsEnv.key] ?? {
        type: 'input',
        prompt: `TLS private key for the ${port.label} port (${port.number})`,
      },
    }));

  return (
    <Section title="TLS" testId="inspector-tls">
      <p className="pl-insp-note">
        nextauth serves a port over TLS when both variables of its pair are set. Behind a proxy that terminates TLS this
        is only needed for re-encryption.
      </p>
      {ports.map((port) => {
        const names = [port.tlsEnv.cert, port.tlsEnv.key];
        const set = names.filter((n) => Object.hasOwn(env, n));
        return (
          <div key={port.name} className="pl-insp-tls" data-testid={`tls-${port.name}`}>
            <div className="pl-insp-tls__head">
              <span className="pl-insp-tls__port">
                {port.label} <span className="pl-insp-muted">· {port.number}</span>
              </span>
              <span className={`pl-insp-pill${set.length === 2 ? ' pl-insp-pill--on' : ''}`}>
                {set.length === 2 ? 'TLS on' : set.length === 1 ? 'Incomplete' : 'Off'}
              </span>
              {set.length === 0 ? (
                <button
                  type="button"
                  className="pl-insp-btn pl-insp-btn--small"
                  onClick={() => turnOn(port)}
                  data-testid={`tls-on-${port.name}`}
                >
                  Turn on
                </button>
              ) : (
                <button
                  type="button"
                  className="pl-insp-btn pl-insp-btn--small pl-insp-btn--quiet"
                  onClick={() => write((e) => withoutKeys(e, names))}
                  data-testid={`tls-off-${port.name}`}
                >
                  Turn off
                </button>
              )}
            </div>
            {set.length > 0 ? (
              <ul className="pl-insp-rows">
                {names.map((name, i) => {
                  const value = env[name];
                  return value === undefined ? (
                    <li key={name} className="pl-insp-env pl-insp-env--missing">
                      <code className="pl-insp-env__fixed">{name}</code>
                      <button
                        type="button"
                        className="pl-insp-btn pl-insp-btn--small"
                        onClick={() => turnOn(port)}
                        aria-label={`Add ${name}`}
                      >
                        Add
                      </button>
                    </li>
                  ) : (
                    <EnvRow
                      key={name}
                      component={component}
                      name={name}
                      value={value}
                      index={i}
                      spec={docs.find((d) => d.name === name)}
                      fixedName
                    />
                  );
                })}
              </ul>
            ) : null}
          </div>
        );
      })}
    </Section>
  );
}
