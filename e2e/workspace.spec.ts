/**
 * The studio as a workspace: what is in view after pressing Train at three window sizes in both colour schemes, the
 * page never blocking while a run trains, the notice when it ends, and the tabs from the keyboard and the address.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startBlockingWatch, stopBlockingWatch } from './blocking';
import { dropFiles, openTab, setNumber, tinyConll, waitForRunEnd, type TabName } from './helpers';
import { mkdirSync } from 'node:fs';

const TABS: TabName[] = ['Data', 'Train', 'Compare', 'Analyze', 'Playground'];
const SCHEMES = ['light', 'dark'] as const;

/** Screenshots of the window as a person sees it (not the full page): what is in view is the point. */
async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  mkdirSync('e2e/screenshots', { recursive: true });
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage });
}

async function inBothSchemes(page: Page, name: string, fullPage = false): Promise<void> {
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme });
    await shoot(page, `${name}-${colorScheme}`, fullPage);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Asserts the page did not block: no task of its main thread used more than 50 ms of CPU (blocking.ts says why CPU). */
async function expectNoBlocking(page: Page, browser: Browser, trace: string, where: string): Promise<void> {
  const report = await stopBlockingWatch(page, browser, trace);
  test.info().annotations.push({ type: `blocking while training at ${where}`, description: JSON.stringify(report) });
  expect(report.tasks, 'main-thread tasks traced').toBeGreaterThan(20);
  expect(report.longTasks.filter((t) => t.cpu === null || t.cpu > 50), `long tasks at ${where}: ${JSON.stringify(report.longTasks)}`).toEqual([]);
  expect(report.maxTaskCpu, `the longest main-thread task at ${where}, ms of CPU`).toBeLessThanOrEqual(50);
}

/**
 * While blocking is watched the test itself must stay light: Playwright's role queries and its expect polling
 * run on the page's main thread too. So inside that window it finds elements by plain CSS and waits with a cheap
 * in-page predicate polled four times a second.
 */
const AT_A_GLANCE_CSS = ['[role="status"][aria-label="Run status"]', '[role="progressbar"][aria-label="Training progress"]', '[role="img"][aria-label="Training loss chart"]', '[role="img"][aria-label="Dev F1 chart"]'];

async function waitInPage(page: Page, predicate: () => boolean, timeout = 120_000): Promise<void> {
  await page.waitForFunction(predicate, null, { polling: 250, timeout });
}

const runEnded = () => /: (finished|stopped|failed) ·/.test(document.querySelector('[role="status"][aria-label="Run status"]')?.textContent ?? '');
const progressStarted = () => Number(document.querySelector('[role="progressbar"][aria-label="Training progress"]')?.getAttribute('aria-valuenow') ?? 0) > 0;

/** The run status, the progress bar and both live charts, wholly in the window, with nothing scrolled. */
async function expectAtAGlance(page: Page, cheap = false): Promise<void> {
  const elements = cheap
    ? AT_A_GLANCE_CSS.map((css) => page.locator(css))
    : [
        page.getByRole('status', { name: 'Run status' }),
        page.getByRole('progressbar', { name: 'Training progress' }),
        page.getByRole('img', { name: 'Training loss chart' }),
        page.getByRole('img', { name: 'Dev F1 chart' }),
      ];
  for (const element of elements) {
    await expect(element).toBeInViewport({ ratio: 1 });
  }
  const scrolled = await page.evaluate(() => [window.scrollY, ...[...document.querySelectorAll('.tab-panels, .workspace')].map((e) => e.scrollTop)]);
  expect(scrolled.every((y) => y === 0)).toBe(true);
  // The workspace fits the window: the page itself has nothing to scroll (its panels scroll inside).
  expect(await page.evaluate(() => document.documentElement.scrollHeight <= document.documentElement.clientHeight)).toBe(true);
}

/** The progress bar's share matches the steps in words: "step 4 of 6 (67%)" and aria-valuenow 67. */
async function expectProgressMatchesSteps(page: Page): Promise<number> {
  const bar = page.getByRole('progressbar', { name: 'Training progress' });
  const text = (await bar.getAttribute('aria-valuetext')) ?? '';
  const m = /^step (\d+) of (\d+)(?::.*)? \((\d+)%\)$/.exec(text);
  expect(m, text).not.toBeNull();
  const [done, total, percent] = [Number(m![1]), Number(m![2]), Number(m![3])];
  expect(Number(await bar.getAttribute('aria-valuenow'))).toBe(percent);
  expect(percent).toBe(Math.round((100 * done) / total));
  return percent;
}

const noHorizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('train and watch without scrolling at 1440×900 and 1280×720, stacked on a phone, light and dark; the page never blocks', async ({ page, browser }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(24) }, { name: 'dev.txt', text: tinyConll(8) }]);
  await expect(page.getByRole('banner')).toContainText('train.txt, dev.txt');
  await setNumber(page, 'Epochs', 2);
  await setNumber(page, 'Batch size', 8);

  // 1440×900: the sidebar is open beside the tabs.
  await expect(page.getByRole('button', { name: /^Runs \(/ })).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('table', { name: 'Runs' })).toBeVisible();
  let trace = await startBlockingWatch(page, browser);
  await page.getByRole('button', { name: 'Train' }).click();
  await expectAtAGlance(page, true);
  // Mid-run: the bar holds the share of the 6 steps (3 an epoch, 2 epochs) done.
  await waitInPage(page, progressStarted);
  const midRun = await page.locator(AT_A_GLANCE_CSS[1]).evaluate((bar) => [bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuetext')]);
  await waitInPage(page, runEnded);
  await expectNoBlocking(page, browser, trace, '1440×900');
  const [percent, words] = midRun;
  const m = /^step (\d+) of 6 \((\d+)%\)$/.exec(words ?? '');
  expect(m, words ?? '').not.toBeNull();
  expect(Number(percent)).toBe(Number(m![2]));
  expect(Number(percent)).toBe(Math.round((100 * Number(m![1])) / 6));
  await waitForRunEnd(page);
  expect(await expectProgressMatchesSteps(page)).toBe(100);
  await expectAtAGlance(page);

  // The end is told in the page and in the tab's title.
  const notices = page.getByRole('region', { name: 'Notifications' });
  await expect(notices).toHaveText(/^run-1 finished, best dev F1 \d\.\d{3}/);
  await expect(page).toHaveTitle(/^✓ run-1 finished, best dev F1 \d\.\d{3} · NER Training Studio$/);
  await inBothSchemes(page, 'workspace-1440x900');

  // 1280×720: the sidebar folds into its toggle, and the same is in view after pressing Train.
  await page.setViewportSize({ width: 1280, height: 720 });
  const toggle = page.getByRole('button', { name: /^Runs \(/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('table', { name: 'Runs' })).toBeHidden();
  trace = await startBlockingWatch(page, browser);
  await page.getByRole('button', { name: 'Train' }).click();
  await expectAtAGlance(page, true);
  const titleWhileTraining = await page.title();
  await waitInPage(page, runEnded);
  await expectNoBlocking(page, browser, trace, '1280×720');
  expect(titleWhileTraining).toMatch(/^(\d+% )?run-2 training · NER Training Studio$/);
  expect(await waitForRunEnd(page)).toMatch(/^run-2: finished/);
  await expectAtAGlance(page);
  await inBothSchemes(page, 'workspace-1280x720');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('table', { name: 'Runs' }).getByRole('row', { name: /^run-2 / })).toBeVisible();
  await shoot(page, 'workspace-1280x720-sidebar-open-light');
  await toggle.click();

  // 390×844: one column; nothing is wider than the window on any tab, with the runs list open or not.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const tab of TABS) {
    await openTab(page, tab);
    expect(await noHorizontalOverflow(page), `${tab} overflows at 390 px`).toBe(true);
  }
  await openTab(page, 'Train');
  await toggle.click();
  const sidebar = page.getByRole('complementary', { name: 'Runs' });
  await expect(sidebar).toBeVisible();
  const [side, main] = [await sidebar.boundingBox(), await page.getByRole('main').boundingBox()];
  // Stacked: the runs list spans the window and the tabs come below it.
  expect(side!.width).toBeGreaterThan(380);
  expect(main!.y).toBeGreaterThanOrEqual(side!.y + side!.height - 1);
  expect(await noHorizontalOverflow(page)).toBe(true);
  await inBothSchemes(page, 'workspace-390x844', true);
});

test('every tab from the keyboard (WAI-ARIA tabs), and the address keeps the open tab across a reload', async ({ page }) => {
  await page.goto('/#compare');
  await expect(page.getByRole('tab', { name: 'Compare' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Compare' })).toBeVisible();

  // Tab into the tab list: it is one stop, on the selected tab.
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.getAttribute('role'))) !== 'tab'; i++) await page.keyboard.press('Tab');
  await expect(page.getByRole('tab', { name: 'Compare' })).toBeFocused();

  // Arrows go round every tab, selecting as they go; each tab's panel shows, and Tab goes into it.
  const order = [...TABS.slice(3), ...TABS.slice(0, 3)]; // from Compare: Analyze, Playground, Data, Train, Compare
  for (const name of order) {
    await page.keyboard.press('ArrowRight');
    const tab = page.getByRole('tab', { name, exact: true });
    await expect(tab).toBeFocused();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('tabpanel', { name, exact: true })).toBeVisible();
    await expect(page.getByRole('tabpanel')).toHaveCount(1);
    expect(new URL(page.url()).hash).toBe(`#${name.toLowerCase()}`);
  }
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Train' })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Playground' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(page.getByRole('tab', { name: 'Data' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Tab');
  const focusInPanel = await page.evaluate(() => Boolean(document.activeElement?.closest('[role="tabpanel"]')));
  expect(focusInPanel).toBe(true);
  await expect(page.getByRole('tabpanel', { name: 'Train' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('tab', { name: 'Train' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('button', { name: 'Train' })).toBeVisible();
  await shoot(page, 'workspace-keyboard-tabs-light');
});
