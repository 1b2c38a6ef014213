import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { dropFiles, screenshot, setNumber, tinyConll, waitForRunEnd } from './helpers';

test('the whole studio, with a finished run, has no WCAG 2 A/AA violations', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [{ name: 'train.txt', text: tinyConll(16) }, { name: 'dev.txt', text: tinyConll(8) }]);
  await setNumber(page, 'Epochs', 1);
  await setNumber(page, 'Batch size', 8);
  await page.getByRole('button', { name: 'Train' }).click();
  await waitForRunEnd(page);
  await page.getByRole('checkbox', { name: 'Compare run-1' }).check();
  await page.getByRole('button', { name: 'Tag' }).click();
  await expect(page.getByRole('region', { name: 'Predicted entities' }).getByRole('list', { name: 'Entities' }).or(page.getByText(/No entities found/))).toBeVisible();

  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target.join(' ')}`);
  await screenshot(page, '13-a11y');
  expect(found).toEqual([]);
});
