import { expect, test, type Page } from '@playwright/test';
import type { MarketExport } from '../src/market/live/marketExport';
import { downloadOf, openApp, runText } from './support/app';

const SENTENCE = 'Markets price attention: every token bids for the weight of the others.';

async function marketJson(page: Page): Promise<MarketExport> {
  const { bytes } = await downloadOf(page, 'Export market JSON');
  return JSON.parse(bytes.toString('utf8')) as MarketExport;
}

async function importFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('Session file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a session exported and imported again gives the same market; an invalid file changes nothing and names the field', async ({ page }) => {
  await openApp(page);
  await runText(page, SENTENCE);
  await page.getByRole('region', { name: 'Market surveillance' }).getByRole('checkbox', { name: 'Wash trader' }).check();
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(async () => (await marketJson(page)).trades.length).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Pause' }).click();
  const before = await marketJson(page);
  const { bytes } = await downloadOf(page, 'Export session');
  const session = JSON.parse(bytes.toString('utf8')) as { schemaVersion: number; text: string; view: { layer: number } };
  expect(session.schemaVersion).toBe(2);
  expect(session.text).toBe(SENTENCE);

  await importFile(page, 'broken.json', JSON.stringify({ ...session, view: { ...session.view, layer: 'top' } }));
  await expect(page.getByRole('group', { name: 'Session' }).getByRole('alert')).toContainText('view.layer');
  expect(await marketJson(page)).toEqual(before);

  // Trade on, then go back to the exported session.
  await page.getByRole('button', { name: 'Step' }).click();
  await importFile(page, 'session.json', bytes.toString('utf8'));
  await expect(page.getByRole('group', { name: 'Session' }).getByRole('status')).toContainText('imported');
  await expect(page.getByLabel('Agent actions per second')).toHaveText('paused');
  expect(await marketJson(page)).toEqual(before);
});
