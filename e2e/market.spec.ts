import { expect, test, type Page } from '@playwright/test';
import { excessDemand } from '../src/market/curves';
import type { MarketExport } from '../src/market/live/marketExport';
import { downloadOf, openApp, runText } from './support/app';

const SENTENCE = 'Markets price attention: every token bids for the weight of the others.';
const OTHER_SENTENCE = 'Rain fell on the quiet harbour while seven old fishermen mended their nets.';

async function marketJson(page: Page): Promise<MarketExport> {
  const { bytes } = await downloadOf(page, 'Export market JSON');
  return JSON.parse(bytes.toString('utf8')) as MarketExport;
}

async function shownPStar(page: Page): Promise<number> {
  return Number(await page.getByLabel('Equilibrium price', { exact: true }).textContent());
}

/** Presses the mouse on the slider's track and drags the thumb to `fraction` of its width. */
async function dragSlider(page: Page, name: string, fraction: number): Promise<void> {
  const slider = page.getByRole('slider', { name, exact: true });
  await slider.scrollIntoViewIfNeeded();
  const box = (await slider.boundingBox())!;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width / 2, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * fraction, y, { steps: 8 });
  await page.mouse.up();
}

/**
 * d(p*) = s(p*) within one tick: the exported samples at the whole ticks around p* bracket the
 * crossing, the shown p* is the exported one rounded, and the exported curves cross at p*.
 */
function expectCurvesCrossAtPStar(exported: MarketExport, shown: number): void {
  const pStar = exported.pStar!;
  expect(Math.round(pStar)).toBe(shown);
  const at = (price: number) => exported.curveSamples.find((sample) => sample.price === price)!;
  const below = at(Math.floor(pStar));
  const above = at(Math.floor(pStar) + 1);
  expect(below.demand).toBeGreaterThanOrEqual(below.supply);
  expect(above.demand).toBeLessThanOrEqual(above.supply);
  expect(Math.abs(excessDemand(exported.params!, pStar))).toBeLessThan(1e-6 * Math.max(1, exported.qStar!));
}

async function assetRows(page: Page): Promise<{ position: string; share: number }[]> {
  const rows = page.getByRole('table', { name: 'Assets' }).locator('tbody tr');
  return rows.evaluateAll((trs) =>
    trs.map((tr) => ({
      position: /#(\d+)/.exec(tr.querySelector('button')?.textContent ?? '')?.[1] ?? '',
      share: Number(tr.querySelector('[data-share]')?.getAttribute('data-share')),
    })),
  );
}

test.describe('attention market', () => {
  test('the text’s most-attended tokens become the assets, in share order', async ({ page }) => {
    await openApp(page);
    await runText(page, SENTENCE);
    await expect(page.getByRole('table', { name: 'Assets' }).locator('tbody tr')).toHaveCount(8);
    const assets = await assetRows(page);
    const shares = assets.map((asset) => asset.share);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
    expect(shares.every((share) => share > 0)).toBe(true);
    // The same tokens, in the same order, as the top of the attention ranking.
    const ranked = await page.getByRole('list', { name: 'Top tokens by attention share' }).getByRole('button').allTextContents();
    expect(assets.map((asset) => asset.position)).toEqual(ranked.slice(0, 8).map((text) => /#(\d+)/.exec(text)![1]));
    const exported = await marketJson(page);
    expect(exported.assets.map((asset) => asset.supply)).toEqual(exported.assets.map((asset) => Math.round(asset.share * 10_000)));
  });

  test('every slider re-prices: p* moves and the exported curves cross at the shown p*', async ({ page }) => {
    await openApp(page);
    await runText(page, SENTENCE);
    // Elasticity shapes isoelastic demand only.
    await expect(page.getByRole('slider', { name: 'Demand elasticity' })).toBeDisabled();
    await page.getByLabel('Demand curve').selectOption('isoelastic');
    const isoelastic = await shownPStar(page);
    await dragSlider(page, 'Demand elasticity', 0.15);
    await expect.poll(() => shownPStar(page)).not.toBe(isoelastic);
    expectCurvesCrossAtPStar(await marketJson(page), await shownPStar(page));
    await page.getByLabel('Demand curve').selectOption('linear');

    for (const [name, fraction] of [
      ['Reservation price', 0.85],
      ['Demand scale', 0.6],
      ['Price ceiling', 0.6],
    ] as const) {
      const before = await shownPStar(page);
      await dragSlider(page, name, fraction);
      await expect.poll(() => shownPStar(page), { message: name }).not.toBe(before);
      expectCurvesCrossAtPStar(await marketJson(page), await shownPStar(page));
    }

    // The user's price moves the shortage or surplus, not p*.
    const gap = page.getByLabel('At your price');
    const gapBefore = await gap.textContent();
    const pStar = await shownPStar(page);
    await dragSlider(page, 'Your price', 0.1);
    await expect(gap).not.toHaveText(gapBefore!);
    expect(await shownPStar(page)).toBe(pStar);

    // A floor above the crossing binds: p* is the floor and the market is in surplus there.
    const free = await shownPStar(page);
    await dragSlider(page, 'Price floor', 0.98);
    await expect.poll(() => shownPStar(page)).toBeGreaterThan(free);
    const floored = await marketJson(page);
    expect(floored.pStar).toBe(floored.settings.curves.priceFloor);
    expect(excessDemand(floored.params!, floored.pStar!)).toBeLessThanOrEqual(0);

    // The simulation's sliders.
    const agents = page.getByLabel('Agents', { exact: true });
    const agentsBefore = await agents.textContent();
    await dragSlider(page, 'Number of agents', 0.95);
    await expect(agents).not.toHaveText(agentsBefore!);
    await dragSlider(page, 'Simulation speed', 1);
    await expect(page.getByText('50,000 actions/s')).toBeVisible();
    await dragSlider(page, 'Assets (top K)', 0);
    await expect(page.getByRole('table', { name: 'Assets' }).locator('tbody tr')).toHaveCount(1);
  });

  test('an invalid order gets a message beside its field and is never submitted', async ({ page }) => {
    await openApp(page);
    await runText(page, SENTENCE);
    const ticket = page.getByRole('form', { name: 'Order entry' });
    await ticket.getByLabel('Price', { exact: true }).fill('12.5');
    await ticket.getByLabel('Quantity', { exact: true }).fill('0');
    await ticket.getByRole('button', { name: 'Place order' }).click();
    await expect(ticket.getByText('Price must be a whole number of ticks, got 12.5')).toBeVisible();
    await expect(ticket.getByText('Quantity must be at least 1, got 0')).toBeVisible();
    await expect(ticket.getByLabel('Price', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await ticket.getByLabel('Order type').selectOption('market');
    await ticket.getByLabel('Quantity', { exact: true }).fill('');
    await ticket.getByRole('button', { name: 'Place order' }).click();
    await expect(ticket.getByText('Enter a quantity in lots')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Your orders' })).toContainText('No resting orders.');
    const exported = await marketJson(page);
    expect(exported.book).toEqual({ bids: [], asks: [] });
    expect(exported.trades).toEqual([]);
  });

  test('a crossing order trades at once and shows on the tape as yours', async ({ page }) => {
    await openApp(page);
    await runText(page, SENTENCE);
    // Agents quote, one action per asset per step, until the selected book has an offer.
    let exported = await marketJson(page);
    for (let i = 0; i < 40 && exported.book.asks.length === 0; i += 1) {
      for (let k = 0; k < 5; k += 1) await page.getByRole('button', { name: 'Step' }).click();
      exported = await marketJson(page);
    }
    const bestAsk = exported.book.asks[0].price;
    const ticket = page.getByRole('form', { name: 'Order entry' });
    await ticket.getByLabel('Price', { exact: true }).fill(String(bestAsk));
    await ticket.getByLabel('Quantity', { exact: true }).fill('1');
    await ticket.getByRole('button', { name: 'Place order' }).click();
    await expect(ticket.getByRole('status')).toContainText('traded 1');
    const mine = page.getByRole('region', { name: 'Trade tape' }).locator('tbody tr').first();
    await expect(mine).toContainText('buy · you');
    await expect(mine).toContainText(String(bestAsk));
    const after = await marketJson(page);
    expect(after.trades.at(-1)).toMatchObject({ price: bestAsk, qty: 1, buyer: 'you', asset: after.selectedAsset });

    // A resting order of the user is highlighted in the ladder and can be cancelled.
    await ticket.getByLabel('Price', { exact: true }).fill('2');
    await ticket.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByRole('table', { name: 'Order book' }).locator('tr.own')).toHaveCount(1);
    await page.getByRole('button', { name: /^Cancel you-/ }).click();
    await expect(page.getByRole('region', { name: 'Your orders' })).toContainText('No resting orders.');
  });

  test('agents trade continuously and their prices settle near p*', async ({ page }) => {
    await openApp(page);
    await runText(page, SENTENCE);
    await dragSlider(page, 'Simulation speed', 1);
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('region', { name: 'Trade tape' }).locator('tbody tr').first()).toBeVisible();
    await expect
      .poll(
        async () => {
          const exported = await marketJson(page);
          const prices = exported.trades.filter((trade) => trade.asset === exported.selectedAsset).map((trade) => trade.price);
          if (prices.length < 200) return Number.POSITIVE_INFINITY;
          const recent = prices.slice(-40);
          return recent.reduce((sum, price) => sum + Math.abs(price - exported.pStar!), 0) / recent.length / exported.pStar!;
        },
        { timeout: 120_000, intervals: [2_000], message: 'mean distance of the last 40 prices from p*, relative to p*' },
      )
      .toBeLessThan(0.06);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByLabel('Agent actions per second')).toHaveText('paused');
  });

  test('a new text re-lists the assets, re-prices, and says which orders went and why', async ({ page }) => {
    await openApp(page);
    await runText(page, SENTENCE);
    const assetsBefore = await assetRows(page);
    const pStarBefore = await shownPStar(page);
    const ticket = page.getByRole('form', { name: 'Order entry' });
    await ticket.getByLabel('Price', { exact: true }).fill('3');
    await ticket.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByRole('region', { name: 'Your orders' })).toContainText('buy 1');

    await runText(page, OTHER_SENTENCE);
    await expect.poll(async () => (await assetRows(page)).map((asset) => asset.position)).not.toEqual(assetsBefore.map((asset) => asset.position));
    const exported = await marketJson(page);
    expect(exported.assets.map((asset) => asset.token)).not.toContain('▁Markets');
    await expect.poll(() => shownPStar(page)).not.toBe(pStarBefore);
    expect(Math.round(exported.pStar!)).toBe(await shownPStar(page));
    await expect(page.getByRole('region', { name: 'Your orders' })).toContainText('No resting orders.');
    await expect(page.getByRole('region', { name: 'Market notices' })).toContainText(/Your order you-1 \(buy 1 at 3 on .*\) was cancelled: it left the top 8/);
  });

  test('exports the trades as CSV and each chart as a 2x PNG', async ({ page }) => {
    await openApp(page);
    await runText(page, SENTENCE);
    await page.getByRole('button', { name: 'Start' }).click();
    await expect(page.getByRole('region', { name: 'Trade tape' }).locator('tbody tr').first()).toBeVisible();
    await page.getByRole('button', { name: 'Pause' }).click();
    const csv = (await downloadOf(page, 'Export trades CSV')).bytes.toString('utf8').trimEnd().split('\r\n');
    expect(csv[0]).toBe('seq,time,asset,token,price,qty,buyer,seller,takerSide');
    const trades = (await marketJson(page)).trades;
    expect(csv).toHaveLength(trades.length + 1);
    expect(csv.at(-1)!.split(',').slice(4, 6)).toEqual([String(trades.at(-1)!.price), String(trades.at(-1)!.qty)]);
    for (const [button, testId] of [
      ['Export supply and demand PNG', 'supply-demand-chart'],
      ['Export depth PNG', 'depth-chart'],
      ['Export price history PNG', 'price-history-chart'],
    ]) {
      const { download, bytes } = await downloadOf(page, button);
      expect(download.suggestedFilename()).toMatch(/^market_.+\.png$/);
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const shown = (await page.getByTestId(testId).locator('canvas').boundingBox())!;
      expect(bytes.readUInt32BE(16)).toBe(Math.round(Math.max(shown.width, 480) * 2));
      expect(bytes.readUInt32BE(20)).toBe(Math.round(shown.height * 2));
    }
  });
});
