/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when it is missing). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless, and quiet on the network: without the background-networking, component-update and sync switches Chromium
 * reaches out to the internet on its own. Playwright gives every launch a fresh temporary --user-data-dir.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where screenshots go (gitignored; CI keeps them as artifacts). */
export const ARTIFACTS_DIR = path.resolve(__dirname, '..', '..', 'test-artifacts', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/** What went wrong in a page that no assertion looked at: script errors, console errors, CSP violations. */
export interface PageProblems {
  errors: string[];
}

/**
 * A page in a fresh context (own storage) that only talks to `allowedOrigin`: any other request is aborted and
 * recorded, as are script errors, console errors and Content-Security-Policy violations.
 */
export async function openPage(
  browser: Browser,
  allowedOrigin: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }> {
  const context = await browser.newContext({
    viewport,
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const problems: PageProblems = { errors: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${allowedOrigin}/`) || url.startsWith('data:')) return route.continue();
    problems.errors.push(`request to another origin: ${url}`);
    return route.abort();
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __csp: string[] }).__csp ??= [];
      (window as unknown as { __csp: string[] }).__csp.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => problems.errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.errors.push(`console error: ${message.text()}`);
  });
  return { context, page, problems };
}

/** The CSP violations the page reported so far. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules, and best practices) on the page as it is, and returns the serious and
 * critical violations. axe is evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }
    ).axe;
    const results = await axe.run(document, {
      runOnly: {
        type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
      },
      resultTypes: ['violations'],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => String(n.target)),
    }));
    interface AxeResults {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[];
    }
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Fails the test with axe-core's serious and critical violations on the page as it is, if there are any. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** A phone's screen (an iPhone 12 to 15), for the layouts that must not scroll sideways. */
export const PHONE_VIEWPORT = { width: 390, height: 844 };

/** By how many pixels the page is wider than its window (0 or less: nothing scrolls sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Where the README's screenshots live; refreshed by running the browser tests with DOCS_SCREENSHOTS=1. */
export const DOCS_SCREENSHOTS_DIR = path.resolve(__dirname, '..', '..', 'docs', 'screenshots');

/**
 * Saves a screenshot (the whole page unless `fullPage: false`) under test-artifacts/screenshots; with
 * DOCS_SCREENSHOTS=1 in the environment, also the README's copy under docs/screenshots (`docs: 'viewport'` keeps it
 * to the first screen, for long pages).
 */
export async function screenshot(
  page: Page,
  name: string,
  options: { fullPage?: boolean; docs?: 'page' | 'viewport' } = {},
): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  if (options.docs && process.env.DOCS_SCREENSHOTS === '1') {
    mkdirSync(DOCS_SCREENSHOTS_DIR, { recursive: true });
    await page.screenshot({
      path: path.join(DOCS_SCREENSHOTS_DIR, `${name}.png`),
      fullPage: options.docs === 'page',
    });
  }
  return file;
}

/** The control numbers of the jobs the dashboard lists, in order, from their detail links. */
export async function listedIds(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('table.job-table a.job-title')
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  return hrefs.map((href) => decodeURIComponent(href.replace('#/job/', '')));
}

/** Waits until the list shows exactly these jobs, in this order (the page renders after its request answers). */
export async function expectListed(page: Page, ids: string[]): Promise<void> {
  await page
    .waitForFunction(
      (expected) =>
        [...document.querySelectorAll('table.job-table[aria-busy="false"] a.job-title')]
          .map((link) => decodeURIComponent((link.getAttribute('href') ?? '').replace('#/job/', '')))
          .join(',') === expected,
      ids.join(','),
      { timeout: 15_000 },
    )
    .catch(() => undefined);
  expect(await listedIds(page)).toEqual(ids);
}

/** Waits until an element holds the text (a status line that updates when an answer arrives), then checks it. */
export async function expectText(page: Page, selector: string, text: string | RegExp): Promise<void> {
  const locator = page.locator(selector).filter({ hasText: text });
  await locator
    .first()
    .waitFor({ timeout: 15_000 })
    .catch(() => undefined);
  const actual = await page.locator(selector).allTextContents();
  expect(actual.some((t) => (typeof text === 'string' ? t.includes(text) : text.test(t)))).toBe(true);
}
