import { expect, test } from '@playwright/test';
import { attentionDifference, downloadOf, exportAttention, maxAbsDifference, openApp, runText } from './support/app';
import { useLiteReference } from './support/useLiteReference';

const SENTENCE = 'Markets price attention: every token bids for the weight of the others.';

test.describe('attention explorer on the default model', () => {
  test('type, run, see the heatmap; change layer, head and aggregation @webgpu', async ({ page }) => {
    await openApp(page);
    await runText(page, SENTENCE);
    const heatmap = page.getByTestId('heatmap').getByRole('img');
    await expect(heatmap).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Attention received (Layer 0, head 0)' })).toBeVisible();

    await page.getByLabel('Head', { exact: true }).selectOption('3');
    await page.getByLabel('Layer', { exact: true }).selectOption('1');
    await expect(page.getByRole('heading', { name: 'Attention received (Layer 1, head 3)' })).toBeVisible();
    await page.getByLabel('Aggregation', { exact: true }).selectOption('rollout');
    await expect(page.getByRole('heading', { name: 'Attention received (Attention rollout)' })).toBeVisible();
    await expect(page.getByLabel('Head', { exact: true })).toBeDisabled();

    // The view is in the URL: a reload restores it.
    await page.reload();
    await expect(page.getByLabel('Aggregation', { exact: true })).toHaveValue('rollout');
    await expect(page.getByLabel('Input text')).toHaveValue(SENTENCE);
    await expect(page.getByLabel('Active backend')).toBeVisible({ timeout: 120_000 });
  });

  test('exported attention equals TensorFlow.js on the original model within 1e-4', async ({ page }) => {
    await openApp(page);
    await runText(page, SENTENCE);
    const exported = await exportAttention(page);
    const reference = await (await useLiteReference()).run(SENTENCE);
    expect(exported.model).toBe('use-lite');
    expect([exported.layers, exported.heads, exported.tokens.length]).toEqual([2, 4, reference.ids.length]);
    let max = 0;
    exported.attention.forEach((layer, l) =>
      layer.forEach((head, h) => (max = Math.max(max, maxAbsDifference(head.flat(), reference.attention[l][h])))),
    );
    expect(max).toBeLessThan(1e-4);
  });

  test('PNG export is a valid 2x image with real content; SVG and CSV export too', async ({ page }) => {
    await openApp(page);
    await runText(page, SENTENCE);
    const svg = (await downloadOf(page, 'Export SVG')).bytes.toString('utf8');
    const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1]);
    const height = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(svg)?.[1]);
    expect(width).toBeGreaterThan(100);
    expect(svg).toContain('<text');

    const { download, bytes } = await downloadOf(page, 'Export PNG');
    expect(download.suggestedFilename()).toMatch(/\.png$/);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.readUInt32BE(16)).toBe(Math.round(width * 2));
    expect(bytes.readUInt32BE(20)).toBe(Math.round(height * 2));
    const distinctColours = await page.evaluate(async (base64) => {
      // Decoded in place: the app's Content-Security-Policy refuses fetch() of data: URLs.
      const blob = new Blob([Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))], { type: 'image/png' });
      const bitmap = await createImageBitmap(blob);
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d')!;
      context.drawImage(bitmap, 0, 0);
      const pixels = new Uint32Array(context.getImageData(0, 0, bitmap.width, bitmap.height).data.buffer);
      return new Set(pixels).size;
    }, bytes.toString('base64'));
    expect(distinctColours).toBeGreaterThan(50);

    const csv = (await downloadOf(page, 'Export CSV')).bytes.toString('utf8');
    const lines = csv.trim().split(/\r?\n/);
    const tokenCount = (await exportAttention(page)).tokens.length;
    expect(lines).toHaveLength(tokenCount + 1);
  });

  test('empty input shows a hint and runs nothing; over-long input is truncated with a notice', async ({ page }) => {
    await openApp(page);
    await page.getByLabel('Input text').fill('   ');
    await expect(page.getByRole('note')).toContainText('Type some text');
    await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();

    const long = Array.from({ length: 200 }, (_, k) => `word${k}`).join(' ');
    await runText(page, long);
    await expect(page.getByText(/only\s+the first 128 are shown/)).toBeVisible();
    expect((await exportAttention(page)).tokens).toHaveLength(128);
  });

  test('a model that fails to load shows the error and a retry that works; a reload uses the cache', async ({ page }) => {
    await page.route('**/models/use-lite/model.onnx', (route) => route.fulfill({ status: 503, body: 'unavailable' }));
    await page.goto('/');
    await expect(page.getByRole('alert')).toContainText('HTTP 503');
    await page.unroute('**/models/use-lite/model.onnx');
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByLabel('Active backend')).toBeVisible({ timeout: 120_000 });

    const downloads: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/model.onnx')) downloads.push(request.url());
    });
    await page.reload();
    await expect(page.getByLabel('Active backend')).toContainText('from cache', { timeout: 120_000 });
    expect(downloads).toEqual([]);
  });
});

test('WebGPU and WASM give the same attention within 1e-4 @webgpu-only', async ({ page }) => {
  await openApp(page, '?text=' + encodeURIComponent(SENTENCE));
  await page.getByLabel('Backend', { exact: true }).selectOption('wasm');
  await expect(page.getByLabel('Active backend')).toContainText('WASM', { timeout: 120_000 });
  await runText(page, SENTENCE);
  const wasm = await exportAttention(page);
  expect(wasm.backend).toBe('wasm');

  await page.getByLabel('Backend', { exact: true }).selectOption('webgpu');
  await expect(page.getByLabel('Active backend')).toContainText('WebGPU', { timeout: 120_000 });
  await runText(page, SENTENCE);
  const webgpu = await exportAttention(page);
  expect(webgpu.backend).toBe('webgpu');
  expect(webgpu.tokens).toEqual(wasm.tokens);
  expect(attentionDifference(webgpu, wasm)).toBeLessThan(1e-4);
});
