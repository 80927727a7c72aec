import { useId } from 'react';
import { MOZILLA_GUIDELINE, TLS_PROFILE_NAMES } from '../../../shared/export/tls-profiles';
import { setTls } from '../../../shared/model/ops';
import type { TlsProfileName, TlsSettings } from '../../../shared/model/types';
import { useEditor, useEditorStore } from '../store/context';
import { Checkbox, Section, SelectField, TextField } from './fields';
import { validateMultilineText } from './validate';

/**
 * The project's TLS policy: the Mozilla profile every exported proxy follows, the HSTS opt-ins
 * and — for a profile below intermediate — the reason it is accepted (NA053 asks for one). The
 * default policy is stored as none (model/ops setTls), so looking does not change the file.
 */

const LABELS: Readonly<Record<TlsProfileName, string>> = {
  modern: 'Modern — TLS 1.3 only',
  intermediate: 'Intermediate — TLS 1.2 and 1.3 (default)',
  old: 'Old — TLS 1.0 and later, needs a reason',
};

const OPTIONS = TLS_PROFILE_NAMES.map((value) => ({ value, label: LABELS[value] }));

/** The HSTS opt-ins as the model holds them: a key only when it is on. */
export function hstsOptIns(includeSubDomains: boolean, preload: boolean): TlsSettings['hsts'] {
  if (!includeSubDomains && !preload) return undefined;
  return { ...(includeSubDomains ? { includeSubDomains: true } : {}), ...(preload ? { preload: true } : {}) };
}

/** The policy with one field changed, keeping the others (an absent key stays absent). */
export function withTls(current: TlsSettings | undefined, patch: Partial<TlsSettings>): TlsSettings {
  const next = { profile: current?.profile ?? 'intermediate', ...current, ...patch };
  const { hsts, reason, ...rest } = next;
  return { ...rest, ...(hsts !== undefined ? { hsts } : {}), ...(reason !== undefined ? { reason } : {}) };
}

export function ProjectTlsSection() {
  const store = useEditorStore();
  const id = useId();
  const tls = useEditor((s) => s.project?.settings.tls);
  const change = store.getState().change;
  const profile = tls?.profile ?? 'intermediate';
  const sub = tls?.hsts?.includeSubDomains === true;
  const preload = tls?.hsts?.preload === true;
  const update = (patch: Partial<TlsSettings>, key: string) =>
    change((p) => setTls(p, withTls(p.settings.tls, patch)), key);
  return (
    <Section title="TLS" testId="inspector-tls">
      <SelectField
        label="Profile"
        value={profile}
        options={OPTIONS}
        onValue={(value) => update({ profile: value as TlsProfileName }, 'settings:tls:profile')}
        hint={`Mozilla's server-side TLS guidelines ${MOZILLA_GUIDELINE.version} (${MOZILLA_GUIDELINE.date}): protocols, suites and HSTS of every exported proxy.`}
        testId="project-tls-profile"
      />
      <div className="pl-insp-field" role="group" aria-labelledby={`${id}-hsts`} aria-describedby={`${id}-hsts-hint`}>
        <span id={`${id}-hsts`} className="pl-insp-field__label">
          Strict-Transport-Security
        </span>
        <div>
          <Checkbox
            label="HSTS: include subdomains"
            checked={sub}
            onValue={(on) => update({ hsts: hstsOptIns(on, preload) }, 'settings:tls:hsts')}
            testId="project-tls-subdomains"
          />
        </div>
        <div>
          <Checkbox
            label="HSTS: preload"
            checked={preload}
            onValue={(on) => update({ hsts: hstsOptIns(sub, on) }, 'settings:tls:hsts')}
            testId="project-tls-preload"
          />
        </div>
        <div id={`${id}-hsts-hint`} className="pl-insp-field__hint">
          Every TLS host sends HSTS for two years. Subdomains extend it to every subdomain of each host; preload asks
          browsers to ship the hosts as HTTPS-only, which is hard to undo.
        </div>
      </div>
      {profile === 'old' || tls?.reason !== undefined ? (
        <TextField
          label="Reason for this profile"
          multiline
          value={tls?.reason ?? ''}
          parse={validateMultilineText}
          onValue={(reason) => update({ reason: reason.trim() === '' ? undefined : reason }, 'settings:tls:reason')}
          placeholder="Which clients need it, and until when"
          hint="A profile below intermediate is accepted with a written reason (NA053)."
          testId="project-tls-reason"
        />
      ) : null}
    </Section>
  );
}
