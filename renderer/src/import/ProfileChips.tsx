import { useId, useState } from 'react';
import { StrokeIcon } from '../StrokeIcon';
import { addProfiles } from './profiles';

/** The profiles to activate (`--profile`), typed as chips: Enter, comma or space adds; each chip's × removes it. */
export function ProfileChips({
  profiles,
  onChange,
}: {
  readonly profiles: readonly string[];
  readonly onChange: (profiles: readonly string[]) => void;
}) {
  const [text, setText] = useState('');
  const [rejected, setRejected] = useState<readonly string[]>([]);
  const inputId = useId();
  const hintId = useId();
  const commit = (typed: string) => {
    const result = addProfiles(profiles, typed);
    setRejected(result.rejected);
    setText(result.rejected.join(' '));
    if (result.profiles.length !== profiles.length) onChange(result.profiles);
  };
  return (
    <section className="pl-import__section" data-testid="import-section-profiles">
      <header className="pl-import__section-head">
        <label htmlFor={inputId} className="pl-import__section-title">
          Profiles
        </label>
      </header>
      <p className="pl-import__hint" id={hintId}>
        Services with a <code>profiles:</code> key are imported only when one of their profiles is named here, as with{' '}
        <code>docker compose --profile</code>.
      </p>
      <div className="pl-import__chips">
        {profiles.map((p) => (
          <span key={p} className="pl-chip" data-testid="import-profile">
            {p}
            <button
              type="button"
              className="pl-chip__remove"
              aria-label={`Remove profile ${p}`}
              onClick={() => onChange(profiles.filter((q) => q !== p))}
            >
              <StrokeIcon d="m5 5 6 6M11 5l-6 6" size={12} />
            </button>
          </span>
        ))}
        <input
          id={inputId}
          className="pl-import__chip-input"
          value={text}
          placeholder={profiles.length === 0 ? 'e.g. debug, monitoring' : 'Add a profile'}
          aria-describedby={hintId}
          aria-invalid={rejected.length > 0}
          spellCheck={false}
          autoComplete="off"
          data-testid="import-profile-input"
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (/[\s,]$/.test(value)) commit(value);
            else {
              setText(value);
              setRejected([]);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit(text);
            }
          }}
          onBlur={() => text.trim() !== '' && commit(text)}
        />
      </div>
      {rejected.length > 0 ? (
        <p className="pl-import__hint is-invalid" role="alert">
          {rejected.join(', ')}: a profile name is letters, digits, “.”, “_” and “-”, starting with a letter or digit.
        </p>
      ) : null}
    </section>
  );
}
