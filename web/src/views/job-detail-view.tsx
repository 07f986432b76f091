import { useEffect, useRef } from 'preact/hooks';

import { graphql } from '../api/graphql';
import { JOB_QUERY, type JobDetail } from '../api/operations';
import { ErrorAlert } from '../components/alert';
import { Badges } from '../components/badges';
import { useLoad } from '../hooks';
import { badgesOf } from '../lib/badges';
import { formatDay, formatGrades, formatInstant, formatPayRange, formatUsd } from '../lib/format';

/** One job in full: pay as published and a year, places, dates, summaries, and the links to read and apply. */
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
          </dl>
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
