import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { lockDownSession, lockDownWebContents } from '../../../../electron/shell/security.ts';
import { FakeEvent, FakeSession, FakeWebContents } from './fakeElectron.ts';

function lockedDown(): { contents: FakeWebContents; refusals: string[] } {
  const contents = new FakeWebContents();
  const refusals: string[] = [];
  lockDownWebContents(contents as unknown as WebContents, (what, detail) => refusals.push(`${what}: ${detail}`));
  return { contents, refusals };
}

describe('web contents lock-down', () => {
  it('lets the page navigate inside our origin', () => {
    const { contents } = lockedDown();
    expect(contents.attempt('will-navigate', 'app://okno/index.html')).toBe(true);
    expect(contents.attempt('will-frame-navigate', 'app://okno/index.html#thanks')).toBe(true);
  });

  it.each(['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://okno.evil/', 'app://evil/', 'javascript:alert(1)', 'about:blank', 'data:text/html,<b>x</b>'])(
    'refuses navigation to %s, in the main frame and in subframes',
    (url) => {
      const { contents, refusals } = lockedDown();
      expect(contents.attempt('will-navigate', url)).toBe(false);
      expect(contents.attempt('will-frame-navigate', url, false)).toBe(false);
      expect(refusals.some((line) => line.includes(url))).toBe(true);
    },
  );

  it('refuses every redirect, even one that stays on our origin', () => {
    const { contents } = lockedDown();
    expect(contents.attempt('will-redirect', 'https://example.com/')).toBe(false);
    expect(contents.attempt('will-redirect', 'app://okno/index.html')).toBe(false);
  });

  it('refuses new windows, whatever the URL', () => {
    const { contents } = lockedDown();
    expect(contents.windowOpenHandler).not.toBeNull();
    for (const url of ['https://example.com/', 'app://okno/index.html', 'about:blank']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it('refuses to attach a webview', () => {
    const { contents } = lockedDown();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, { nodeIntegration: true }, { src: 'https://example.com/' });
    expect(event.defaultPrevented).toBe(true);
  });
});

describe('session lock-down', () => {
  const permissions = ['media', 'geolocation', 'notifications', 'serial', 'hid', 'usb', 'clipboard-read', 'fullscreen', 'openExternal', 'unknown'];

  it.each(permissions)('answers a %s permission request with no', (permission) => {
    const session = new FakeSession();
    lockDownSession(session as unknown as Session);
    const answers: boolean[] = [];
    session.permissionRequestHandler?.({}, permission, (granted) => answers.push(granted));
    expect(answers).toEqual([false]);
  });

  it.each(permissions)('answers a %s permission check with no, even for our own origin', (permission) => {
    const session = new FakeSession();
    lockDownSession(session as unknown as Session);
    expect(session.permissionCheckHandler?.({}, permission, 'app://okno')).toBe(false);
    expect(session.devicePermissionHandler?.({ deviceType: 'serial', origin: 'app://okno' })).toBe(false);
  });
});
