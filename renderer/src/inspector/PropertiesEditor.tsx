import { useState } from 'react';
import type { PropertyValue } from '../../../shared/model/types';
import { useEditorStore } from '../store/context';
import { Checkbox, PlusIcon, Section, SelectField, TextField, TrashIcon } from './fields';
import type { Inspected } from './inspected';
import { validateNumber, validatePropertyKey, validateText } from './validate';

type PropertyType = 'string' | 'number' | 'boolean';

const TYPE_OPTIONS: ReadonlyArray<{ value: PropertyType; label: string }> = [
  { value: 'string', label: 'Text' },
  { value: 'number', label: 'Number' },
  { value: 'boolean', label: 'Yes / no' },
];

function convert(value: PropertyValue, to: PropertyType): PropertyValue {
  if (to === 'boolean') return value === true || value === 'true';
  if (to === 'number') {
    const n = Number(value);
    return typeof value !== 'boolean' && value !== '' && Number.isFinite(n) ? n : 0;
  }
  return String(value);
}

/** Kind-specific settings as key/value rows (e.g. `external: true` for a database the customer runs). */
export function PropertiesSection({ component }: { readonly component: Inspected }) {
  const store = useEditorStore();
  const [added, setAdded] = useState<string | null>(null);
  const write = (fn: (props: Readonly<Record<string, PropertyValue>>) => Record<string, PropertyValue>, tx?: string) =>
    store.getState().updateComponent(component.id, (c) => ({ ...c, properties: fn(c.properties) }), tx);
  const rows = Object.entries(component.properties);

  const add = () => {
    let key = 'property';
    for (let n = 2; Object.hasOwn(component.properties, key); n++) key = `property_${n}`;
    write((p) => ({ ...p, [key]: '' }));
    setAdded(key);
  };

  return (
    <Section
      title="Properties"
      count={rows.length}
      testId="inspector-properties"
      actions={
        <button type="button" className="pl-insp-btn pl-insp-btn--small" onClick={add} data-testid="property-add">
          <PlusIcon />
          Add property
        </button>
      }
    >
      {rows.length === 0 ? <p className="pl-insp-empty">No properties.</p> : null}
      <ul className="pl-insp-rows">
        {rows.map(([key, value], index) => {
          const type = typeof value as PropertyType;
          const tx = (field: string) => `field:${component.id}:property:${index}:${field}`;
          const set = (v: PropertyValue, field?: string) => write((p) => ({ ...p, [key]: v }), field && tx(field));
          const taken = rows.map(([k]) => k).filter((k) => k !== key);
          return (
            <li key={index} className="pl-insp-prop" data-testid={`property-row-${key}`}>
              <TextField
                label={`Key of property ${index + 1}`}
                hideLabel
                mono
                value={key}
                parse={(text) => validatePropertyKey(text, taken)}
                onValue={(next) =>
                  write(
                    (p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k === key ? next : k, v])),
                    tx('key'),
                  )
                }
                autoFocus={key === added}
                className="pl-insp-prop__key"
                testId={`property-key-${index}`}
              />
              <SelectField
                label={`Type of ${key}`}
                hideLabel
                value={type}
                options={TYPE_OPTIONS}
                onValue={(t) => set(convert(value, t as PropertyType))}
                className="pl-insp-prop__type"
              />
              <button
                type="button"
                className="pl-insp-iconbtn"
                aria-label={`Remove ${key}`}
                title={`Remove ${key}`}
                onClick={() => write((p) => Object.fromEntries(Object.entries(p).filter(([k]) => k !== key)))}
              >
                <TrashIcon />
              </button>
              <div className="pl-insp-prop__value">
                {typeof value === 'boolean' ? (
                  <Checkbox label={value ? 'Yes' : 'No'} ariaLabel={key} checked={value} onValue={(v) => set(v)} />
                ) : typeof value === 'number' ? (
                  <TextField
                    label={`Value of ${key}`}
                    hideLabel
                    mono
                    value={String(value)}
                    parse={validateNumber}
                    onValue={(v) => set(v, 'value')}
                    inputMode="numeric"
                  />
                ) : (
                  <TextField
                    label={`Value of ${key}`}
                    hideLabel
                    mono
                    value={value}
                    parse={validateText}
                    onValue={(v) => set(v, 'value')}
                    placeholder="Value"
                  />
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </Section>
  );
}
