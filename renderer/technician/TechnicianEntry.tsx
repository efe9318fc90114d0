import { useEffect, useRef } from 'react';
import { createCornerHold } from './cornerHold.ts';
import { isPinPadCombo } from './technicianKeys.ts';
import './technicianEntry.css';

/** How long after a completed hold the click that ends it is swallowed. */
const SWALLOW_CLICK_MS = 1500;

/**
 * The hidden ways into technician mode: holding the top-right corner for five seconds, or
 * Ctrl+Alt+Shift+O. The corner is an invisible, unfocusable box that only marks the area: the
 * page listens for the hold itself, so that a short tap there still reaches what is underneath
 * (the language switch sits in that corner). Citizens see nothing and cannot tab to it.
 */
export function TechnicianEntry({ onOpen }: { readonly onOpen: () => void }) {
  const corner = useRef<HTMLDivElement>(null);
  const open = useRef(onOpen);
  useEffect(() => {
    open.current = onOpen;
  });

  useEffect(() => {
    let swallowUntil = 0;
    const hold = createCornerHold(() => {
      swallowUntil = performance.now() + SWALLOW_CLICK_MS;
      open.current();
    });

    const onPointerDown = (event: PointerEvent): void => {
      const box = corner.current?.getBoundingClientRect();
      if (!box) return;
      hold.press(event.pointerId, { x: event.clientX, y: event.clientY }, box);
    };
    const onPointerMove = (event: PointerEvent): void => hold.move(event.pointerId, { x: event.clientX, y: event.clientY });
    const onPointerEnd = (event: PointerEvent): void => hold.release(event.pointerId);
    // A long touch would open the browser's menu; a finished hold must not also press a button.
    const onContextMenu = (event: Event): void => {
      if (hold.holding) event.preventDefault();
    };
    const onClick = (event: Event): void => {
      if (performance.now() >= swallowUntil) return;
      swallowUntil = 0;
      event.preventDefault();
      event.stopPropagation();
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!isPinPadCombo(event)) return;
      event.preventDefault();
      open.current();
    };

    // Capture: the corner and the keys are seen before any screen's own handlers.
    const options = { capture: true } as const;
    const listeners = [
      ['pointerdown', onPointerDown],
      ['pointermove', onPointerMove],
      ['pointerup', onPointerEnd],
      ['pointercancel', onPointerEnd],
      ['contextmenu', onContextMenu],
      ['click', onClick],
      ['keydown', onKeyDown],
    ] as [string, EventListener][];
    for (const [type, listener] of listeners) window.addEventListener(type, listener, options);
    return () => {
      hold.dispose();
      for (const [type, listener] of listeners) window.removeEventListener(type, listener, options);
    };
  }, []);

  return <div ref={corner} className="technician-corner" aria-hidden="true" data-testid="technician-corner" />;
}
