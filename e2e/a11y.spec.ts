import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openTab, screenshot, trainTinyRun, type TabName } from './helpers';

const TABS: TabName[] = ['Data', 'Train', 'Compare', 'Analyze', 'Playground'];

test('every tab, with a finished run, has no WCAG 2 A/AA violations in light and dark mode', async ({ page }) => {
  await trainTinyRun(page);
  await page.getByRole('checkbox', { name: 'Compare run-1' }).check();
  await openTab(page, 'Playground');
  await page.getByRole('button', { name: 'Tag' }).click();
  await expect(page.getByRole('region', { name: 'Predicted entities' }).getByRole('list', { name: 'Entities' }).or(page.getByText(/No entities found/))).toBeVisible();

  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [i, tab] of TABS.entries()) {
      await openTab(page, tab);
      // Hidden tabs are skipped by axe: each is checked while it is the one shown. The header and the runs sidebar
      // are the same on every tab, so the whole page is checked once per scheme and then each tab's panel.
      const axe = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
      const results = await (i === 0 ? axe : axe.include(`#panel-${tab.toLowerCase()}`)).analyze();
      found.push(...results.violations.map((v) => `${colorScheme} ${tab}: ${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target.join(' ')}`));
    }
    await screenshot(page, `13-a11y-${colorScheme}`);
  }
  expect(found).toEqual([]);
});
