import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { ROOT } from '../helpers/okno.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { useTempDirs } from '../helpers/tempDir.ts';
import { COLLECTOR_READY, spawnOkno, type ChildWithLine } from '../integration/sync/syncFixtures.ts';

/**
 * The central side with every component real: PostgreSQL of the test's own, `okno collector --store`
 * (the built CLI) with its projections and alert rules, accounts made with `okno collector user add`,
 * devices' batches over HTTP as okno-sync/1 sends them, and the dashboard in Chromium. What the page
 * shows is what the devices sent, through the rollups; a low-score streak sent while a manager watches
 * appears live and is acknowledged into the database.
 */
const tempDir = useTempDirs();
let server: TestPostgres;
let browser: Browser;
const children: ChildWithLine[] = [];
beforeAll(async () => {
  server = await startPostgres();
  browser = await launchChromium();
});
afterAll(async () => {
  await Promise.all(children.map((child) => child.stop()));
  await browser?.close();
  await server?.stop();
});

const PASSWORD = 'a long enough passphrase';
const DEVICES = {
  'arbat-w01': { token: 'arbat-window-01-token', office: 'mfc-arbat' },
  'arbat-w02': { token: 'arbat-window-02-token', office: 'mfc-arbat' },
  'tver-w01': { token: 'tverskoy-window-01-token', office: 'mfc-tverskoy' },
} as const;
type DeviceId = keyof typeof DEVICES;

function okno(args: string[], input = ''): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'okno.js'), ...args], { encoding: 'utf8', timeout: 60_000, input });
  expect(result.status, `okno ${args.join(' ')}: ${result.stderr}`).toBe(0);
}

/** Moscow's wall clock with its offset, as a terminal in Moscow writes occurredAt (minutes ago). */
const moscow = (minutesAgo: number): string => new Date(Date.now() - minutesAgo * 60_000 + 3 * 3_600_000).toISOString().replace('Z', '+03:00');

const seqs = new Map<string, number>();
/** One batch of ratings from a terminal, as its uploader sends it. */
async function sendRatings(collector: string, device: DeviceId, window: string, scores: readonly number[]): Promise<void> {
  const events = scores.map((score, i) => {
    const seq = (seqs.get(device) ?? 0) + 1;
    seqs.set(device, seq);
    return { id: randomUUID(), seq, type: 'rating.submitted', occurredAt: moscow(scores.length - i), payload: { score, scale: 5, source: 'touch', window } };
  });
  const answer = await fetch(new URL('/v1/batches', collector), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${DEVICES[device].token}` },
    body: JSON.stringify({ deviceId: device, batchId: randomUUID(), sentAt: moscow(0), events }),
  });
  expect(answer.status, await answer.clone().text()).toBe(200);
  expect(await answer.json()).toMatchObject({ accepted: scores.length, duplicates: 0 });
}

const plain = (text: string | null): string => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

async function signIn(page: Page, collector: string, username: string): Promise<void> {
  await page.goto(new URL('/dashboard', collector).toString());
  await page.getByLabel('Имя пользователя').fill(username);
  await page.getByLabel('Пароль').fill(PASSWORD);
  await page.getByRole('button', { name: 'Войти' }).click();
  await eventually(() => page.locator('#screen-title').textContent()).toBe('Обзор');
}

describe('the central side, every component real', { timeout: E2E_TEST_MS }, () => {
  it('devices’ ratings reach the dashboard through the rollups; a live low-score alert is acknowledged into the database; an office account sees its office only', async () => {
    const dir = tempDir();
    const store = await server.createDatabase();
    const devicesFile = join(dir, 'devices.json');
    writeFileSync(devicesFile, JSON.stringify({ devices: DEVICES }));
    const alertsFile = join(dir, 'alerts.json');
    writeFileSync(alertsFile, JSON.stringify({ lowScores: { count: 3, withinMinutes: 30 } }));
    okno(['collector', 'user', 'add', 'city.head', '--role', 'city', '--store', store], `${PASSWORD}\n`);
    okno(['collector', 'user', 'add', 'tver.head', '--role', 'office', '--office', 'mfc-tverskoy', '--store', store], `${PASSWORD}\n`);
    const child = await spawnOkno(['collector', '--store', store, '--devices', devicesFile, '--alerts', alertsFile, '--port', '0', '--quiet'], COLLECTOR_READY);
    children.push(child);
    const collector = child.url;

    // 10 ratings: arbat 6 (5 of them 4 or 5), tverskoy 4 (2 of them 4 or 5) → 7 of 10, 70 %.
    await sendRatings(collector, 'arbat-w01', '1', [5, 5, 4, 3]);
    await sendRatings(collector, 'arbat-w02', '2', [5, 4]);
    await sendRatings(collector, 'tver-w01', '1', [5, 4, 3, 3]);

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    try {
      const page = await context.newPage();
      await signIn(page, collector, 'city.head');
      await eventually(async () => plain(await page.getByTestId('figure-count').textContent())).toContain('10');
      await eventually(async () => plain(await page.getByTestId('figure-satisfaction').textContent())).toContain('70 %');
      // Ranked: arbat 5 of 6 (83,3 %) above tverskoy 2 of 4 (50 %).
      await eventually(() => page.locator('[data-testid="offices-table"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-office')))).toEqual([
        'mfc-arbat',
        'mfc-tverskoy',
      ]);
      await eventually(async () => plain(await page.locator('[data-office="mfc-arbat"]').textContent())).toContain('83,3 %');
      await expectNoAxeViolations(page, 'overview from the real collector');

      // The CSV of the same table, with the session's cookie.
      const csvLink = await page.getByRole('link', { name: /«Офисы по удовлетворённости» в CSV/ }).getAttribute('href');
      const csv = await page.request.get(new URL(csvLink ?? '', collector).toString());
      expect(csv.status()).toBe(200);
      expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
      expect(await csv.text()).toMatch(/mfc-arbat[^\n]*\r\n[^\n]*mfc-tverskoy/);

      // A manager watches the alerts while window 2 of arbat gets three low scores in a row.
      await page.getByRole('button', { name: /^Оповещения/ }).click();
      await eventually(() => page.getByTestId('feed-state').textContent()).toBe('Список обновляется сам.');
      await sendRatings(collector, 'arbat-w02', '2', [1, 2, 1]);
      const row = page.locator('[data-testid="alerts-table"] tbody tr').filter({ hasText: 'Низкие оценки: 3 за 30 мин' });
      await eventually(() => row.count()).toBe(1);
      await eventually(() => page.getByTestId('alert-announcement').textContent()).toContain('Новое оповещение: Низкие оценки');
      await row.getByRole('button', { name: /^Принять/ }).click();
      const dialog = page.getByTestId('ack-dialog');
      await dialog.getByLabel('Комментарий: что сделано').fill('Поговорили с оператором окна 2');
      await dialog.getByRole('button', { name: 'Принять' }).click();
      await eventually(async () => plain(await row.getByTestId('alert-state').textContent())).toMatch(/^принято: city\.head, .*Комментарий: Поговорили с оператором окна 2$/);
      await expectNoAxeViolations(page, 'alerts from the real collector');

      const db = new pg.Client({ connectionString: store });
      await db.connect();
      try {
        const alerts = await db.query<{ kind: string; office: string; window: string; acknowledged_by: string; ack_comment: string }>(
          'SELECT kind, office, "window", acknowledged_by, ack_comment FROM alerts',
        );
        expect(alerts.rows).toEqual([{ kind: 'low-scores', office: 'mfc-arbat', window: '2', acknowledged_by: 'city.head', ack_comment: 'Поговорили с оператором окна 2' }]);
      } finally {
        await db.end();
      }
      // 13 ratings now, 7 of them 4 or 5.
      await page.getByRole('button', { name: 'Обзор' }).click();
      await eventually(async () => plain(await page.getByTestId('figure-count').textContent())).toContain('13');
    } finally {
      await context.close();
    }

    // An office account: its own office, whatever it asks.
    const officeContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
    try {
      const page = await officeContext.newPage();
      await signIn(page, collector, 'tver.head');
      await eventually(async () => plain(await page.getByTestId('figure-count').textContent())).toContain('4');
      await eventually(() => page.locator('[data-testid="offices-table"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-office')))).toEqual(['mfc-tverskoy']);
      // Asking for another office's windows gives its own (arbat has windows 1 and 2, tverskoy only 1).
      const today = moscow(0).slice(0, 10);
      const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const other = await page.request.get(new URL(`/dashboard/api/drill?level=window&office=mfc-arbat&from=${yesterday}&to=${today}`, collector).toString());
      expect(other.status()).toBe(200);
      expect(((await other.json()) as { rows: { key: string; figures: { count: number } }[] }).rows.map((r) => [r.key, r.figures.count])).toEqual([['1', 4]]);
    } finally {
      await officeContext.close();
    }
  });
});
