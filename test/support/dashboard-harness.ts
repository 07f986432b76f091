import type { Browser, Page } from 'playwright-core';

import { EtlRunner } from '../../src/etl/etl-runner';
import { type EtlRequest, runEtl } from '../../src/etl/run-etl';
import { type RunningServer, startHttpServer } from '../../src/http/app';
import { cspViolations, launchChromium, openPage, type PageProblems } from './browser';
import { buildDashboard } from './dashboard-build';
import { useTestDatabase } from './db';
import { testGraphqlDeps } from './graphql-app';
import { silentLogger } from './logger';
import { startUsajobsDouble, type UsajobsDouble, type UsajobsDoubleOptions } from './usajobs-double';
import { doubleEtlOptions } from './usajobs-test-client';

export interface DashboardHarnessOptions {
  /** What the USAJOBS double serves; the service's runs go to it. */
  usajobs: UsajobsDoubleOptions;
  /** Fills the file's database before the service starts; the double is up, so real runs may go to it. */
  seed?: (double: UsajobsDouble) => Promise<void>;
}

/** The running service of a browser test file; valid from its `beforeAll` on. */
export interface DashboardHarness {
  /** The service's base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly double: UsajobsDouble;
  /**
   * Opens the dashboard at a fragment (e.g. `#/runs`) in a fresh context that only talks to the service. After the
   * test, every page it opened must have had no script error, console error, foreign request or CSP violation.
   */
  open: (fragment?: string, viewport?: { width: number; height: number }) => Promise<Page>;
}

/**
 * Gives the calling test file the dashboard as it runs in production, and Chromium to drive it: a database of its
 * own (seeded by `seed`), the USAJOBS double, the service's HTTP app serving the built dashboard on 127.0.0.1 with
 * Run now wired through one `EtlRunner` as src/index.ts wires it (waited for, or in the background with
 * `wait: false`). Registers the file's `beforeAll`, `afterEach` (the page checks) and `afterAll` hooks.
 *
 * @returns the harness; its members may be read only inside hooks and tests
 */
export function useDashboard(options: DashboardHarnessOptions): DashboardHarness {
  useTestDatabase();
  let double: UsajobsDouble | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const runner = new EtlRunner(silentLogger());
  let opened: { page: Page; problems: PageProblems; close: () => Promise<void> }[] = [];

  beforeAll(async () => {
    const dashboardDir = buildDashboard();
    double = await startUsajobsDouble(options.usajobs);
    await options.seed?.(double);
    const usajobs = double;
    const start = (request: EtlRequest, wait: boolean) =>
      runner.run((control) => runEtl(request, { ...doubleEtlOptions(usajobs), ...control }), { wait });
    server = await startHttpServer(
      testGraphqlDeps({
        runEtl: (request) => start(request, true),
        startEtl: (request) => start(request, false),
      }),
      { host: '127.0.0.1', port: 0 },
      { dashboardDir },
    );
    browser = await launchChromium();
  }, 240_000);

  afterEach(async () => {
    const pages = opened;
    opened = [];
    // Closed whatever the checks say, so one test's problems are not reported again by the next.
    try {
      for (const { page, problems } of pages) {
        expect(problems.errors).toEqual([]);
        expect(await cspViolations(page)).toEqual([]);
      }
    } finally {
      await Promise.all(pages.map((p) => p.close()));
    }
  });

  afterAll(async () => {
    runner.stopAll();
    await runner.idle(30_000);
    await browser?.close();
    await server?.close();
    await double?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the dashboard harness has not started its ${what} yet`);
    return value;
  };
  return {
    get url() {
      return started(server, 'server').url;
    },
    get double() {
      return started(double, 'USAJOBS double');
    },
    open: async (fragment = '', viewport) => {
      const url = started(server, 'server').url;
      const { context, page, problems } = await openPage(started(browser, 'browser'), url, viewport);
      opened.push({ page, problems, close: () => context.close() });
      await page.goto(`${url}/${fragment}`);
      return page;
    },
  };
}
