import { expect, test } from '@playwright/test';
import { attentionDifference, exportAttention, openApp, runText } from './support/app';

const REFERENCE =
  'Once upon a time, there was a little girl named Lily. She loved to play outside in the park. One day, she saw a big, red ball. She wanted to play with it, but it was too high.';

async function chooseStories(page: import('@playwright/test').Page): Promise<void> {
  await page.getByLabel('Model', { exact: true }).selectOption('stories260k');
  await expect(page.getByLabel('Active backend')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByRole('button', { name: 'Generate' })).toBeEnabled();
}

test.describe('causal language model (stories260K)', () => {
  test('greedy generation from BOS reproduces the reference story, with causal attention', async ({ page }) => {
    await openApp(page);
    await chooseStories(page);
    await page.getByLabel('Input text').fill('');
    await page.getByLabel('New tokens', { exact: true }).fill('80');
    await page.getByLabel('Temperature', { exact: true }).fill('0');
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect
      .poll(async () => (await page.getByLabel('Input text').inputValue()).slice(0, REFERENCE.length), { timeout: 120_000 })
      .toBe(REFERENCE);
    await expect(page.getByText('Generating…')).toHaveCount(0, { timeout: 120_000 });
    await expect(page.getByText('Running…')).toHaveCount(0, { timeout: 120_000 });

    const exported = await exportAttention(page);
    expect(exported.model).toBe('stories260k');
    expect([exported.layers, exported.heads]).toEqual([5, 8]);
    expect(exported.tokens[0]).toBe('<s>');
    // Upper triangle exactly zero, rows summing to one: checked in one pass, asserted once.
    let maxAboveDiagonal = 0;
    let maxRowError = 0;
    for (const layer of exported.attention)
      for (const head of layer)
        head.forEach((row, i) => {
          for (let j = i + 1; j < row.length; j++) maxAboveDiagonal = Math.max(maxAboveDiagonal, Math.abs(row[j]));
          maxRowError = Math.max(maxRowError, Math.abs(row.reduce((sum, weight) => sum + weight, 0) - 1));
        });
    expect(maxAboveDiagonal).toBe(0);
    expect(maxRowError).toBeLessThan(1e-5);
  });
});

test('stories260K attention on WebGPU equals WASM within 1e-4 @webgpu-only', async ({ page }) => {
  await openApp(page);
  await chooseStories(page);
  await page.getByLabel('Backend', { exact: true }).selectOption('wasm');
  await expect(page.getByLabel('Active backend')).toContainText('WASM', { timeout: 120_000 });
  await runText(page, 'Lily saw a big red ball in the park.');
  const wasm = await exportAttention(page);
  await page.getByLabel('Backend', { exact: true }).selectOption('webgpu');
  await expect(page.getByLabel('Active backend')).toContainText('WebGPU', { timeout: 120_000 });
  await runText(page, 'Lily saw a big red ball in the park.');
  const webgpu = await exportAttention(page);
  expect(webgpu.backend).toBe('webgpu');
  expect(attentionDifference(webgpu, wasm)).toBeLessThan(1e-4);
});
