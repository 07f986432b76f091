import { useEffect, useRef } from 'preact/hooks';

import { graphql } from '../api/graphql';
import { JOB_QUERY, type JobDetail } from '../api/operations';
import { ErrorAlert } from '../components/alert';
import { Badges } from '../components/badges';
import { useLoad } from '../hooks';
import { badgesOf } from '../lib/badges';
import { changeFieldLabel, formatChangeValue, type JobChange, newestFirst } from '../lib/changes';
import { formatDay, formatGrades, formatInstant, formatPayRange, formatUsd } from '../lib/format';
import { hrefOf } from '../lib/route';

/**
 * One job in full: pay as published and a year, places, dates, summaries, the links to read and apply, the saved
 * searches it fits and what runs saw change.
 */
export function JobDetailView({
  id,
  backHref,
  lastRunStartedAt,
}: {
  id: string;
  backHref: string;
  lastRunStartedAt: string | null;
}) {
  const [job, retry] = useLoad(id, (signal) =>
    graphql<{ job: JobDetail | null }>(JOB_QUERY, { id }, { signal }),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const data = job.data?.job;
  useEffect(() => {
    if (data) {
      heading.current?.focus();
      document.title = `${data.positionTitle} · Job Tracker`;
    }
    return () => {
      document.title = 'Job Tracker';
    };
  }, [data?.id]);

  return (
    <article class="job-detail">
      <p>
        <a href={backHref}>← Back to the jobs</a>
      </p>
      {job.state === 'failed' && <ErrorAlert message={job.error} onRetry={retry} />}
      {job.state === 'loading' && !data && <p role="status">Loading the job…</p>}
      {job.state === 'done' && !data && (
        <>
          <h1>Job not found</h1>
          <p>No stored job has the control number {id}. It may have been removed by a wipe.</p>
        </>
      )}
      {data && (
        <>
          <header class="job-detail-header">
            <h1 ref={heading} tabIndex={-1}>
              {data.positionTitle}
            </h1>
            <p class="job-agency">
              {[data.organizationName, data.departmentName].filter(Boolean).join(' · ')}
            </p>
            <Badges badges={badgesOf(data, lastRunStartedAt)} />
            <p class="actions">
              <a class="button" href={data.positionUri} target="_blank" rel="noopener noreferrer">
                Read on USAJOBS<span class="visually-hidden"> (opens in a new tab)</span>
              </a>
              {data.applyUris[0] && (
                <a
                  class="button button-secondary"
                  href={data.applyUris[0]}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  Apply<span class="visually-hidden"> (opens in a new tab)</span>
                </a>
              )}
            </p>
          </header>
          <dl class="facts">
            <div>
              <dt>Annual pay</dt>
              <dd>{formatPayRange(data.annualSalary)}</dd>
            </div>
            <div>
              <dt>Pay as published</dt>
              <dd>
                {data.positionRemuneration.length === 0
                  ? '—'
                  : data.positionRemuneration
                      .map(
                        (r) =>
                          `${formatUsd(r.minimumRange)} – ${formatUsd(r.maximumRange)} ${r.description ?? r.rateIntervalCode}`,
                      )
                      .join('; ')}
              </dd>
            </div>
            <div>
              <dt>Grade</dt>
              <dd>{formatGrades(data)}</dd>
            </div>
            <div>
              <dt>Work</dt>
              <dd>
                {[data.remote ? 'Remote' : 'On site', data.teleworkEligible ? 'telework eligible' : null]
                  .filter(Boolean)
                  .join(', ')}
              </dd>
            </div>
            <div>
              <dt>Posted</dt>
              <dd>{formatDay(data.publicationStartDate)}</dd>
            </div>
            <div>
              <dt>Closes</dt>
              <dd>{formatDay(data.applicationCloseDate)}</dd>
            </div>
            <div>
              <dt>Control number</dt>
              <dd>{data.id}</dd>
            </div>
            <div>
              <dt>Announcement</dt>
              <dd>{data.positionId}</dd>
            </div>
            <div>
              <dt>Tracked</dt>
              <dd>
                first found {formatInstant(data.firstSeenAt)}, last seen {formatInstant(data.lastSeenAt)}
              </dd>
            </div>
            {data.withdrawnAt && (
              <div>
                <dt>Withdrawn</dt>
                <dd>found withdrawn {formatInstant(data.withdrawnAt)}</dd>
              </div>
            )}
            <div>
              <dt>Saved searches</dt>
              <dd>
                {data.matchedProfiles.length === 0 ? (
                  'none matches it now'
                ) : (
                  <ul class="inline-list">
                    {data.matchedProfiles.map((profile) => (
                      <li key={profile.id}>
                        <a href={hrefOf('jobs', new URLSearchParams({ profile: profile.id }))}>
                          {profile.name}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          </dl>
          <ChangeHistory changes={data.changes} firstSeenAt={data.firstSeenAt} />
          <section>
            <h2>Locations</h2>
            {data.positionLocation.length === 0 ? (
              <p>{data.positionLocationDisplay ?? 'Not published'}</p>
            ) : (
              <ul class="locations">
                {data.positionLocation.map((location, i) => (
                  <li key={`${location.locationName}-${i}`}>{location.locationName}</li>
                ))}
              </ul>
            )}
          </section>
          {data.jobSummary && (
            <section>
              <h2>Summary</h2>
              <p class="prose">{data.jobSummary}</p>
            </section>
          )}
          {data.qualificationSummary && (
            <section>
              <h2>Qualifications</h2>
              <p class="prose">{data.qualificationSummary}</p>
            </section>
          )}
        </>
      )}
    </article>
  );
}

/** What runs saw change, newest first: when, what, from and to. */
function ChangeHistory({ changes, firstSeenAt }: { changes: JobChange[]; firstSeenAt: string }) {
  return (
    <section>
      <h2 id="history-title">Change history</h2>
      {changes.length === 0 ? (
        <p>No change seen since it was first found on {formatInstant(firstSeenAt)}.</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="history-title" tabIndex={0}>
          <table class="compact change-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">What</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst(changes).map((change, i) => (
                <tr key={`${change.at}-${change.field}-${i}`}>
                  <td>{formatInstant(change.at)}</td>
                  <th scope="row">{changeFieldLabel(change.field)}</th>
                  <td>{formatChangeValue(change.field, change.from)}</td>
                  <td>{formatChangeValue(change.field, change.to)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
