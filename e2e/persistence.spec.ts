import { expect, test } from '@playwright/test';
import { downloadOf, openApp } from './support/app';
import { MARKET_SENTENCE, marketJson, tradeWithWashTrader } from './support/market';

test('a reload brings back the same book, tape, metrics, alerts and text, paused', async ({ page }) => {
  await tradeWithWashTrader(page);
  const before = await marketJson(page);
  expect(before.alerts.length).toBeGreaterThan(0);
  // Saving is batched per frame: let the last one land.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 200))));

  await page.reload();
  await expect(page.getByRole('group', { name: 'Session' }).getByRole('status')).toContainText('restored', { timeout: 60_000 });
  await expect(page.getByLabel('Input text')).toHaveValue(MARKET_SENTENCE);
  await expect(page.getByLabel('Agent actions per second')).toHaveText('paused');
  expect(await marketJson(page)).toEqual(before);
  // Still the same once the model has run the restored text again.
  await expect(page.getByLabel('Active backend')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText('Running…')).toHaveCount(0, { timeout: 120_000 });
  expect(await marketJson(page)).toEqual(before);
});

test('damaged storage is reported, kept for export, and deleted only on Start fresh', async ({ page }) => {
  await openApp(page);
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('attention-exchange-session', 1);
        request.onsuccess = () => {
          const tx = request.result.transaction(['settings', 'commands'], 'readwrite');
          tx.objectStore('settings').put({ text: 7 }, 'session');
          // What the first load saved goes: the store holds only this damaged session.
          tx.objectStore('commands').clear();
          tx.objectStore('commands').put({ op: 'agents', time: 1, actions: 3 }, 0);
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
        request.onerror = () => reject(request.error);
      }),
  );
  await page.reload();
  const alert = page.getByRole('group', { name: 'Session' }).getByRole('alert');
  await expect(alert).toContainText('The stored session is damaged: text');
  const { bytes } = await downloadOf(page, 'Export stored data');
  expect(JSON.parse(bytes.toString('utf8'))).toEqual({ settings: { text: 7 }, commands: [{ op: 'agents', time: 1, actions: 3 }] });
  // The app itself still works.
  await expect(page.getByLabel('Active backend')).toBeVisible({ timeout: 120_000 });
  await page.reload();
  await expect(alert).toContainText('damaged');
  await page.getByRole('button', { name: 'Start fresh' }).click();
  await expect(alert).toHaveCount(0);
});
