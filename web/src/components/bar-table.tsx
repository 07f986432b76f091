import { useState } from 'preact/hooks';

import type { CountBucket } from '../api/operations';
import { formatCount } from '../lib/format';

/** Counts as a table whose rows carry a bar: readable as a table, scannable as a chart. */
export function BarTable({
  caption,
  keyLabel,
  buckets,
  initialRows = 10,
}: {
  caption: string;
  keyLabel: string;
  buckets: CountBucket[];
  initialRows?: number;
}) {
  const [showAll, setShowAll] = useState(false);
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const shown = showAll ? buckets : buckets.slice(0, initialRows);
  if (buckets.length === 0) {
    return (
      <section class="panel">
        <h3>{caption}</h3>
        <p>No jobs to count.</p>
      </section>
    );
  }
  return (
    <section class="panel">
      <table class="bar-table">
        <caption>
          <h3>{caption}</h3>
        </caption>
        <thead>
          <tr>
            <th scope="col">{keyLabel}</th>
            <th scope="col" class="numeric">
              Jobs
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((bucket) => (
            <tr key={bucket.key}>
              <th scope="row">
                <span class="bar-label">{bucket.key}</span>
                <span class="bar" aria-hidden="true" style={{ width: `${(bucket.count / max) * 100}%` }} />
              </th>
              <td class="numeric">{formatCount(bucket.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {buckets.length > initialRows && (
        <button
          type="button"
          class="button-link"
          aria-expanded={showAll}
          onClick={() => setShowAll((s) => !s)}
        >
          {showAll ? `Show the top ${initialRows}` : `Show all ${buckets.length}`}
        </button>
      )}
    </section>
  );
}
