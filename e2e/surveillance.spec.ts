import { expect, test } from '@playwright/test';
import { openApp, runText } from './support/app';
import { MARKET_SENTENCE, marketJson } from './support/market';

test.describe('market surveillance', () => {
  test('a wash trader switched on in the selected asset is flagged, with its trades as evidence, and exported', async ({ page }) => {
    await openApp(page);
    await runText(page, MARKET_SENTENCE);
    const panel = page.getByRole('region', { name: 'Market surveillance' });
    await expect(panel.getByLabel('Alert count')).toHaveText('No alerts.');
    await panel.getByRole('checkbox', { name: 'Wash trader' }).check();
    await expect(panel.getByRole('checkbox', { name: 'Wash trader' })).toBeChecked();
    await page.getByRole('button', { name: 'Start' }).click();
    const alert = panel.getByRole('listitem', { name: /^Wash trade alert washTrade-\d+$/ }).first();
    await expect(alert).toBeVisible();
    await expect(alert).toContainText('wash-a');
    await expect(alert).toContainText('wash-b');
    await page.getByRole('button', { name: 'Pause' }).click();
    const exported = await marketJson(page);
    const wash = exported.alerts.filter((a) => a.kind === 'washTrade');
    expect(wash.length).toBeGreaterThan(0);
    expect(wash[0].kind === 'washTrade' && wash[0].trades.length).toBeGreaterThan(0);
    expect(wash.every((a) => a.asset === exported.selectedAsset)).toBe(true);
  });

  test('an invalid threshold is refused with its name, and a valid one applies', async ({ page }) => {
    await openApp(page);
    await runText(page, MARKET_SENTENCE);
    const panel = page.getByRole('region', { name: 'Market surveillance' });
    const tau = panel.getByRole('spinbutton', { name: 'Spoof cancel window (ms)' });
    await tau.fill('-5');
    await expect(panel.getByRole('alert')).toContainText('spoofing.tauMs');
    await tau.fill('2000');
    await expect(panel.getByRole('alert')).toHaveCount(0);
    await expect(tau).toHaveValue('2000');
  });
});
