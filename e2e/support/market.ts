import { expect, type Page } from '@playwright/test';
import type { MarketExport } from '../../src/market/live/marketExport';
import { downloadOf, openApp, runText } from './app';

export const MARKET_SENTENCE = 'Markets price attention: every token bids for the weight of the others.';

export async function marketJson(page: Page): Promise<MarketExport> {
  const { bytes } = await downloadOf(page, 'Export market JSON');
  return JSON.parse(bytes.toString('utf8')) as MarketExport;
}

/** Opens the app on the sentence, plants a wash trader in the selected asset, lets the agents trade a while and pauses. */
export async function tradeWithWashTrader(page: Page): Promise<void> {
  await openApp(page);
  await runText(page, MARKET_SENTENCE);
  await page.getByRole('region', { name: 'Market surveillance' }).getByRole('checkbox', { name: 'Wash trader' }).check();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(async () => (await marketJson(page)).trades.length).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Pause' }).click();
}
