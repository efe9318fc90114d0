import type { RequestInput } from '../../shared/requests/registry.ts';
import type { DeviceApi } from '../../shared/requests/client.ts';
import { useEffect, useMemo } from 'react';
import { takeEarlyKeys } from './earlyKeys.ts';
import { inOrder, scoreForKey, type KeyPress } from './keyboard.ts';

/**
 * Keys 1..scale from a keyboard-style button box. They are sent in every phase, as a serial button
 * press is: the core decides whether a press is a vote or an extra press of the same visit.
 * Before the first state a press cannot be judged (no scale, no mode yet): earlyKeys.ts holds it from
 * the page's first script, and it is judged here, in order, the moment the state is known, exactly
 * as it would have been then. The early listener stops in the same step that this one starts, so no
 * press falls between the two. It runs under every face (`scale` null: no rating keys here), so the
 * keys held while the page loaded are always taken and accounted for.
 */
export function useRatingKeys(api: DeviceApi, stateKnown: boolean, scale: number | null): void {
  const sendKey = useMemo(
    () =>
      inOrder((input: RequestInput<'press'>) =>
        api.request('press', input).then(
          (result) => {
            if (!result.ok) console.warn(`okno: press refused: ${result.error.code}: ${result.error.message}`);
          },
          (error: unknown) => console.warn('okno: press failed', error),
        ),
      ),
    [api],
  );
  useEffect(() => {
    if (!stateKnown) return undefined;
    const judge = (press: KeyPress): number | null => (scale === null ? null : scoreForKey(press, scale));
    for (const press of takeEarlyKeys()) {
      const score = judge(press);
      if (score === null) console.info(`okno: key "${press.key}" pressed while the page loaded is not a rating key here`);
      else void sendKey({ score, source: 'keyboard' });
    }
    if (scale === null) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      const score = judge(event);
      if (score === null) return;
      event.preventDefault();
      void sendKey({ score, source: 'keyboard' });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [sendKey, stateKnown, scale]);
}
