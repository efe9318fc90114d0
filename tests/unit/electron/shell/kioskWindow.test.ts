import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createFakeElectron, type FakeBrowserWindow, type FakeElectron } from './fakeElectron.ts';

let fake: FakeElectron;

beforeEach(() => {
  vi.resetModules();
  fake = createFakeElectron();
  vi.doMock('electron', () => fake.module);
});

const load = () => import('../../../../electron/shell/kioskWindow.ts');
const PRELOAD = '/opt/okno/dist/electron/shell/preload.cjs';

describe('kiosk window', () => {
  it('is a full-screen kiosk with no frame or menu', async () => {
    const { createKioskWindow } = await load();
    createKioskWindow({ preloadPath: PRELOAD, devTools: false }, () => false);
    const window = fake.windows[0] as FakeBrowserWindow;
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true, frame: false, autoHideMenuBar: true });
    expect(window.options['backgroundColor']).toMatch(/^#[0-9a-f]{6}$/i);
    expect(window.menuRemoved).toBe(true);
    expect(fake.applicationMenus).toEqual([null]);
  });

  it('isolates the page: context isolation, sandbox, no Node, no webview, the bundled preload', async () => {
    const { createKioskWindow } = await load();
    createKioskWindow({ preloadPath: PRELOAD, devTools: false }, () => false);
    const prefs = (fake.windows[0] as FakeBrowserWindow).options['webPreferences'] as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      spellcheck: false,
      devTools: false,
      preload: PRELOAD,
      autoplayPolicy: 'no-user-gesture-required',
    });
  });

  it('has DevTools only when asked for', async () => {
    const { kioskWindowOptions } = await load();
    expect(kioskWindowOptions({ preloadPath: PRELOAD, devTools: true }).webPreferences?.devTools).toBe(true);
    expect(kioskWindowOptions({ preloadPath: PRELOAD, devTools: false }).webPreferences?.devTools).toBe(false);
  });

  it('is shown only once its page is ready, so a citizen never sees an empty frame', async () => {
    const { createKioskWindow } = await load();
    createKioskWindow({ preloadPath: PRELOAD, devTools: false }, () => false);
    const window = fake.windows[0] as FakeBrowserWindow;
    expect(window.options['show']).toBe(false);
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('refuses to close until the app is quitting', async () => {
    const { createKioskWindow } = await load();
    let quitting = false;
    createKioskWindow({ preloadPath: PRELOAD, devTools: false }, () => quitting);
    const window = fake.windows[0] as FakeBrowserWindow;
    expect(window.requestClose()).toBe(false);
    quitting = true;
    expect(window.requestClose()).toBe(true);
  });

  it('does not let a pinch zoom the screen', async () => {
    const { createKioskWindow } = await load();
    createKioskWindow({ preloadPath: PRELOAD, devTools: false }, () => false);
    expect((fake.windows[0] as FakeBrowserWindow).webContents.zoomLimits).toEqual([1, 1]);
  });
});

describe('the kiosk window before the page paints', () => {
  it("has the renderer's own background, so a reload does not flash another colour", async () => {
    const tokens = readFileSync(join(import.meta.dirname, '..', '..', '..', '..', 'renderer', 'common', 'tokens.css'), 'utf8');
    const background = /--bg:\s*(#[0-9a-fA-F]{6})\s*;/.exec(tokens)?.[1];
    expect(background).toBeDefined();
    const { KIOSK_BACKGROUND } = await load();
    expect(KIOSK_BACKGROUND.toLowerCase()).toBe(background?.toLowerCase());
  });
});
