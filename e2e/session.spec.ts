import { expect, test, type Page } from '@playwright/test';
import { downloadOf } from './support/app';
import { MARKET_SENTENCE, marketJson, tradeWithWashTrader } from './support/market';

async function importFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByLabel('Session file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('a session exported and imported again gives the same market; an invalid file changes nothing and names the field', async ({ page }) => {
  await tradeWithWashTrader(page);
  const before = await marketJson(page);
  const { bytes } = await downloadOf(page, 'Export session');
  const session = JSON.parse(bytes.toString('utf8')) as { schemaVersion: number; text: string; view: { layer: number } };
  expect(session.schemaVersion).toBe(2);
  expect(session.text).toBe(MARKET_SENTENCE);

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
