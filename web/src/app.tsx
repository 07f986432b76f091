import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

import { graphql } from './api/graphql';
import {
  ETL_RUNS_QUERY,
  type EtlRunsAnswer,
  SEARCH_PROFILES_QUERY,
  type SearchProfilesAnswer,
} from './api/operations';
import { useLoad, useRoute } from './hooks';
import { hrefOf, type View } from './lib/route';
import { InsightsView } from './views/insights-view';
import { JobDetailView } from './views/job-detail-view';
import { JobsView } from './views/jobs-view';
import { RunsView } from './views/runs-view';
import { SearchesView } from './views/searches-view';

const NAV: { view: View; label: string }[] = [
  { view: 'jobs', label: 'Jobs' },
  { view: 'insights', label: 'Insights' },
  { view: 'searches', label: 'Saved searches' },
  { view: 'runs', label: 'Runs' },
];

/** The dashboard: a header with the places, and the place the address names. */
export function App() {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const [lastRunStartedAt, setLastRunStartedAt] = useState<string | null>(null);

  // "New" badges compare a job's first sighting with the start of the latest finished run.
  const refreshLastRun = useCallback(() => {
    graphql<EtlRunsAnswer>(ETL_RUNS_QUERY, { first: 5 }).then(
      (answer) =>
        setLastRunStartedAt(answer.etlRuns.find((run) => run.status !== 'RUNNING')?.startedAt ?? null),
      () => setLastRunStartedAt(null),
    );
  }, []);
  useEffect(refreshLastRun, [refreshLastRun]);

  // The saved searches: the picker of Jobs and Insights, what Run now can run, and their own view. Read once, and
  // again after the view changed one.
  const [profileReads, setProfileReads] = useState(0);
  const [profileList, retryProfiles] = useLoad(`profiles-${profileReads}`, (signal) =>
    graphql<SearchProfilesAnswer>(SEARCH_PROFILES_QUERY, {}, { signal }).then((a) => a.searchProfiles),
  );
  const reloadProfiles = useCallback(() => setProfileReads((n) => n + 1), []);

  // Moving to another view: its title names it, and focus goes to its heading so a screen reader starts there.
  const firstView = useRef(true);
  useEffect(() => {
    const label = NAV.find((item) => item.view === route.view)?.label;
    if (label) document.title = `${label} · Job Tracker`;
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [route.view, route.id]);

  // Search parameters follow the person from Jobs to Insights and back.
  const searchParams = route.view === 'jobs' || route.view === 'insights' ? route.params : lastSearch.params;
  if (route.view === 'jobs' || route.view === 'insights') lastSearch.params = route.params;

  return (
    <>
      <a
        class="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header class="site-header">
        <p class="brand">
          <span aria-hidden="true" class="brand-mark" />
          Job Tracker
        </p>
        <nav aria-label="Main">
          <ul>
            {NAV.map((item) => (
              <li key={item.view}>
                <a
                  href={hrefOf(
                    item.view,
                    item.view === 'jobs' || item.view === 'insights' ? searchParams : undefined,
                  )}
                  aria-current={
                    route.view === item.view || (route.view === 'job' && item.view === 'jobs')
                      ? 'page'
                      : undefined
                  }
                >
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {route.view === 'jobs' && (
          <JobsView params={route.params} lastRunStartedAt={lastRunStartedAt} profiles={profileList} />
        )}
        {route.view === 'job' && (
          <JobDetailView
            id={route.id!}
            backHref={hrefOf('jobs', lastSearch.params)}
            lastRunStartedAt={lastRunStartedAt}
          />
        )}
        {route.view === 'insights' && <InsightsView params={route.params} profiles={profileList} />}
        {route.view === 'searches' && (
          <SearchesView profiles={profileList} onChanged={reloadProfiles} onRetry={retryProfiles} />
        )}
        {route.view === 'runs' && (
          <RunsView onRunFinished={refreshLastRun} profiles={profileList.data ?? []} />
        )}
      </main>
      <footer class="site-footer">
        <p>
          Postings from USAJOBS, refreshed by this service's ETL runs. The data is also available from the
          GraphQL API at <code>/graphql</code> and as CSV from <code>/export/jobs.csv</code>.
        </p>
      </footer>
    </>
  );
}

/** The search last shown, so that a job's detail leads back to it. */
const lastSearch = { params: new URLSearchParams() };
