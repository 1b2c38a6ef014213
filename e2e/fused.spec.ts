import { expect, test } from '@playwright/test';
import { screenshot } from './helpers';

/** testing/fused/suite.ts in Chromium's WebGPU (SwiftShader here): every fused kernel against the unfused ops. */
test('fused WebGPU kernels compute what the unfused ops compute', async ({ page }) => {
  test.setTimeout(900_000);
  await page.goto('/testing/fused/index.html');
  await page.getByRole('button', { name: 'Run checks' }).click();
  const table = page.getByRole('table', { name: 'Fused kernel checks' });
  await expect(table).toHaveAttribute('data-state', 'done', { timeout: 840_000 });
  const rows = table.getByRole('row');
  const results = await rows.evaluateAll((trs) => trs.slice(1).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  expect(results.length).toBeGreaterThanOrEqual(13);
  expect(results.filter(([, result]) => result !== 'pass')).toEqual([]);
  await expect(page.getByText(/^Adapter: .+/)).toBeVisible();
  await screenshot(page, '30-fused-kernels');
});
