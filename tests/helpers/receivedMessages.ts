import type { Page } from 'playwright-core';

/**
 * Records every byte the page receives through fetch — answers and the server-sent event stream —
 * so a test can prove what never reached the renderer (a token, a PIN hash). Installed before the
 * page's own scripts run; the page's transport uses fetch only (shared/transport/httpDeviceApi.ts).
 */
const RECORDER = `(() => {
  const received = [];
  Object.defineProperty(window, '__oknoReceived', { value: received });
  const original = window.fetch.bind(window);
  window.fetch = async (...args) => {
    const response = await original(...args);
    const body = response.clone().body;
    if (body) {
      const reader = body.getReader();
      const decoder = new TextDecoder();
      const url = String(args[0] instanceof Request ? args[0].url : args[0]);
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          received.push(url + ' ' + decoder.decode(value, { stream: true }));
        }
      })().catch(() => {});
    }
    return response;
  };
})();`;

export async function recordReceived(page: Page): Promise<void> {
  await page.addInitScript({ content: RECORDER });
}

/** Everything received so far, one entry per chunk, each prefixed with its URL. */
export async function receivedSoFar(page: Page): Promise<string[]> {
  return page.evaluate(() => [...((window as unknown as { __oknoReceived?: string[] }).__oknoReceived ?? [])]);
}
