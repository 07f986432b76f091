import { useMemo } from 'preact/hooks';

import { graphql } from '../api/graphql';
import { JOB_STATS_QUERY, type JobStatsAnswer } from '../api/operations';
import { ErrorAlert } from '../components/alert';
import { BarTable } from '../components/bar-table';
import { FilterForm } from '../components/filter-form';
import { ProfilePicker } from '../components/profile-picker';
import { SalaryChart } from '../components/salary-chart';
import { type Loadable, useLoad } from '../hooks';
import {
  type FilterValues,
  jobFilterOf,
  paramsOfSearch,
  type Search,
  searchFromParams,
  withProfile,
} from '../lib/filters';
import { formatCount, formatPayRange, formatUsd } from '../lib/format';
import type { SearchProfile } from '../lib/profiles';
import { hrefOf } from '../lib/route';
import { bandFilter, salaryBands, salaryBandsQuery } from '../lib/salary-bands';
import { invalidFieldsOf } from './jobs-view';

interface Insights {
  stats: JobStatsAnswer['jobStats'];
  bands: ReturnType<typeof salaryBands>;
  counts: number[];
}

/** Statistics of the jobs that match the search (of one saved search or all): totals, pay, counts by department and state. */
export function InsightsView({
  params,
  profiles,
}: {
  params: URLSearchParams;
  profiles: Loadable<SearchProfile[]>;
}) {
  const key = params.toString();
  const search = useMemo(() => searchFromParams(params), [key]);
  const [insights, retry] = useLoad(key, async (signal): Promise<Insights> => {
    const filter = jobFilterOf(search.filter);
    const { jobStats: stats } = await graphql<JobStatsAnswer>(JOB_STATS_QUERY, { filter }, { signal });
    const bands = salaryBands(stats.annualSalary.lowest, stats.annualSalary.highest);
    const filters = bands.map((band) => bandFilter(filter, band));
    const asked = filters.flatMap((f, i) => (f ? [{ f, i }] : []));
    const counts = bands.map(() => 0);
    if (asked.length > 0) {
      const variables = Object.fromEntries(asked.map(({ f }, k) => [`b${k}`, f]));
      const answer = await graphql<Record<string, { totalCount: number }>>(
        salaryBandsQuery(asked.length),
        variables,
        {
          signal,
        },
      );
      asked.forEach(({ i }, k) => (counts[i] = answer[`b${k}`]?.totalCount ?? 0));
    }
    return { stats, bands, counts };
  });
  const data = insights.data;
  const go = (next: Search): void => {
    location.hash = hrefOf('insights', paramsOfSearch(next));
  };

  return (
    <>
      <h1 tabIndex={-1}>Insights</h1>
      <ProfilePicker
        profiles={profiles}
        value={search.filter.profile ?? ''}
        onChange={(profile) => go({ ...search, filter: withProfile(search.filter, profile) })}
      />
      <FilterForm
        values={search.filter}
        invalidFields={insights.state === 'failed' ? invalidFieldsOf(insights.cause) : []}
        onSearch={(filter: FilterValues) =>
          go({ ...search, filter: withProfile(filter, search.filter.profile ?? '') })
        }
      />
      {insights.state === 'failed' && <ErrorAlert message={insights.error} onRetry={retry} />}
      <p role="status" aria-live="polite" class="result-count">
        {insights.state === 'loading' && !data
          ? 'Counting jobs…'
          : data
            ? `Statistics of ${formatCount(data.stats.totalCount)} matching jobs`
            : ''}
      </p>
      {data && (
        <div aria-busy={insights.state === 'loading'}>
          <dl class="stat-cards">
            <div class="stat-card">
              <dt>Matching jobs</dt>
              <dd>{formatCount(data.stats.totalCount)}</dd>
            </div>
            <div class="stat-card">
              <dt>Average pay range</dt>
              <dd>
                {data.stats.annualSalary.averageMin === null
                  ? '—'
                  : formatPayRange({
                      min: data.stats.annualSalary.averageMin,
                      max: data.stats.annualSalary.averageMax ?? 0,
                    })}
              </dd>
            </div>
            <div class="stat-card">
              <dt>Lowest pay</dt>
              <dd>{formatUsd(data.stats.annualSalary.lowest)}</dd>
            </div>
            <div class="stat-card">
              <dt>Highest pay</dt>
              <dd>{formatUsd(data.stats.annualSalary.highest)}</dd>
            </div>
          </dl>
          <SalaryChart bands={data.bands} counts={data.counts} />
          <div class="two-columns">
            <BarTable caption="Jobs by department" keyLabel="Department" buckets={data.stats.byDepartment} />
            <BarTable caption="Jobs by state" keyLabel="State" buckets={data.stats.byState} />
          </div>
        </div>
      )}
    </>
  );
}
