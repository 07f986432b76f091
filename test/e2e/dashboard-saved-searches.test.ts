/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// Code passed to page.evaluate runs in the browser.
import 'reflect-metadata';

import type { Page } from 'playwright-core';

import { runEtl } from '../../src/etl/run-etl';
import { createSearchProfile, DEFAULT_PROFILE } from '../../src/etl/search-profiles';
import { EtlRunStatus } from '../../src/models/etl-run.model';
import { type Job, JobModel, JobStatus } from '../../src/models/job.model';
import { type SearchProfile, SearchProfileModel } from '../../src/models/search-profile.model';
import type { SearchResultItem } from '../../src/usajobs/usajobs.types';
import {
  expectAccessible,
  expectListed,
  expectText,
  horizontalOverflow,
  listedIds,
  PHONE_VIEWPORT,
  screenshot,
} from '../support/browser';
import { useDashboard } from '../support/dashboard-harness';
import { TEST_ADMIN_TOKEN } from '../support/graphql-app';
import { buildJob, daysFromNow, seedJobs } from '../support/job-factory';
import { openPosting } from '../support/posting-factory';
import { postRaw } from '../support/raw-graphql';
import { doubleEtlOptions } from '../support/usajobs-test-client';

jest.setTimeout(120_000);

const TITLES = ['Data Engineer', 'Data Architect', 'IT Specialist (DATAMGT)', 'Cloud Data Engineer'];

/** 12 open postings near Chicago that fit the Chicago saved search, each with its own title and posting date. */
function chicagoPostings(): SearchResultItem[] {
  return Array.from({ length: 12 }, (_, i) =>
    openPosting(850_000_100 + i, (d) => {
      d.PositionTitle = `${TITLES[i % TITLES.length]} ${i + 1}`;
      d.PublicationStartDate = daysFromNow(-1 - i)
        .toISOString()
        .slice(0, 19);
    }),
  );
}

/** Statisticians in Denver that the Denver saved search matched, seen five days ago; and four jobs nobody matches. */
function seededJobs(denver: string): Job[] {
  const statisticians = Array.from({ length: 8 }, (_, i) =>
    buildJob({
      _id: `STAT${i + 1}`,
      positionTitle: `Statistician ${i + 1}`,
      organizationName: 'Bureau of Labor Statistics',
      departmentName: 'Department of Labor',
      positionLocationDisplay: 'Denver, Colorado',
      positionLocation: [
        {
          locationName: 'Denver, Colorado',
          countrySubDivisionCode: 'Colorado',
          countryCode: 'United States',
        },
      ],
      publicationStartDate: daysFromNow(-2 - i),
      applicationCloseDate: daysFromNow(10 + i),
      firstSeenAt: daysFromNow(-5),
      lastSeenAt: daysFromNow(-5),
      matchedProfileIds: [denver],
    }),
  );
  const unmatched = Array.from({ length: 4 }, (_, i) =>
    buildJob({
      _id: `OLD${i + 1}`,
      positionTitle: `Program Analyst ${i + 1}`,
      firstSeenAt: daysFromNow(-20),
      lastSeenAt: daysFromNow(-20),
      matchedProfileIds: [],
    }),
  );
  return [...statisticians, ...unmatched];
}

interface ApiPage {
  totalCount: number;
  nodes: { id: string; status: string }[];
}

describe('dashboard saved searches in Chromium', () => {
  let chicago: SearchProfile;
  let denver: SearchProfile;
  /** Postings USAJOBS stopped listing before their close date (withdrawn by the second run). */
  let withdrawnIds: string[];
  /** The posting whose pay the second run saw change. */
  let repricedId: string;
  const items = chicagoPostings();

  const dashboard = useDashboard({
    usajobs: { items },
    seed: async (double) => {
      chicago = await createSearchProfile({ ...DEFAULT_PROFILE, name: 'data engineering near Chicago' });
      denver = await createSearchProfile({
        ...DEFAULT_PROFILE,
        name: 'statistics in Denver',
        keyword: 'statistics',
        locationName: 'Denver, Colorado',
      });
      await seedJobs(seededJobs(denver._id));

      // Two real runs of the Chicago search: the first stores 12 postings; before the second, USAJOBS drops three
      // (withdrawn) and changes the pay of one (a PAY change).
      const runChicago = async (): Promise<void> => {
        const run = await runEtl({ profile: chicago._id }, doubleEtlOptions(double));
        expect(run.status).toBe(EtlRunStatus.SUCCEEDED);
      };
      await runChicago();
      withdrawnIds = items.slice(9).map((item) => item.MatchedObjectId);
      const kept = items.slice(0, 9).map((item) => structuredClone(item));
      repricedId = kept[2]!.MatchedObjectId;
      kept[2]!.MatchedObjectDescriptor.PositionRemuneration![0]!.MinimumRange = '99000.00';
      double.setItems(kept);
      await runChicago();
    },
  });
  const { open } = dashboard;

  async function apiJobs(filter: Record<string, unknown>): Promise<ApiPage> {
    const response = await postRaw(`${dashboard.url}/graphql`, {
      query: `query($filter: JobFilter) { jobs(filter: $filter, first: 20) { totalCount nodes { id status } } }`,
      variables: { filter },
    });
    expect(response.json?.errors).toBeUndefined();
    return response.json!.data!.jobs as ApiPage;
  }

  /** The open jobs the database holds for a saved search, by control number. */
  async function storedOpenIds(profileId: string): Promise<string[]> {
    const jobs = await JobModel.find(
      { matchedProfileIds: profileId, applicationCloseDate: { $gt: new Date() } },
      { _id: 1 },
    ).lean<{ _id: string }[]>();
    return jobs.map((job) => job._id).sort();
  }

  /** Gives the admin token in the dialog that asks for it. */
  async function giveToken(page: Page, token: string, button: string): Promise<void> {
    const dialog = page.getByRole('dialog', { name: 'Admin token' });
    await dialog.getByLabel('Admin token').fill(token);
    await dialog.getByRole('button', { name: button }).click();
  }

  it('when the saved search is switched, then the list, its count and the insights are what the database holds for it, and the address keeps it', async () => {
    const page = await open();
    const all = await apiJobs({});
    await expectListed(
      page,
      all.nodes.map((n) => n.id),
    );
    await expectText(page, '.result-count', `${all.totalCount} jobs`);
    const picker = page.getByLabel('Saved search');
    await expect(picker.locator('option').allTextContents()).resolves.toEqual([
      'All stored jobs',
      'data engineering near Chicago',
      'statistics in Denver',
    ]);

    await picker.selectOption({ label: 'statistics in Denver' });
    await page.waitForURL(new RegExp(`profile=${denver._id}`));
    const denverIds = await storedOpenIds(denver._id);
    expect(denverIds).toHaveLength(8);
    await expectListed(
      page,
      (await apiJobs({ profile: denver._id })).nodes.map((n) => n.id),
    );
    expect((await listedIds(page)).sort().join()).toBe(denverIds.join());
    await expectText(page, '.result-count', '8 jobs');
    await expectText(page, '.profile-picker', 'Jobs it matched: “statistics” · within 50 miles of Denver');

    await picker.selectOption({ label: 'data engineering near Chicago' });
    await page.waitForURL(new RegExp(`profile=${chicago._id}`));
    const chicagoIds = await storedOpenIds(chicago._id);
    // Withdrawn postings stay in their saved search (their close date is ahead), told apart by their badge.
    expect(chicagoIds).toHaveLength(12);
    await expectListed(
      page,
      (await apiJobs({ profile: chicago._id })).nodes.map((n) => n.id),
    );
    expect((await listedIds(page)).sort().join()).toBe(chicagoIds.join());
    await expectText(page, '.result-count', '12 jobs');
    await expectAccessible(page);
    await screenshot(page, 'jobs-saved-search', { docs: 'viewport' });

    // A link reproduces the view: a fresh page at the same address shows the same saved search and jobs.
    const again = await open(`#/jobs?profile=${chicago._id}`);
    await expectListed(
      again,
      (await apiJobs({ profile: chicago._id })).nodes.map((n) => n.id),
    );
    await expect(again.getByLabel('Saved search').inputValue()).resolves.toBe(chicago._id);

    // Insights keep the saved search: counts by department are jobStats of its jobs.
    await again.getByRole('link', { name: 'Insights' }).click();
    await again.waitForURL(new RegExp(`#/insights\\?profile=${chicago._id}`));
    const stats = await postRaw(`${dashboard.url}/graphql`, {
      query: `query($filter: JobFilter) { jobStats(filter: $filter) { totalCount byDepartment { key count } } }`,
      variables: { filter: { profile: chicago._id } },
    });
    const jobStats = stats.json!.data!.jobStats as { totalCount: number; byDepartment: { key: string }[] };
    expect(jobStats.totalCount).toBe(12);
    await expectText(again, '.stat-card', 'Matching jobs12');
    await again.getByLabel('Saved search').selectOption({ label: 'statistics in Denver' });
    await expectText(again, '.stat-card', 'Matching jobs8');
    await expectText(again, 'table.bar-table', 'Department of Labor');
    await expectAccessible(again);
  });

  it('when the status filter asks for withdrawn jobs, then the withdrawn ones are listed with their Withdrawn and Changed badges', async () => {
    const page = await open();
    await page.locator('table.job-table').waitFor();
    await page.locator('summary', { hasText: 'More filters' }).click();
    await page.getByLabel('Status').selectOption('WITHDRAWN');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/status=WITHDRAWN/);
    const api = await apiJobs({ status: 'WITHDRAWN' });
    expect(api.nodes.map((n) => n.id).sort()).toEqual([...withdrawnIds].sort());
    await expectListed(
      page,
      api.nodes.map((n) => n.id),
    );
    await expectText(page, '.result-count', '3 jobs');
    const rows = page.locator('table.job-table tbody tr');
    for (let i = 0; i < 3; i += 1) {
      await expect(rows.nth(i).locator('.badge-withdrawn').textContent()).resolves.toContain('Withdrawn');
      // The latest run saw them go: their status changed.
      await expect(rows.nth(i).locator('.badge-changed').getAttribute('title')).resolves.toBe(
        'Changed in the latest run: status',
      );
    }
    await expectAccessible(page);
    await screenshot(page, 'jobs-withdrawn');

    // New or changed since today: the Chicago jobs (stored by today's runs), not those seen days ago.
    const today = new Date().toISOString().slice(0, 10);
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('New or changed since').fill(today);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(new RegExp(`changedSince=${today}`));
    const since = await apiJobs({ changedSince: today });
    expect(since.totalCount).toBe(12);
    await expectListed(
      page,
      since.nodes.map((n) => n.id),
    );
    const stored = await JobModel.countDocuments({ matchedProfileIds: chicago._id });
    expect(since.totalCount).toBe(stored);
    // The repriced posting is marked as changed in the list, saying what changed.
    const repriced = page.locator('table.job-table tbody tr', {
      has: page.locator(`a[href="#/job/${repricedId}"]`),
    });
    await expect(repriced.locator('.badge-changed').getAttribute('title')).resolves.toBe(
      'Changed in the latest run: annual pay',
    );
  });

  it('when a job with a recorded change is opened, then its detail shows when, what, from and to, and the saved searches it fits', async () => {
    const stored = (await JobModel.findById(repricedId).lean<Job>())!;
    const change = stored.changes.find((c) => c.field === 'PAY')!;
    const [fromMin, fromMax] = change.from!.split('-').map(Number);
    const [toMin, toMax] = change.to!.split('-').map(Number);
    expect(toMin).toBe(99_000);

    const page = await open(`#/job/${repricedId}`);
    await page.getByRole('heading', { level: 1, name: stored.positionTitle }).waitFor();
    const history = page.getByRole('region', { name: 'Change history' });
    const row = history.locator('tbody tr', { hasText: 'Annual pay' });
    await expect(row.locator('th, td').allTextContents()).resolves.toEqual([
      expect.stringMatching(/, 20\d\d, /),
      'Annual pay',
      `${usd(fromMin!)} – ${usd(fromMax!)}`,
      `${usd(toMin!)} – ${usd(toMax!)}`,
    ]);
    const fits = page.getByRole('link', { name: 'data engineering near Chicago' });
    await expect(fits.getAttribute('href')).resolves.toBe(`#/jobs?profile=${chicago._id}`);
    await expectAccessible(page);
    await screenshot(page, 'job-detail-history', { docs: 'page' });

    // A withdrawn one says when, and its history has the status change.
    const withdrawn = await open(`#/job/${withdrawnIds[0]}`);
    await withdrawn.getByRole('heading', { name: 'Change history' }).waitFor();
    await expectText(withdrawn, '.facts', 'Withdrawnfound withdrawn');
    const statusRow = withdrawn.getByRole('region', { name: 'Change history' }).locator('tbody tr').first();
    await expect(statusRow.locator('th, td').allTextContents()).resolves.toEqual([
      expect.any(String),
      'Status',
      'Open',
      'Withdrawn',
    ]);
    await expectAccessible(withdrawn);
  });

  it('when a saved search is created with a wrong token, then it is refused and nothing is stored; with the right token it is stored with every field and can be picked', async () => {
    const page = await open('#/searches');
    await expectText(page, '.profile-table tbody', 'statistics in Denver');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'New saved search' }).click();
    const form = page.locator('form', { has: page.getByLabel('Radius (miles)') });
    await form.getByLabel('Name').fill('remote data science');
    await form.getByLabel('Keywords').fill('data science');
    await form.getByLabel('Include remote jobs').check();
    await form.getByLabel('Years of experience').fill('3');
    await form.getByLabel('Pay plans').fill('GS, gg');
    await form.getByLabel('Pay at least (USD a year)').fill('80000');
    await form.getByLabel('Occupational series').fill('1530, 2210');
    await form.getByLabel('Agencies').fill('TR');
    await form.getByLabel(/^Enabled/).uncheck();
    await expectAccessible(page);
    await screenshot(page, 'saved-search-form');
    await form.getByRole('button', { name: 'Create saved search' }).click();

    await giveToken(page, 'not-the-token', 'Create saved search');
    await expectText(page, 'dialog [role=alert]', 'was not accepted');
    expect(await SearchProfileModel.countDocuments()).toBe(2);
    await expectAccessible(page);

    await giveToken(page, TEST_ADMIN_TOKEN, 'Create saved search');
    await expectText(page, '.notice', 'Created “remote data science”.');
    const created = await SearchProfileModel.findOne({ name: 'remote data science' }).lean<SearchProfile>();
    expect(created).toMatchObject({
      keyword: 'data science',
      locationName: null,
      radiusMiles: 50,
      includeRemote: true,
      yearsOfExperience: 3,
      payPlans: ['GS', 'GG'],
      minSalary: 80_000,
      jobCategoryCodes: ['1530', '2210'],
      organizationCodes: ['TR'],
      enabled: false,
    });
    await expectText(page, '.profile-table tbody', 'remote data science');

    await page.getByRole('link', { name: 'Jobs', exact: true }).click();
    const picker = page.getByLabel('Saved search');
    await picker.selectOption({ label: 'remote data science (disabled)' });
    await page.waitForURL(new RegExp(`profile=${created!._id}`));
    await expectText(page, '.result-count', '0 jobs');
    await expectText(page, '.empty', 'a new one lists none until it has run');
  });

  it('when a saved search has a radius out of range, then the refusal is shown on that field and nothing is stored; corrected, edited and deleted, the database follows', async () => {
    const page = await open('#/searches');
    await page.getByRole('button', { name: 'New saved search' }).click();
    await page.getByLabel('Name').fill('too far');
    await page.getByLabel('Keywords').fill('data');
    await page.getByLabel('Radius (miles)').fill('900');
    await page.getByRole('button', { name: 'Create saved search' }).click();
    await giveToken(page, TEST_ADMIN_TOKEN, 'Create saved search');

    const radius = page.getByLabel('Radius (miles)');
    await expectText(page, '.profile-form [role=alert]', 'Radius (miles) must be at most 500');
    await expect(radius.getAttribute('aria-invalid')).resolves.toBe('true');
    await expectText(page, '#profile-radiusMiles-error', 'must be at most 500');
    const describedBy = (await radius.getAttribute('aria-describedby'))!.split(' ');
    expect(describedBy).toContain('profile-radiusMiles-error');
    await expect(page.getByLabel('Name').getAttribute('aria-invalid')).resolves.toBeNull();
    await page.waitForFunction((id) => document.activeElement?.id === id, 'profile-radiusMiles');
    expect(await SearchProfileModel.countDocuments({ name: 'too far' })).toBe(0);
    await expectAccessible(page);
    await screenshot(page, 'saved-search-refused', { docs: 'page' });

    // Corrected: saved with the token given before (kept in the page's memory), no dialog.
    await radius.fill('100');
    await page.getByRole('button', { name: 'Create saved search' }).click();
    await expectText(page, '.notice', 'Created “too far”.');
    expect(await page.getByRole('dialog').isVisible()).toBe(false);
    await expect(
      SearchProfileModel.findOne({ name: 'too far' }).lean<SearchProfile>(),
    ).resolves.toMatchObject({ radiusMiles: 100, keyword: 'data' });

    await page.getByRole('button', { name: 'Edit “too far”' }).click();
    await expect(page.getByLabel('Radius (miles)').inputValue()).resolves.toBe('100');
    await page.getByLabel('Years of experience').fill('8');
    await page.getByLabel('Keywords').fill('');
    await page.getByLabel('Location').fill('Denver, Colorado');
    // The digest's recipients: a malformed one is refused on its field; a good one is stored and read back.
    const digestTo = page.getByLabel('Digest e-mailed to');
    await expect(digestTo.inputValue()).resolves.toBe('');
    await digestTo.fill('not-an-address');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectText(page, '#profile-digestTo-error', 'e-mail address');
    await expect(digestTo.getAttribute('aria-invalid')).resolves.toBe('true');
    await digestTo.fill('seeker@example.com');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expectText(page, '.notice', 'Saved the changes to “too far”.');
    await expect(
      SearchProfileModel.findOne({ name: 'too far' }).lean<SearchProfile>(),
    ).resolves.toMatchObject({
      yearsOfExperience: 8,
      keyword: null,
      locationName: 'Denver, Colorado',
      digestTo: ['seeker@example.com'],
    });
    await page.getByRole('button', { name: 'Edit “too far”' }).click();
    await expect(page.getByLabel('Digest e-mailed to').inputValue()).resolves.toBe('seeker@example.com');

    await page.getByRole('button', { name: 'Delete “too far”' }).click();
    // The focus is on "Keep": Enter would keep it.
    // Focus moves once the confirmation has rendered: wait for it instead of reading it at once (that raced).
    await page.waitForFunction((name) => document.activeElement?.textContent === name, 'Keep “too far”');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Delete “too far” for good' }).click();
    await expectText(page, '.notice', 'Deleted “too far”. Its jobs stay stored.');
    expect(await SearchProfileModel.countDocuments({ name: 'too far' })).toBe(0);
    // The list is read again: the row goes.
    const row = page.locator('.profile-table tbody th', { hasText: 'too far' });
    await row.waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
    await expect(row.count()).resolves.toBe(0);
  });

  it('when the screen is phone-sized, then the picker, the change history and the saved searches fit without scrolling the page sideways', async () => {
    const jobs = await open(`#/jobs?profile=${chicago._id}`, PHONE_VIEWPORT);
    await jobs.locator('table.job-table').waitFor();
    await expect(horizontalOverflow(jobs)).resolves.toBeLessThanOrEqual(0);
    await expectAccessible(jobs);
    const detail = await open(`#/job/${repricedId}`, PHONE_VIEWPORT);
    await detail.getByRole('heading', { name: 'Change history' }).waitFor();
    await expect(horizontalOverflow(detail)).resolves.toBeLessThanOrEqual(0);
    const searches = await open('#/searches', PHONE_VIEWPORT);
    await searches.locator('.profile-table').waitFor();
    await searches.getByRole('button', { name: 'New saved search' }).click();
    await expect(horizontalOverflow(searches)).resolves.toBeLessThanOrEqual(0);
    await expectAccessible(searches);
    await screenshot(searches, 'saved-searches-phone', { fullPage: false });
  });

  it('when Run now is given one saved search, then only that search runs and the history names it', async () => {
    const page = await open('#/runs');
    await page.locator('.run-table').waitFor();
    await page.getByLabel('What to run').selectOption({ label: 'data engineering near Chicago' });
    await page.getByRole('button', { name: 'Run now' }).click();
    await giveToken(page, TEST_ADMIN_TOKEN, 'Run now');
    await page.getByText(/^The run succeeded/).waitFor({ timeout: 60_000 });
    const runs = await postRaw(`${dashboard.url}/graphql`, {
      query: '{ etlRuns(first: 1) { status withdrawn profiles { profileId name } } }',
    });
    const [run] = runs.json!.data!.etlRuns as {
      status: string;
      withdrawn: number;
      profiles: { profileId: string }[];
    }[];
    expect(run!.status).toBe('SUCCEEDED');
    expect(run!.profiles.map((p) => p.profileId)).toEqual([chicago._id]);
    await expectText(page, '.run-status', 'for “data engineering near Chicago”');
    await expectText(page, '.run-table tbody tr:first-child', 'data engineering near Chicago');
    // The Denver jobs were not searched for: still matched, still open.
    expect(await JobModel.countDocuments({ status: JobStatus.WITHDRAWN })).toBe(withdrawnIds.length);
    await expectAccessible(page);
  });
});

/** e.g. $99,000, as the dashboard writes amounts. */
function usd(amount: number): string {
  return `$${Math.round(amount).toLocaleString('en-US')}`;
}
