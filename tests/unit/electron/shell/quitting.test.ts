import type { App } from 'electron';
import { describe, expect, it } from 'vitest';
import { closeCoreBeforeQuit } from '../../../../electron/shell/quitting.ts';
import { FakeApp } from './fakeElectron.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('quitting', () => {
  it('is not quitting until asked', () => {
    const control = closeCoreBeforeQuit(new FakeApp() as unknown as App, async () => {});
    expect(control.isQuitting()).toBe(false);
  });

  it('holds the quit until the core is closed, then quits once more', async () => {
    const app = new FakeApp();
    const order: string[] = [];
    let finishClose: () => void = () => {};
    app.on('before-quit', () => order.push('before-quit'));
    const control = closeCoreBeforeQuit(app as unknown as App, () => new Promise<void>((done) => {
      order.push('closing');
      finishClose = () => {
        order.push('closed');
        done();
      };
    }));
    app.quit();
    expect(control.isQuitting()).toBe(true);
    await tick();
    expect(app.quitted).toBe(false);
    finishClose();
    await tick();
    expect(order).toEqual(['before-quit', 'closing', 'closed', 'before-quit']);
    expect(app.quitted).toBe(true);
  });

  it('quits anyway when closing the core hangs or fails', async () => {
    const hanging = new FakeApp();
    closeCoreBeforeQuit(hanging as unknown as App, () => new Promise<void>(() => {}), { timeoutMs: 20 });
    hanging.quit();
    await tick();
    expect(hanging.quitted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(hanging.quitted).toBe(true);

    const failing = new FakeApp();
    closeCoreBeforeQuit(failing as unknown as App, () => Promise.reject(new Error('busy')), { timeoutMs: 1_000 });
    failing.quit();
    await tick();
    expect(failing.quitted).toBe(true);
  });

  it('relaunches only after the core is closed', async () => {
    const app = new FakeApp();
    let closed = false;
    const control = closeCoreBeforeQuit(app as unknown as App, async () => {
      await tick();
      closed = true;
    });
    control.relaunch();
    expect(app.relaunchCalls).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toBe(true);
    expect(app.relaunchCalls).toBe(1);
    expect(app.exitCode).toBe(0);
  });
});
