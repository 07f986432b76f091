import { useEffect, useState } from 'preact/hooks';

import { ApiError, graphql } from '../api/graphql';
import {
  CANCEL_ETL_RUN_MUTATION,
  type CancelEtlRunAnswer,
  ETL_RUN_QUERY,
  ETL_RUNS_QUERY,
  ETL_SCHEDULE_QUERY,
  type EtlRun,
  type EtlRunAnswer,
  type EtlRunsAnswer,
  type EtlScheduleAnswer,
  RUN_ETL_MUTATION,
  type RunEtlAnswer,
} from '../api/operations';
import { ErrorAlert } from '../components/alert';
import { TokenDialog } from '../components/token-dialog';
import { messageOf, useLoad } from '../hooks';
import { forgetToken, rememberedToken, rememberToken } from '../lib/admin-token';
import { formatCount, formatDuration, formatInstant } from '../lib/format';
import type { SearchProfile } from '../lib/profiles';

/** How often a running run is read again (the service writes its progress at every page). */
const POLL_MS = 1_000;

/** What the admin token is asked for. */
type TokenAction = 'run' | 'cancel';

/**
 * The ETL run history, the schedule, and "Run now" of every enabled saved search or a chosen one: the run starts in
 * the background (`runEtl(wait: false)`), its progress is read from `etlRun(id)` until it ends, and it can be
 * cancelled. A run started elsewhere (the schedule, the command line, another tab) is followed the same way. Where
 * runs end with their request (Lambda), the run is waited for and followed from the history meanwhile.
 */
export function RunsView({
  onRunFinished,
  profiles,
}: {
  onRunFinished: () => void;
  profiles: SearchProfile[];
}) {
  const [refreshes, setRefreshes] = useState(0);
  const refresh = (): void => setRefreshes((n) => n + 1);
  const [runs, retry] = useLoad(`runs-${refreshes}`, (signal) =>
    graphql<EtlRunsAnswer>(ETL_RUNS_QUERY, { first: 20 }, { signal }),
  );
  const [schedule] = useLoad('schedule', (signal) =>
    graphql<EtlScheduleAnswer>(ETL_SCHEDULE_QUERY, {}, { signal }),
  );
  /** The run the control shows: the one going on, or the one that just ended. */
  const [followed, setFollowed] = useState<EtlRun | null>(null);
  const [busy, setBusy] = useState<'starting' | 'cancelling' | 'waiting' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ action: TokenAction; error: string | null } | null>(null);
  const [polls, setPolls] = useState(0);
  const [now, setNow] = useState(Date.now());
  /** The saved search Run now runs (its id); empty: every enabled one. */
  const [target, setTarget] = useState('');
  const runVariables = (wait: boolean) => ({ wait, profile: target === '' ? null : target });
  // A saved search deleted meanwhile cannot be run.
  useEffect(() => {
    if (target !== '' && !profiles.some((profile) => profile.id === target)) setTarget('');
  }, [profiles]);

  const history = runs.data?.etlRuns ?? [];
  const running = followed?.status === 'RUNNING';

  // A run in the history that is going on (started anywhere) is followed when nothing else is.
  useEffect(() => {
    const going = history.find((run) => run.status === 'RUNNING');
    if (going && (followed === null || (followed.status !== 'RUNNING' && followed.id !== going.id))) {
      setFollowed(going);
    }
  }, [runs.data]);

  // While it runs: read it again, and tick the elapsed time.
  useEffect(() => {
    if (!followed || followed.status !== 'RUNNING') return;
    const timer = setTimeout(() => {
      setNow(Date.now());
      graphql<EtlRunAnswer>(ETL_RUN_QUERY, { id: followed.id }).then(
        ({ etlRun }) => {
          if (!etlRun) {
            setPolls((n) => n + 1);
            return;
          }
          setFollowed(etlRun);
          if (etlRun.status !== 'RUNNING') {
            refresh();
            onRunFinished();
          }
        },
        () => setPolls((n) => n + 1),
      );
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [followed, polls]);

  // Waiting for a run that ends with its request: the history shows its progress meanwhile.
  useEffect(() => {
    if (busy !== 'waiting') return;
    const timer = setInterval(refresh, POLL_MS);
    return () => clearInterval(timer);
  }, [busy]);

  const withToken = (action: TokenAction): void => {
    const token = rememberedToken();
    if (token) void (action === 'run' ? start(token, null) : cancel(token, null));
    else setDialog({ action, error: null });
  };

  /** The token was refused: forget it and ask again, saying why. */
  const refused = (action: TokenAction): void => {
    forgetToken();
    setDialog({ action, error: 'The admin token was not accepted. Check ADMIN_TOKEN and try again.' });
  };

  const start = async (token: string, rememberForTab: boolean | null): Promise<void> => {
    setDialog(null);
    setProblem(null);
    setBusy('starting');
    try {
      const { runEtl } = await graphql<RunEtlAnswer>(RUN_ETL_MUTATION, runVariables(false), { token });
      if (rememberForTab !== null) rememberToken(token, rememberForTab);
      setFollowed(runEtl);
      setNow(Date.now());
      refresh();
      setBusy(null);
    } catch (error) {
      setBusy(null);
      if (isCode(error, 'UNAUTHENTICATED')) return refused('run');
      if (
        error instanceof ApiError &&
        error.code === 'BAD_USER_INPUT' &&
        error.argumentPaths.includes('wait')
      ) {
        if (rememberForTab !== null) rememberToken(token, rememberForTab);
        return waitForRun(token);
      }
      setProblem(describeStartError(error));
    }
  };

  const waitForRun = (token: string): void => {
    setBusy('waiting');
    graphql<RunEtlAnswer>(RUN_ETL_MUTATION, runVariables(true), { token }).then(
      ({ runEtl }) => {
        setBusy(null);
        setFollowed(runEtl);
        refresh();
        onRunFinished();
      },
      (error: unknown) => {
        setBusy(null);
        setProblem(describeStartError(error));
        refresh();
      },
    );
  };

  const cancel = async (token: string, rememberForTab: boolean | null): Promise<void> => {
    if (!followed) return;
    setDialog(null);
    setBusy('cancelling');
    try {
      const { cancelEtlRun } = await graphql<CancelEtlRunAnswer>(
        CANCEL_ETL_RUN_MUTATION,
        { id: followed.id },
        { token },
      );
      if (rememberForTab !== null) rememberToken(token, rememberForTab);
      setFollowed(cancelEtlRun);
    } catch (error) {
      if (isCode(error, 'UNAUTHENTICATED')) refused('cancel');
      else setProblem(messageOf(error));
    } finally {
      setBusy(null);
    }
  };

  const scheduled = schedule.data?.etlSchedule;

  return (
    <>
      <h1 tabIndex={-1}>Runs</h1>
      <section class="panel run-control" aria-labelledby="run-control-title">
        <h2 id="run-control-title">Run the ETL</h2>
        <p>
          A run searches USAJOBS for every enabled saved search, or for the one you choose, and stores what
          fits. Starting or cancelling one needs the admin token.
        </p>
        {scheduled && (
          <p class="schedule">
            {scheduled.cron ? (
              <>
                Scheduled runs: <code>{scheduled.cron}</code> ({scheduled.timezone}); the next one starts{' '}
                {formatInstant(scheduled.nextRunAt)}.
              </>
            ) : (
              'No schedule on this server: runs start here, from the command line or from an outside scheduler.'
            )}
          </p>
        )}
        <div class="field field-inline">
          <label for="run-target">What to run</label>
          <select
            id="run-target"
            value={target}
            disabled={running || busy !== null}
            onChange={(event) => setTarget((event.currentTarget as HTMLSelectElement).value)}
          >
            <option value="">Every enabled saved search</option>
            {profiles.map((profile) => (
              <option key={profile.id} value={profile.id}>
                {profile.enabled ? profile.name : `${profile.name} (disabled)`}
              </option>
            ))}
          </select>
        </div>
        <div class="form-actions">
          <button type="button" onClick={() => withToken('run')} disabled={running || busy !== null}>
            Run now
          </button>
          {running && (
            <button
              type="button"
              class="button-secondary"
              onClick={() => withToken('cancel')}
              disabled={busy !== null || followed?.cancelRequestedAt != null}
            >
              Cancel the run
            </button>
          )}
          {rememberedToken() && !running && busy === null && (
            <button
              type="button"
              class="button-secondary"
              onClick={() => {
                forgetToken();
                refresh();
              }}
            >
              Forget the admin token
            </button>
          )}
        </div>
        <p class="run-status" role="status" aria-live="polite">
          {busy === 'starting' && 'Starting a run…'}
          {busy === 'waiting' && 'The run is going; this server answers when it ends.'}
          {running &&
            (followed?.cancelRequestedAt
              ? 'Cancelling: the run stops at its next page.'
              : 'The run is going.')}
          {followed && !running && describeResult(followed)}
        </p>
        {running && followed && <RunProgress run={followed} now={now} />}
        {problem && <ErrorAlert message={problem} />}
      </section>
      <TokenDialog
        open={dialog !== null}
        error={dialog?.error ?? null}
        action={dialog?.action === 'cancel' ? 'Cancel the run' : 'Run now'}
        onSubmit={(token, remember) =>
          void (dialog?.action === 'cancel' ? cancel(token, remember) : start(token, remember))
        }
        onCancel={() => setDialog(null)}
      />
      <section aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        {runs.state === 'failed' && <ErrorAlert message={runs.error} onRetry={retry} />}
        {runs.state === 'done' && history.length === 0 && <p class="empty">No run yet.</p>}
        {history.length > 0 && (
          <RunTable runs={history.map((run) => (followed && run.id === followed.id ? followed : run))} />
        )}
      </section>
    </>
  );
}

function isCode(error: unknown, code: string): boolean {
  return error instanceof ApiError && error.code === code;
}

function describeStartError(error: unknown): string {
  return isCode(error, 'CONFLICT')
    ? 'Another run is in progress. Wait for it to end, then try again.'
    : messageOf(error);
}

/** How far a running run has got: searches, pages (a bar once the number of pages is known), postings. */
function RunProgress({ run, now }: { run: EtlRun; now: number }) {
  const p = run.progress;
  const pages = p?.pagesFetched ?? run.pagesFetched;
  const expected = p?.pagesExpected ?? null;
  return (
    <div class="run-progress">
      <label for="run-progress-bar">
        Running for {formatDuration(Math.max(0, now - Date.parse(run.startedAt)))}
        {p && ` · search ${Math.min(p.searchesDone + 1, p.searchesTotal)} of ${p.searchesTotal}`}
        {` · ${formatCount(pages)}${expected !== null ? ` of ${formatCount(expected)}` : ''} pages`}
      </label>
      {expected !== null && expected > 0 ? (
        <progress id="run-progress-bar" value={Math.min(pages, expected)} max={expected} />
      ) : (
        <progress id="run-progress-bar" />
      )}
      <p class="hint">
        {formatCount(p?.fetched ?? run.fetched)} postings read, {formatCount(p?.kept ?? run.kept)} kept (
        {formatCount(p?.inserted ?? run.inserted)} new, {formatCount(p?.updated ?? run.updated)} updated) so
        far.
      </p>
    </div>
  );
}

function describeResult(run: EtlRun): string {
  const how =
    run.status === 'SUCCEEDED'
      ? 'succeeded'
      : run.status === 'PARTIAL'
        ? 'partly succeeded'
        : run.status === 'CANCELLED'
          ? 'was cancelled'
          : run.status.toLowerCase();
  const counts =
    `${formatCount(run.kept)} jobs kept (${formatCount(run.inserted)} new, ${formatCount(run.updated)} updated, ` +
    `${formatCount(run.unchanged)} unchanged); ${formatCount(run.changed)} changed, ` +
    `${formatCount(run.withdrawn)} withdrawn; in ${formatDuration(run.durationMs)}` +
    `${run.profiles.length > 0 ? `, for ${run.profiles.map((p) => `“${p.name}”`).join(', ')}` : ''}.`;
  const errors = run.errors.length > 0 ? ` ${run.errors.length} errors; the first: ${run.errors[0]}` : '';
  return `The run ${how}: ${counts}${errors}`;
}

function RunTable({ runs }: { runs: EtlRun[] }) {
  return (
    <div class="table-scroll" role="region" aria-label="Run history" tabIndex={0}>
      <table class="run-table">
        <thead>
          <tr>
            <th scope="col">Started</th>
            <th scope="col">Trigger</th>
            <th scope="col">Saved searches</th>
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
              Changed
            </th>
            <th scope="col" class="numeric">
              Withdrawn
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
              <td>{run.profiles.length === 0 ? 'ad hoc' : run.profiles.map((p) => p.name).join(', ')}</td>
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
              <td class="numeric">{formatCount(run.changed)}</td>
              <td class="numeric">{formatCount(run.withdrawn)}</td>
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
