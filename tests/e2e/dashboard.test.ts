import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, type Alert } from '../../shared/central/dashboardApi.ts';
import { expectNoAxeViolations } from '../helpers/axe.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { E2E_TEST_MS, eventually } from '../helpers/eventually.ts';
import { FAKE_USERS, startFakeDashboardApi, type FakeDashboardApi } from '../helpers/fakeDashboardApi.ts';

/**
 * The managers' dashboard (the built dist/dashboard/dashboard.html) in Chromium against a fake of the
 * collector's dashboard API (tests/helpers/fakeDashboardApi.ts: every answer checked against the
 * contract, the CSRF header checked, a live alert stream this test pushes into), under the
 * collector's CSP. Every wait is for content or an event, bounded (eventually).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

interface Opened {
  readonly api: FakeDashboardApi;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Content-security-policy refusals and uncaught errors the page reported. */
  readonly problems: string[];
  close(): Promise<void>;
}

async function open(viewport = { width: 1280, height: 800 }): Promise<Opened> {
  const api = await startFakeDashboardApi();
  const context = await browser.newContext({ viewport, locale: 'ru-RU', timezoneId: 'Europe/Moscow' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(api.url);
  return {
    api,
    context,
    page,
    problems,
    close: async () => {
      await context.close();
      await api.close();
    },
  };
}

/** The browser's local day (the page's "today"), and a day before it. */
const today = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const now = new Date();
    return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  });
const dayBefore = (day: string, days: number): string => new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

const heading1 = (page: Page) => page.locator('h1').first().textContent();
const screenTitle = (page: Page) => page.locator('#screen-title').textContent();

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Имя пользователя').fill(username);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
}

describe('the managers’ dashboard in Chromium', { timeout: E2E_TEST_MS }, () => {
  it('login → overview → drill down to operators → heat map → live alert acknowledged → English → logout, axe-clean', async () => {
    const { api, page, problems, close } = await open();
    try {
      // ---- login: a wrong password, a locked account, then the right one ----
      await eventually(() => heading1(page)).toBe('Вход в панель руководителя');
      await expectNoAxeViolations(page, 'login');
      await signIn(page, FAKE_USERS.city.username, 'not the password');
      await eventually(() => page.getByTestId('login-problem').textContent()).toBe('Неверное имя пользователя или пароль.');
      await expect(page.getByLabel('Пароль').inputValue()).resolves.toBe('');
      await signIn(page, FAKE_USERS.locked.username, FAKE_USERS.locked.password);
      await eventually(() => page.getByTestId('login-problem').textContent()).toBe('Слишком много неудачных попыток: вход заблокирован. Попробуйте через 10 минут.');
      await expectNoAxeViolations(page, 'login, locked');
      await signIn(page, FAKE_USERS.city.username, FAKE_USERS.city.password);

      // ---- overview: satisfaction with its trend, average, count, the chart, offices ranked ----
      await eventually(() => screenTitle(page)).toBe('Обзор');
      const satisfaction = page.getByTestId('figure-satisfaction');
      await eventually(async () => (await satisfaction.textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toBe(
        'Удовлетворённость87,5 %доля двух лучших оценок шкалы↑выше на 2,5 п. п. к прошлому периоду',
      );
      await eventually(() => page.getByTestId('figure-average').textContent()).toContain('4,62');
      await eventually(() => page.getByTestId('figure-count').textContent()).toContain('420');
      await eventually(() => page.locator('.trend-chart__canvas canvas').count()).toBe(1);
      await eventually(() => page.locator('[data-testid="offices-table"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-office')))).toEqual([
        'mfc-tverskoy',
        'mfc-arbat',
        'mfc-presnya',
      ]);
      await eventually(async () => (await page.locator('[data-office="mfc-arbat"]').textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toContain('81,7 %');
      await eventually(() => page.locator('[data-office="mfc-arbat"] .trend').getAttribute('data-trend')).toBe('down');
      const csv = await page.getByRole('link', { name: 'Скачать таблицу «Офисы по удовлетворённости» в CSV' }).getAttribute('href');
      expect(csv).toMatch(/^\/dashboard\/api\/overview\.csv\?from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d$/);
      // The chart's table alternative.
      await page.getByText('Таблица по дням').click();
      await eventually(() => page.locator('[data-testid="daily-table"] tbody tr').count()).toBe(7);
      await expectNoAxeViolations(page, 'overview');

      // ---- the period and the office: each question asked again with them ----
      await page.getByLabel('30 дней').check();
      await eventually(() => api.requests.filter((request) => /^\/dashboard\/api\/overview\?from=/.test(request.path)).map((request) => request.path)).toContainEqual(
        expect.stringMatching(new RegExp(`from=${dayBefore(await today(page), 29)}&to=${await today(page)}$`)),
      );
      await eventually(() => page.getByTestId('figure-count').textContent()).toContain('420');
      await page.getByTestId('office-picker').selectOption('mfc-presnya');
      await eventually(() => page.locator('[data-testid="offices-table"] tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-office')))).toEqual(['mfc-presnya']);
      expect(api.requests.some((request) => request.path.endsWith('&office=mfc-presnya') && request.path.startsWith('/dashboard/api/overview?'))).toBe(true);
      await page.getByTestId('office-picker').selectOption('');
      await eventually(() => page.locator('[data-testid="offices-table"] tbody tr').count()).toBe(3);
      await page.getByLabel('Свой период').check();
      await page.getByLabel('С', { exact: true }).fill('2026-12-03');
      await page.getByLabel('По', { exact: true }).fill('2026-12-01');
      await page.getByRole('button', { name: 'Показать' }).click();
      await eventually(() => page.locator('.period [role="alert"]').textContent()).toBe('Начало периода позже его конца.');
      await page.getByLabel('7 дней').check();
      await eventually(() => page.locator('.period [role="alert"]').count()).toBe(0);

      // ---- drill down: office → window → service → operator (one withheld), and back up ----
      await page.getByRole('button', { name: 'Детализация по офису mfc-tverskoy' }).click();
      await eventually(() => screenTitle(page)).toBe('Детализация');
      const drill = page.getByTestId('drill-table');
      await eventually(() => drill.getAttribute('data-level')).toBe('window');
      await drill.getByRole('button', { name: '2', exact: true }).click();
      await eventually(() => drill.getAttribute('data-level')).toBe('service');
      await drill.getByRole('button', { name: 'passport' }).click();
      await eventually(() => drill.getAttribute('data-level')).toBe('operator');
      await eventually(() => page.locator('[data-key="op-petrov"]').textContent()).toBe('op-petrovменьше 10 оценок');
      await eventually(async () => (await page.locator('[data-key="op-smirnova"]').textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toContain('94,4 %');
      await eventually(() => page.locator('.breadcrumb__item').allTextContents()).toEqual(['Все офисы', 'Офис mfc-tverskoy', 'Окно 2', 'Услуга passport']);
      await expectNoAxeViolations(page, 'drill down: operators');
      await page.getByRole('button', { name: 'Окно 2' }).click();
      await eventually(() => drill.getAttribute('data-level')).toBe('service');
      await page.getByRole('button', { name: 'Все офисы' }).click();
      await eventually(() => drill.getAttribute('data-level')).toBe('office');

      // ---- heat map: a table with a figure in every cell that has ratings ----
      await page.getByRole('button', { name: 'Тепловая карта' }).click();
      await eventually(() => page.locator('[data-testid="heatmap-table"] tbody tr').count()).toBe(7);
      await eventually(async () => (await page.locator('[data-cell="1-9"]').textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/^\d+(,\d)? %\(\d+\)$/);
      await eventually(() => page.locator('[data-cell="7-12"]').getAttribute('data-level')).toBe('0');
      await expectNoAxeViolations(page, 'heat map');

      // ---- follow-up reasons, queue, devices ----
      await page.getByRole('button', { name: 'Что улучшить' }).click();
      await eventually(() => page.locator('[data-reason="waiting"]').textContent()).toContain('Время ожидания42');
      await expectNoAxeViolations(page, 'follow-up reasons');
      await page.getByRole('button', { name: 'Очередь' }).click();
      await eventually(async () => (await page.getByTestId('queue-over-norm').textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toBe('Ждали дольше 15 минут12 %');
      await eventually(() => page.locator('[data-testid="queue-services"] tbody tr').count()).toBe(3);
      await expectNoAxeViolations(page, 'queue');
      await page.getByRole('button', { name: 'Устройства' }).click();
      await eventually(() => page.locator('[data-device="ar-rating-02"] [data-problem]').evaluateAll((items) => items.map((item) => item.getAttribute('data-problem')))).toEqual([
        'silent',
        'clock',
      ]);
      await eventually(() => page.locator('[data-device="tv-tickets-01"]').textContent()).toContain('нет бумаги');
      await eventually(() => page.locator('[data-device="tv-rating-01"]').getAttribute('class')).toBeNull();
      await expectNoAxeViolations(page, 'devices');

      // ---- alerts: one pushed live appears, is acknowledged with a comment, shows who and when ----
      await page.getByRole('button', { name: /^Оповещения/ }).click();
      await eventually(() => page.locator('[data-testid="alerts-table"] tbody tr').count()).toBe(1);
      await eventually(() => api.streams()).toBeGreaterThan(0);
      await eventually(() => page.getByTestId('feed-state').textContent()).toBe('Список обновляется сам.');
      const pushed: Alert = {
        id: 'alert-silent-7',
        kind: 'device-silent',
        office: 'mfc-arbat',
        window: null,
        deviceId: 'ar-rating-02',
        openedAt: new Date().toISOString(),
        facts: { lastSeenAt: '2026-12-03T06:05:00.000Z' },
        acknowledged: null,
      };
      api.pushAlert(pushed);
      const row = page.locator('[data-alert="alert-silent-7"]');
      await eventually(() => row.textContent()).toContain('Устройство не на связи с 03.12.2026, 09:05');
      await eventually(() => page.getByTestId('alert-announcement').textContent()).toContain('Новое оповещение: Устройство не на связи');
      await eventually(() => page.getByTestId('open-alerts').textContent()).toBe('2открытых: 2');
      await expectNoAxeViolations(page, 'alerts with a live one');

      await row.getByRole('button', { name: /^Принять/ }).click();
      const dialog = page.getByTestId('ack-dialog');
      await eventually(() => dialog.isVisible()).toBe(true);
      await expectNoAxeViolations(page, 'acknowledge dialog');
      await dialog.getByRole('button', { name: 'Принять' }).click();
      await eventually(() => dialog.getByRole('alert').textContent()).toBe('Напишите комментарий.');
      await dialog.getByLabel('Комментарий: что сделано').fill('Перезапустили устройство');
      await dialog.getByRole('button', { name: 'Принять' }).click();
      await eventually(() => dialog.count()).toBe(0);
      await eventually(() => row.getByTestId('alert-state').textContent()).toMatch(/^принято: ivanova, \d\d\.\d\d\.\d{4}, \d\d:\d\dКомментарий: Перезапустили устройство$/);
      await eventually(() => page.getByTestId('open-alerts').textContent()).toBe('1открытых: 1');
      const acks = api.requests.filter((request) => request.method === 'POST' && request.path === '/dashboard/api/alerts/alert-silent-7/ack');
      expect(acks).toHaveLength(1);
      expect(acks[0]).toMatchObject({ status: 200, body: '{"comment":"Перезапустили устройство"}' });
      expect(acks[0]!.csrf, `the ${CSRF_HEADER} header`).toMatch(/^[0-9a-f]{48}$/);
      await expectNoAxeViolations(page, 'alerts, one acknowledged');

      // ---- English: the words change, the figures stay ----
      await page.getByRole('button', { name: 'English' }).click();
      await eventually(() => screenTitle(page)).toBe('Alerts');
      await eventually(() => page.getByRole('button', { name: /^Alerts/ }).getAttribute('aria-current')).toBe('page');
      await eventually(() => row.getByTestId('alert-state').textContent()).toMatch(/^acknowledged by ivanova, \d\d?\/\d\d?\/\d\d, \d\d?:\d\d\s[AP]MComment: Перезапустили устройство$/);
      await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
      await page.getByRole('button', { name: 'Overview' }).click();
      await eventually(() => page.getByTestId('figure-satisfaction').textContent()).toBe('Satisfaction87.5%share of the scale’s top two scores↑up 2.5 pp on the previous period'.replace('’', "'"));
      await expectNoAxeViolations(page, 'overview in English');

      // ---- logout ----
      await page.getByRole('button', { name: 'Log out' }).click();
      await eventually(() => heading1(page)).toBe("Sign in to the manager's dashboard");
      await eventually(() => page.getByTestId('login-notice').textContent()).toBe('You have logged out.');
      expect(api.requests.find((request) => request.path === '/dashboard/api/logout')).toMatchObject({ method: 'POST', status: 204 });
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('a session that ends mid-way (401) returns to the login, which says so', async () => {
    const { api, page, problems, close } = await open();
    try {
      await eventually(() => heading1(page)).toBe('Вход в панель руководителя');
      await signIn(page, FAKE_USERS.city.username, FAKE_USERS.city.password);
      await eventually(() => page.getByTestId('figure-count').textContent()).toContain('420');
      api.endSessions();
      await page.getByRole('button', { name: 'Тепловая карта' }).click();
      await eventually(() => heading1(page)).toBe('Вход в панель руководителя');
      await eventually(() => page.getByTestId('login-notice').textContent()).toBe('Сеанс завершён. Войдите снова.');
      await expectNoAxeViolations(page, 'login after the session ended');
      // Signing in again brings the dashboard back.
      await signIn(page, FAKE_USERS.city.username, FAKE_USERS.city.password);
      await eventually(() => screenTitle(page)).toBe('Обзор');
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });

  it('on a narrow screen: usable, axe-clean, the page itself does not scroll sideways', async () => {
    const { page, problems, close } = await open({ width: 390, height: 844 });
    try {
      await eventually(() => heading1(page)).toBe('Вход в панель руководителя');
      await signIn(page, FAKE_USERS.city.username, FAKE_USERS.city.password);
      await eventually(() => page.getByTestId('figure-count').textContent()).toContain('420');
      await eventually(() => page.locator('[data-testid="offices-table"] tbody tr').count()).toBe(3);
      await expectNoAxeViolations(page, 'overview, narrow');
      await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
      await page.getByRole('button', { name: 'Устройства' }).click();
      await eventually(() => page.locator('[data-testid="devices-table"] tbody tr').count()).toBe(3);
      await expectNoAxeViolations(page, 'devices, narrow');
      await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
      expect(problems).toEqual([]);
    } finally {
      await close();
    }
  });
});
