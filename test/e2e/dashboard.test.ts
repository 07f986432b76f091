/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser.
import 'reflect-metadata';

import type { Page } from 'playwright-core';

import type { Job } from '../../src/models/job.model';
import {
  expectAccessible,
  expectListed,
  expectText,
  horizontalOverflow,
  PHONE_VIEWPORT,
  screenshot,
} from '../support/browser';
import { useDashboard } from '../support/dashboard-harness';
import { TEST_ADMIN_TOKEN } from '../support/graphql-app';
import { buildJob, daysFromNow, seedJobs } from '../support/job-factory';
import { postRaw } from '../support/raw-graphql';
import { buildChicagoFixture } from '../support/usajobs-fixtures';

jest.setTimeout(120_000);

const TITLES = [
  'Data Engineer',
  'IT Specialist (DATAMGT)',
  'Statistician (Data Science)',
  'Operations Research Analyst',
  'Supervisory IT Specialist (Data Management)',
  'Database Administrator',
  'Computer Scientist',
  'Cloud Data Engineer',
];
const AGENCIES: [string, string][] = [
  ['Internal Revenue Service', 'Department of the Treasury'],
  ['U.S. Census Bureau', 'Department of Commerce'],
  ['Veterans Health Administration', 'Department of Veterans Affairs'],
  ['Federal Aviation Administration', 'Department of Transportation'],
  ['Office of Science', 'Department of Energy'],
  ['U.S. Army Corps of Engineers', 'Department of the Army'],
];
const PLACES: { locationName: string; countrySubDivisionCode: string | null }[] = [
  { locationName: 'Chicago, Illinois', countrySubDivisionCode: 'Illinois' },
  { locationName: 'Washington, District of Columbia', countrySubDivisionCode: 'District of Columbia' },
  { locationName: 'Denver, Colorado', countrySubDivisionCode: 'Colorado' },
  { locationName: 'Suitland, Maryland', countrySubDivisionCode: 'Maryland' },
  { locationName: 'Kansas City, Missouri', countrySubDivisionCode: 'Missouri' },
  { locationName: 'Anywhere in the U.S. (remote job)', countrySubDivisionCode: null },
];

/** 57 jobs that read like real postings: six agencies, six places (one remote), GS-9 to GS-15, six of them closed. */
function seededJobs(): Job[] {
  return Array.from({ length: 57 }, (_, i) => {
    const [organizationName, departmentName] = AGENCIES[i % AGENCIES.length]!;
    const place = PLACES[(i * 5) % PLACES.length]!;
    const low = 9 + (i % 6);
    const min = 58_000 + ((i * 7) % 23) * 5_500;
    const seen = daysFromNow(-10 - (i % 9));
    return buildJob({
      _id: String(800_100_000 + i),
      positionTitle: TITLES[i % TITLES.length]!,
      organizationName,
      departmentName,
      positionLocationDisplay: place.locationName,
      positionLocation: [
        { ...place, cityName: place.locationName.split(',')[0] ?? null, countryCode: 'United States' },
      ],
      remote: place.countrySubDivisionCode === null,
      annualSalary: { min, max: Math.round(min * 1.3) },
      positionRemuneration: [
        {
          minimumRange: min,
          maximumRange: Math.round(min * 1.3),
          rateIntervalCode: 'PA',
          description: 'Per Year',
        },
      ],
      lowGrade: low,
      highGrade: Math.min(low + 2, 15),
      publicationStartDate: daysFromNow(-1 - ((i * 3) % 40)),
      applicationCloseDate: i % 10 === 9 ? daysFromNow(-3) : daysFromNow(4 + ((i * 11) % 50)),
      firstSeenAt: seen,
      lastSeenAt: seen,
      jobSummary: `Builds and runs the data pipelines of the ${organizationName}.`,
    });
  });
}

interface ApiPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: { id: string; positionTitle: string }[];
}

describe('dashboard in Chromium', () => {
  const dashboard = useDashboard({
    usajobs: { items: buildChicagoFixture().items, maxPageSize: 5 },
    seed: () => seedJobs(seededJobs()),
  });
  const { open } = dashboard;

  async function apiJobs(variables: Record<string, unknown>): Promise<ApiPage> {
    const response = await postRaw(`${dashboard.url}/graphql`, {
      query: `query($filter: JobFilter, $sort: JobSort, $first: Int, $after: String) {
        jobs(filter: $filter, sort: $sort, first: $first, after: $after) {
          totalCount pageInfo { hasNextPage endCursor } nodes { id positionTitle } } }`,
      variables: { first: 20, ...variables },
    });
    expect(response.json?.errors).toBeUndefined();
    return response.json!.data!.jobs as ApiPage;
  }

  it('when the dashboard opens, then it lists the open jobs newest first, 20 a page, with status, pay and links', async () => {
    const page = await open();
    const api = await apiJobs({});
    await expectListed(
      page,
      api.nodes.map((n) => n.id),
    );
    await expectText(
      page,
      '.result-count',
      `${api.totalCount} jobs · page 1 of ${Math.ceil(api.totalCount / 20)}`,
    );
    const firstRow = page.locator('table.job-table tbody tr').first();
    await expect(firstRow.locator('.badge-open').textContent()).resolves.toContain('Open');
    await expect(firstRow.locator('.pay').textContent()).resolves.toMatch(/^\$[\d,]+ – \$[\d,]+$/);
    const posting = firstRow.getByRole('link', { name: /^USAJOBS/ });
    await expect(posting.getAttribute('href')).resolves.toBe(
      `https://www.usajobs.gov/job/${api.nodes[0]!.id}`,
    );
    await expect(posting.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(firstRow.getByRole('link', { name: /^Apply/ }).getAttribute('href')).resolves.toBe(
      `https://www.usajobs.gov/job/${api.nodes[0]!.id}/apply`,
    );
    await expectAccessible(page);
    await screenshot(page, 'jobs', { docs: 'viewport' });
  });

  it('when a keyword is searched with the keyboard only, then the list is the API answer and the address keeps it', async () => {
    const page = await open();
    await page.locator('table.job-table').waitFor();
    // Skip link first, then into the form.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.getByLabel('Keywords').focus();
    await page.keyboard.type('data engineer');
    await page.keyboard.press('Enter');
    await page.waitForURL(/keyword=data\+engineer/);
    const api = await apiJobs({ filter: { keyword: 'data engineer' } });
    await expectListed(
      page,
      api.nodes.map((n) => n.id),
    );
    await expectText(page, '.result-count', `${api.totalCount} jobs`);
    // The address is the search: reloading shows the same list.
    await page.reload();
    await expectListed(
      page,
      api.nodes.map((n) => n.id),
    );
    await expect(page.getByLabel('Keywords').inputValue()).resolves.toBe('data engineer');
  });

  it('when every filter field is set, then the list is the API answer for the same JobFilter, closed jobs included', async () => {
    const page = await open();
    await page.getByLabel('Location').fill('a');
    // The other filters are behind a disclosure, opened from the keyboard.
    await page.locator('summary', { hasText: 'More filters' }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Department').fill('department of');
    await page.getByLabel('Pay at least (USD a year)').fill('70000');
    await page.getByLabel('Pay at most (USD a year)').fill('150000');
    await page.getByLabel('Grade from').fill('10');
    await page.getByLabel('Grade to').fill('14');
    await page.getByLabel('Remote').selectOption('false');
    await page.getByLabel('Posted after').fill(daysFromNow(-35).toISOString().slice(0, 10));
    await page.getByLabel('Open jobs only').uncheck();
    await page.getByLabel('Keywords').fill('specialist');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/openOnly=false/);
    const filter = {
      keyword: 'specialist',
      locationName: 'a',
      departmentName: 'department of',
      minSalary: 70_000,
      maxSalary: 150_000,
      minGrade: 10,
      maxGrade: 14,
      remote: false,
      postedAfter: `${daysFromNow(-35).toISOString().slice(0, 10)}T00:00:00.000Z`,
      openOnly: false,
    };
    const api = await apiJobs({ filter });
    expect(api.totalCount).toBeGreaterThan(0);
    await expectListed(
      page,
      api.nodes.map((n) => n.id),
    );
    await expectText(page, '.result-count', `${api.totalCount} job`);
    await expectText(page, '.more-filters summary', 'More filters (7 set)');

    // A filter the API refuses: its message is shown and both fields it names are marked.
    await page.getByLabel('Grade from').fill('14');
    await page.getByLabel('Grade to').fill('12');
    await page.getByRole('button', { name: 'Search' }).click();
    await expectText(page, '[role=alert]', 'must not be greater than maxGrade');
    await expect(page.getByLabel('Grade from').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Grade to').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Keywords').getAttribute('aria-invalid')).resolves.toBeNull();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.hash === '#/jobs');
    await expectListed(
      page,
      (await apiJobs({})).nodes.map((n) => n.id),
    );
  });

  it('when the API refuses a search, then its message is shown as an alert', async () => {
    const page = await open(`#/jobs?keyword=${'x'.repeat(201)}`);
    await expectText(page, '[role=alert]', 'at most 200 characters');
    await expectAccessible(page);
  });

  it('when sorted by title A to Z and paged forward and back, then each page is the keyset page of the API', async () => {
    const page = await open('#/jobs?openOnly=false');
    await page.getByLabel('Sort by').selectOption('POSITION_TITLE');
    await page.getByLabel('Order').selectOption('ASC');
    await page.waitForURL(/sort=POSITION_TITLE&direction=ASC/);
    const sort = { field: 'POSITION_TITLE', direction: 'ASC' };
    const first = await apiJobs({ filter: { openOnly: false }, sort });
    await expectListed(
      page,
      first.nodes.map((n) => n.id),
    );
    const titles = first.nodes.map((n) => n.positionTitle);
    expect(titles).toEqual([...titles].sort());

    await page.getByRole('button', { name: 'Next page' }).click();
    const second = await apiJobs({ filter: { openOnly: false }, sort, after: first.pageInfo.endCursor });
    await expectListed(
      page,
      second.nodes.map((n) => n.id),
    );
    await expectText(page, '.result-count', 'page 2 of 3');
    await page.getByRole('button', { name: 'Next page' }).click();
    const third = await apiJobs({ filter: { openOnly: false }, sort, after: second.pageInfo.endCursor });
    await expectListed(
      page,
      third.nodes.map((n) => n.id),
    );
    await expectText(page, '.result-count', 'page 3 of 3');
    expect(await page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Previous page' }).click();
    await expectListed(
      page,
      second.nodes.map((n) => n.id),
    );
    await expectText(page, '.result-count', 'page 2 of 3');
  });

  it('when a job is opened, then its detail shows pay, places and the links to the posting and to apply', async () => {
    const page = await open();
    const [first] = (await apiJobs({})).nodes;
    await expectListed(
      page,
      (await apiJobs({})).nodes.map((n) => n.id),
    );
    await page.locator('table.job-table a.job-title').first().click();
    await page.waitForURL(new RegExp(`#/job/${first!.id}$`));
    await page.getByRole('heading', { level: 1, name: first!.positionTitle }).waitFor();
    await expect(page.getByRole('link', { name: /Read on USAJOBS/ }).getAttribute('href')).resolves.toBe(
      `https://www.usajobs.gov/job/${first!.id}`,
    );
    await expect(page.getByRole('link', { name: /^Apply/ }).getAttribute('href')).resolves.toBe(
      `https://www.usajobs.gov/job/${first!.id}/apply`,
    );
    await expect(page.locator('.facts').textContent()).resolves.toMatch(/Annual pay\$[\d,]+ – \$[\d,]+/);
    await expectAccessible(page);
    await screenshot(page, 'job-detail', { docs: 'page' });
    await page.getByRole('link', { name: '← Back to the jobs' }).click();
    await expectListed(
      page,
      (await apiJobs({})).nodes.map((n) => n.id),
    );
  });

  it('when Insights opens, then the salary chart and the counts by department and by state match the API', async () => {
    const page = await open('#/insights?openOnly=false');
    await page.locator('.uplot canvas').first().waitFor();
    const box = await page.locator('.uplot canvas').first().boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.height).toBeGreaterThan(100);

    const stats = await postRaw(`${dashboard.url}/graphql`, {
      query: `{ jobStats(filter: { openOnly: false }) { totalCount byDepartment { key count } byState { key count } } }`,
    });
    const jobStats = stats.json!.data!.jobStats as {
      totalCount: number;
      byDepartment: { key: string; count: number }[];
      byState: { key: string; count: number }[];
    };
    await expectText(page, '.stat-card', `Matching jobs${jobStats.totalCount}`);
    const departments = await tableRows(page, 'Jobs by department');
    expect(departments).toEqual(jobStats.byDepartment.slice(0, 10).map((b) => [b.key, String(b.count)]));
    const states = await tableRows(page, 'Jobs by state');
    expect(states).toEqual(jobStats.byState.slice(0, 10).map((b) => [b.key, String(b.count)]));

    // Each bar of the chart is the API's count of the jobs whose pay range reaches into its band.
    await page.getByText('Show the numbers').click();
    const bands = await page
      .locator('.chart table tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [row.querySelector('th')!.textContent!, row.querySelector('td')!.textContent!]),
      );
    expect(bands.length).toBeGreaterThan(2);
    for (const [label, count] of bands) {
      const [from, to] = label!.split(' – ').map((amount) => Number(amount.replace(/[$,]/g, '')));
      const api = await apiJobs({ filter: { openOnly: false, minSalary: from, maxSalary: to }, first: 1 });
      expect(Number(count!.replace(/,/g, ''))).toBe(api.totalCount);
    }
    await expectAccessible(page);
    await screenshot(page, 'insights', { docs: 'page' });
  });

  it('when the CSV link is followed, then it downloads the export of the search on screen', async () => {
    const page = await open('#/jobs?keyword=engineer&openOnly=false&sort=POSITION_TITLE&direction=ASC');
    await page.locator('table.job-table').waitFor();
    const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(href).toBe('/export/jobs.csv?keyword=engineer&openOnly=false&sort=POSITION_TITLE&direction=ASC');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('jobs.csv');
    const csv = await (await fetch(`${dashboard.url}${href}`)).text();
    const api = await apiJobs({
      filter: { keyword: 'engineer', openOnly: false },
      sort: { field: 'POSITION_TITLE', direction: 'ASC' },
      first: 100,
    });
    expect(
      csv
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .map((line) => line.split(',')[0]),
    ).toEqual(api.nodes.map((n) => n.id));
  });

  it('when Run now is given a wrong token and then the right one, then the run shows progress, its result and joins the history', async () => {
    const page = await open('#/runs');
    await page.getByText('No run yet.').waitFor();
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Run now' }).click();
    const dialog = page.getByRole('dialog', { name: 'Admin token' });
    await dialog.getByLabel('Admin token').fill('not-the-token');
    await dialog.getByRole('button', { name: 'Run now' }).click();
    await expectText(page, 'dialog [role=alert]', 'was not accepted');
    expect(await dialog.isVisible()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, 'run-token-refused', { fullPage: false, docs: 'viewport' });

    // Every USAJOBS page of the run is served 1.5 s late, so the run is seen while it runs.
    dashboard.double.failNext(4, { kind: 'delay', ms: 1_500 });
    await dialog.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
    await dialog.getByRole('button', { name: 'Run now' }).click();
    await page.locator('#run-progress-bar').waitFor();
    await expectText(page, '.run-progress label', /^Running for .* · search [12] of 2 · \d+ pages/);
    expect(await page.getByRole('button', { name: 'Run now' }).isDisabled()).toBe(true);
    // Progress from etlRun(id): once the first page is read, the number of pages is known and the bar fills.
    await expectText(page, '.run-progress label', / · \d+ of \d+ pages$/);
    await expect(page.locator('#run-progress-bar').getAttribute('max')).resolves.toMatch(/^\d+$/);
    await screenshot(page, 'run-progress', { fullPage: false, docs: 'viewport' });
    await page.getByText(/^The run succeeded/).waitFor({ timeout: 60_000 });

    const runs = await postRaw(`${dashboard.url}/graphql`, {
      query: '{ etlRuns(first: 5) { status kept inserted } }',
    });
    const [run] = runs.json!.data!.etlRuns as { status: string; kept: number; inserted: number }[];
    expect(run).toMatchObject({ status: 'SUCCEEDED' });
    await expectText(page, '.run-status', `${run!.kept} jobs kept (${run!.inserted} new`);
    const history = page.locator('.run-table tbody tr');
    await expectText(page, '.run-table tbody tr', 'SUCCEEDED');
    await expect(history.count()).resolves.toBe(1);
    await expect(history.first().locator('.badge').textContent()).resolves.toBe('SUCCEEDED');
    await expectAccessible(page);
    await screenshot(page, 'runs', { docs: 'page' });

    // Jobs the run stored are "new" in the list.
    await page.getByRole('link', { name: 'Jobs' }).click();
    await page.locator('table.job-table .badge-new').first().waitFor();
  });

  it('when a running run is cancelled, then it stops at its next page as CANCELLED and the history says so', async () => {
    const page = await open('#/runs');
    await page.locator('.run-table').waitFor();
    // Pages 2 s late: the run is still on its first page when the cancel arrives.
    dashboard.double.failNext(10, { kind: 'delay', ms: 2_000 });
    try {
      await page.getByRole('button', { name: 'Run now' }).click();
      const dialog = page.getByRole('dialog', { name: 'Admin token' });
      await dialog.getByLabel('Admin token').fill(TEST_ADMIN_TOKEN);
      await dialog.getByRole('button', { name: 'Run now' }).click();
      await page.locator('#run-progress-bar').waitFor();

      // The token given for the run is kept in memory: cancelling does not ask again.
      await page.getByRole('button', { name: 'Cancel the run' }).click();
      await expectText(page, '.run-status', 'Cancelling: the run stops at its next page.');
      expect(await page.getByRole('dialog').isVisible()).toBe(false);
      await page.getByText(/^The run was cancelled/).waitFor({ timeout: 60_000 });
    } finally {
      dashboard.double.clearFaults();
    }
    const runs = await postRaw(`${dashboard.url}/graphql`, {
      query: '{ etlRuns(first: 1) { status cancelRequestedAt } }',
    });
    expect((runs.json!.data!.etlRuns as { status: string }[])[0]).toMatchObject({ status: 'CANCELLED' });
    await expectText(page, '.run-table tbody tr:first-child .badge', 'CANCELLED');
    await expectAccessible(page);
  });

  it('when the screen is phone-sized, then every job is a card and nothing scrolls sideways', async () => {
    const page = await open('', PHONE_VIEWPORT);
    await page.locator('table.job-table').waitFor();
    await expect(horizontalOverflow(page)).resolves.toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await screenshot(page, 'jobs-phone', { fullPage: false, docs: 'viewport' });
  });

  async function tableRows(page: Page, caption: string): Promise<string[][]> {
    const table = page.locator('table.bar-table', { has: page.getByRole('heading', { name: caption }) });
    return table
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.querySelector('.bar-label')!.textContent!,
          row.querySelector('td')!.textContent!,
        ]),
      );
  }
});
