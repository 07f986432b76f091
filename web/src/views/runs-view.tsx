import { useEffect, useRef, useState } from 'preact/hooks';

import { ApiError, graphql } from '../api/graphql';
import {
  ETL_RUNS_QUERY,
  type EtlRun,
  type EtlRunsAnswer,
  RUN_ETL_MUTATION,
  type RunEtlAnswer,
} from '../api/operations';
import { ErrorAlert } from '../components/alert';
import { TokenDialog } from '../components/token-dialog';
import { messageOf, useLoad } from '../hooks';
import { forgetToken, rememberedToken, rememberToken } from '../lib/admin-token';
import { formatCount, formatDuration, formatInstant } from '../lib/format';

/** How often the history is read again while a run is going. */
const POLL_MS = 1_500;

type RunState =
  | { phase: 'idle' }
  | { phase: 'running'; since: number }
  | { phase: 'finished'; run: EtlRun }
  | { phase: 'failed'; message: string };

/** The ETL run history, and "Run now" (admin token) with the run's progress and result. */
export function RunsView({ onRunFinished }: { onRunFinished: () => void }) {
  const [refreshes, setRefreshes] = useState(0);
  const [runs, retry] = useLoad(`runs-${refreshes}`, (signal) =>
    graphql<EtlRunsAnswer>(ETL_RUNS_QUERY, { first: 20 }, { signal }),
  );
  const [run, setRun] = useState<RunState>({ phase: 'idle' });
  const [dialog, setDialog] = useState<{ open: boolean; error: string | null }>({ open: false, error: null });
  const [now, setNow] = useState(Date.now());
  const resultRef = useRef<HTMLDivElement>(null);

  // While a run is going: the history (with the RUNNING record) is read again, and the elapsed time ticks.
  useEffect(() => {
    if (run.phase !== 'running') return;
    const timer = setInterval(() => {
      setRefreshes((n) => n + 1);
      setNow(Date.now());
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [run.phase]);

  const start = (token: string, rememberForTab: boolean | null): void => {
    setDialog({ open: false, error: null });
    setRun({ phase: 'running', since: Date.now() });
    setNow(Date.now());
    setRefreshes((n) => n + 1);
    graphql<RunEtlAnswer>(RUN_ETL_MUTATION, {}, { token }).then(
      ({ runEtl }) => {
        if (rememberForTab !== null) rememberToken(token, rememberForTab);
        setRun({ phase: 'finished', run: runEtl });
        setRefreshes((n) => n + 1);
        onRunFinished();
        resultRef.current?.focus();
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
          forgetToken();
          setRun({ phase: 'idle' });
          setDialog({
            open: true,
            error: 'The admin token was not accepted. Check ADMIN_TOKEN and try again.',
          });
          return;
        }
        const message =
          error instanceof ApiError && error.code === 'CONFLICT'
            ? 'Another run is in progress. Wait for it to end, then try again.'
            : messageOf(error);
        setRun({ phase: 'failed', message });
        setRefreshes((n) => n + 1);
        resultRef.current?.focus();
      },
    );
  };

  const runNow = (): void => {
    const token = rememberedToken();
    if (token) start(token, null);
    else setDialog({ open: true, error: null });
  };

  const history = runs.data?.etlRuns ?? [];
  const live = run.phase === 'running' ? history.find((r) => r.status === 'RUNNING') : undefined;

  return (
    <>
      <h1 tabIndex={-1}>Runs</h1>
      <section class="panel run-control" aria-labelledby="run-control-title">
        <h2 id="run-control-title">Run the ETL</h2>
        <p>
          A run searches USAJOBS with the service's search profile and stores what fits. It needs the admin
          token.
        </p>
        <div class="form-actions">
          <button type="button" onClick={runNow} disabled={run.phase === 'running'}>
            Run now
          </button>
          {rememberedToken() && run.phase !== 'running' && (
            <button
              type="button"
              class="button-secondary"
              onClick={() => {
                forgetToken();
                setRun({ phase: 'idle' });
              }}
            >
              Forget the admin token
            </button>
          )}
        </div>
        <div ref={resultRef} tabIndex={-1} class="run-status" role="status" aria-live="polite">
          {run.phase === 'running' && (
            <div class="run-progress">
              <label for="run-progress-bar">
                Running for {formatDuration(now - run.since)}
                {live
                  ? ` · ${formatCount(live.pagesFetched)} pages, ${formatCount(live.fetched)} postings read`
                  : ''}
              </label>
              <progress id="run-progress-bar" />
            </div>
          )}
          {run.phase === 'finished' && (
            <p>
              The run {describeStatus(run.run.status)}: {formatCount(run.run.kept)} jobs kept (
              {formatCount(run.run.inserted)} new, {formatCount(run.run.updated)} updated,{' '}
              {formatCount(run.run.unchanged)} unchanged) in {formatDuration(run.run.durationMs)}.
              {run.run.errors.length > 0 && ` ${run.run.errors.length} errors: ${run.run.errors[0]}`}
            </p>
          )}
        </div>
        {run.phase === 'failed' && <ErrorAlert message={run.message} />}
      </section>
      <TokenDialog
        open={dialog.open}
        error={dialog.error}
        action="Run now"
        onSubmit={(token, remember) => start(token, remember)}
        onCancel={() => setDialog({ open: false, error: null })}
      />
      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {runs.state === 'failed' && <ErrorAlert message={runs.error} onRetry={retry} />}
        {runs.state === 'done' && history.length === 0 && <p class="empty">No run yet.</p>}
        {history.length > 0 && <RunTable runs={history} />}
      </section>
    </>
  );
}

function describeStatus(status: EtlRun['status']): string {
  return status === 'SUCCEEDED'
    ? 'succeeded'
    : status === 'PARTIAL'
      ? 'partly succeeded'
      : status.toLowerCase();
}

function RunTable({ runs }: { runs: EtlRun[] }) {
  return (
    <div class="table-scroll" role="region" aria-label="Run history" tabIndex={0}>
      <table class="run-table">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Trigger</th>
            <th scope="col">Status</th>
            <th scope="col">Duration</th>
            <th scope="col" class="numeric">
              Pages
            </th>
            <th scope="col" class="numeric">
              Read
            </th>
            <th scope="col" class="numeric">
              Kept
            </th>
            <th scope="col" class="numeric">
              New
            </th>
            <th scope="col" class="numeric">
              Updated
            </th>
            <th scope="col" class="numeric">
              Unchanged
            </th>
            <th scope="col" class="numeric">
              Skipped
            </th>
            <th scope="col">Problems</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>{formatInstant(run.startedAt)}</td>
              <td>{run.trigger}</td>
              <td>
                <span class={`badge run-${run.status.toLowerCase()}`}>{run.status}</span>
              </td>
              <td>{formatDuration(run.durationMs)}</td>
              <td class="numeric">{formatCount(run.pagesFetched)}</td>
              <td class="numeric">{formatCount(run.fetched)}</td>
              <td class="numeric">{formatCount(run.kept)}</td>
              <td class="numeric">{formatCount(run.inserted)}</td>
              <td class="numeric">{formatCount(run.updated)}</td>
              <td class="numeric">{formatCount(run.unchanged)}</td>
              <td class="numeric">{formatCount(run.skipped)}</td>
              <td>
                {run.errors.length + run.warnings.length === 0 ? (
                  '—'
                ) : (
                  <details>
                    <summary>
                      {run.errors.length} errors, {run.warnings.length} warnings
                    </summary>
                    <ul>
                      {[...run.errors, ...run.warnings].map((message, i) => (
                        <li key={i}>{message}</li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
