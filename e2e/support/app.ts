import { expect, type Download, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

export interface AttentionExport {
  model: string;
  backend: 'webgpu' | 'wasm';
  tokens: string[];
  layers: number;
  heads: number;
  attention: number[][][][];
}

/** Opens the app and waits until the default model has loaded and run once. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await expect(page.getByLabel('Active backend')).toBeVisible({ timeout: 120_000 });
}

/** Replaces the text, runs the model and waits for the new result. */
export async function runText(page: Page, text: string): Promise<void> {
  const stats = page.getByLabel('Inference time');
  const before = (await stats.count()) > 0 ? Number(await stats.getAttribute('data-run-id')) : 0;
  await page.getByLabel('Input text').fill(text);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect.poll(async () => Number((await stats.getAttribute('data-run-id')) ?? 0), { timeout: 120_000 }).toBeGreaterThan(before);
  await expect(page.getByText('Running…')).toHaveCount(0, { timeout: 120_000 });
}

export async function downloadOf(page: Page, buttonName: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: buttonName }).click()]);
  const file = await download.path();
  return { download, bytes: await readFile(file) };
}

export async function exportAttention(page: Page): Promise<AttentionExport> {
  const { bytes } = await downloadOf(page, 'Export attention JSON');
  return JSON.parse(bytes.toString('utf8')) as AttentionExport;
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Largest difference between two exports' attention tensors (same shape required). */
export function attentionDifference(a: AttentionExport, b: AttentionExport): number {
  expect([a.layers, a.heads, a.tokens.length]).toEqual([b.layers, b.heads, b.tokens.length]);
  let max = 0;
  a.attention.forEach((layer, l) =>
    layer.forEach((head, h) => head.forEach((row, i) => (max = Math.max(max, maxAbsDifference(row, b.attention[l][h][i]))))),
  );
  return max;
}
