import type { Loadable } from '../hooks';
import { describeProfile, type SearchProfile } from '../lib/profiles';
import { hrefOf } from '../lib/route';

/**
 * Which saved search the jobs, counts and chart are of: all stored jobs, or the jobs one saved search matched
 * (`JobFilter.profile`). Applied as soon as it changes; the caller keeps it in the address, so a link shows the same.
 */
export function ProfilePicker({
  profiles,
  value,
  onChange,
}: {
  profiles: Loadable<SearchProfile[]>;
  /** The id picked; empty: all stored jobs. */
  value: string;
  onChange: (profileId: string) => void;
}) {
  const list = profiles.data ?? [];
  const picked = list.find((profile) => profile.id === value);
  // A link to a saved search deleted since (or not loaded yet) still says which one is in force.
  const unknown = value !== '' && !picked;
  return (
    <div class="profile-picker">
      <div class="field field-inline">
        <label for="profile-picker">Saved search</label>
        <select
          id="profile-picker"
          value={value}
          aria-describedby="profile-picker-summary"
          onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}
        >
          <option value="">All stored jobs</option>
          {list.map((profile) => (
            <option key={profile.id} value={profile.id}>
              {profile.enabled ? profile.name : `${profile.name} (disabled)`}
            </option>
          ))}
          {unknown && (
            <option value={value}>
              {profiles.state === 'loading'
                ? 'Loading saved searches…'
                : 'A saved search that no longer exists'}
            </option>
          )}
        </select>
      </div>
      <p id="profile-picker-summary" class="hint">
        {picked
          ? `Jobs it matched: ${describeProfile(picked)}.`
          : unknown
            ? profiles.state === 'failed'
              ? 'The saved searches could not be loaded.'
              : 'Jobs it matched.'
            : 'Every job the tracker stores, whichever saved search found it.'}{' '}
        <a href={hrefOf('searches')}>Manage saved searches</a>
      </p>
    </div>
  );
}
