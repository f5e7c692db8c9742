import { test, expect } from '@playwright/test';

test('app shell loads @webgpu', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Attention Exchange' })).toBeVisible();
  const hasAdapter = await page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return gpu ? (await gpu.requestAdapter()) !== null : false;
  });
  console.log('webgpu adapter', test.info().project.name, hasAdapter, await page.evaluate(() => crossOriginIsolated));
});
