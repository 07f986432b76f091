import { useMemo, useRef, useState } from 'preact/hooks';

import { ApiError, graphql } from '../api/graphql';
import { JOBS_QUERY, type JobsPage, type JobSummary } from '../api/operations';
import { ErrorAlert } from '../components/alert';
import { Badges } from '../components/badges';
import { FilterForm } from '../components/filter-form';
import { ProfilePicker } from '../components/profile-picker';
import { SortControl } from '../components/sort-control';
import { type Loadable, useLoad } from '../hooks';
import { badgesOf } from '../lib/badges';
import {
  exportUrlOf,
  FilterValueError,
  type FilterValues,
  jobFilterOf,
  jobSortOf,
  paramsOfSearch,
  type Search,
  searchFromParams,
  withProfile,
} from '../lib/filters';
import { formatCount, formatDay, formatGrades, formatPayRange } from '../lib/format';
import type { SearchProfile } from '../lib/profiles';
import { hrefOf } from '../lib/route';

export const PAGE_SIZE = 20;

/**
 * Search, filter, sort and page through the stored jobs (keyset paging: each page follows the last one's cursor), of
 * one saved search or all.
 */
export function JobsView({
  params,
  lastRunStartedAt,
  profiles,
}: {
  params: URLSearchParams;
  lastRunStartedAt: string | null;
  profiles: Loadable<SearchProfile[]>;
}) {
  const key = params.toString();
  const search = useMemo(() => searchFromParams(params), [key]);
  // The cursors of the pages seen so far: [null (page 1), endCursor of page 1, ...]; a new search starts again.
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[] }>({ key, cursors: [null] });
  const cursors = paging.key === key ? paging.cursors : [null];
  const setCursors = (change: (cursors: (string | null)[]) => (string | null)[]): void =>
    setPaging({ key, cursors: change(cursors) });
  const after = cursors.at(-1) ?? null;
  const heading = useRef<HTMLHeadingElement>(null);

  const [page, retry] = useLoad(`${key}|${after}`, (signal) => {
    const filter = jobFilterOf(search.filter);
    return graphql<JobsPage>(
      JOBS_QUERY,
      { filter, sort: jobSortOf(search.sort), first: PAGE_SIZE, after },
      { signal },
    );
  });

  const go = (next: Search): void => {
    location.hash = hrefOf('jobs', paramsOfSearch(next));
  };
  const invalidFields = page.state === 'failed' ? invalidFieldsOf(page.cause) : [];
  const jobs = page.data?.jobs;
  const pageNumber = cursors.length;
  const pageCount = jobs ? Math.max(1, Math.ceil(jobs.totalCount / PAGE_SIZE)) : 1;

  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        Jobs
      </h1>
      <ProfilePicker
        profiles={profiles}
        value={search.filter.profile ?? ''}
        onChange={(profile) => go({ ...search, filter: withProfile(search.filter, profile) })}
      />
      <FilterForm
        values={search.filter}
        invalidFields={invalidFields}
        onSearch={(filter: FilterValues) =>
          go({ ...search, filter: withProfile(filter, search.filter.profile ?? '') })
        }
      />
      <div class="toolbar">
        <p class="result-count" role="status" aria-live="polite">
          {page.state === 'loading' && !jobs
            ? 'Loading jobs…'
            : jobs
              ? resultLine(jobs.totalCount, pageNumber, pageCount)
              : ''}
        </p>
        <SortControl sort={search.sort} onChange={(sort) => go({ ...search, sort })} />
        <a class="button button-secondary" href={exportUrlOf(search)} download="jobs.csv">
          Download CSV
        </a>
      </div>
      {page.state === 'failed' && <ErrorAlert message={page.error} onRetry={retry} />}
      {jobs && jobs.nodes.length === 0 && page.state !== 'failed' && (
        <p class="empty">
          {search.filter.profile
            ? 'No job of this saved search matches. Try fewer filters, or untick “Open jobs only”; a saved search ' +
              'lists the jobs its runs matched, so a new one lists none until it has run.'
            : 'No jobs match this search. Try fewer filters, or untick “Open jobs only”.'}
        </p>
      )}
      {jobs && jobs.nodes.length > 0 && (
        <JobTable jobs={jobs.nodes} lastRunStartedAt={lastRunStartedAt} busy={page.state === 'loading'} />
      )}
      {jobs && (pageNumber > 1 || jobs.pageInfo.hasNextPage) && (
        <nav class="pager" aria-label="Pages of results">
          <button
            type="button"
            class="button-secondary"
            disabled={pageNumber === 1 || page.state === 'loading'}
            onClick={() => {
              setCursors((c) => c.slice(0, -1));
              heading.current?.focus();
            }}
          >
            Previous page
          </button>
          <span>
            Page {pageNumber} of {pageCount}
          </span>
          <button
            type="button"
            class="button-secondary"
            disabled={!jobs.pageInfo.hasNextPage || page.state === 'loading'}
            onClick={() => {
              setCursors((c) => [...c, jobs.pageInfo.endCursor]);
              heading.current?.focus();
            }}
          >
            Next page
          </button>
        </nav>
      )}
    </>
  );
}

function resultLine(total: number, pageNumber: number, pageCount: number): string {
  const jobs = `${formatCount(total)} ${total === 1 ? 'job' : 'jobs'}`;
  return pageCount > 1 ? `${jobs} · page ${pageNumber} of ${pageCount}` : jobs;
}

/** The form fields a search failed for: one the form could not send, or the filter fields the API refused. */
export function invalidFieldsOf(error: unknown): string[] {
  if (error instanceof FilterValueError) return [error.field];
  if (error instanceof ApiError) {
    return error.argumentPaths
      .filter((path) => path.startsWith('filter.'))
      .map((path) => path.slice('filter.'.length));
  }
  return [];
}

function JobTable({
  jobs,
  lastRunStartedAt,
  busy,
}: {
  jobs: JobSummary[];
  lastRunStartedAt: string | null;
  busy: boolean;
}) {
  return (
    <table class="job-table" aria-busy={busy}>
      <caption class="visually-hidden">Jobs matching the search</caption>
      <thead>
        <tr>
          <th scope="col">Position</th>
          <th scope="col">Location</th>
          <th scope="col">Grade</th>
          <th scope="col">Annual pay</th>
          <th scope="col">Closes</th>
          <th scope="col">Status</th>
          <th scope="col">Links</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.id}>
            <td data-label="Position">
              <a class="job-title" href={hrefOf('job', undefined, job.id)}>
                {job.positionTitle}
              </a>
              <span class="job-agency">
                {[job.organizationName, job.departmentName].filter(Boolean).join(' · ')}
              </span>
            </td>
            <td data-label="Location">
              {job.positionLocationDisplay ?? '—'}
              {job.remote && <span class="tag">Remote</span>}
            </td>
            <td data-label="Grade">{formatGrades(job)}</td>
            <td data-label="Annual pay" class="pay">
              {formatPayRange(job.annualSalary)}
            </td>
            <td data-label="Closes">{formatDay(job.applicationCloseDate)}</td>
            <td data-label="Status">
              <Badges badges={badgesOf(job, lastRunStartedAt)} />
            </td>
            <td data-label="Links" class="links">
              <a href={job.positionUri} target="_blank" rel="noopener noreferrer">
                USAJOBS
                <span class="visually-hidden"> posting for {job.positionTitle} (opens in a new tab)</span>
              </a>
              {job.applyUris[0] && (
                <a href={job.applyUris[0]} target="_blank" rel="noopener noreferrer">
                  Apply<span class="visually-hidden"> for {job.positionTitle} (opens in a new tab)</span>
                </a>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
