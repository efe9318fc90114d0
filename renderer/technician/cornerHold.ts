/**
 * The hidden way into technician mode by touch: press and hold a corner of the screen for a few
 * seconds. Pure (no DOM): the component feeds it pointer positions, and it calls `onHeld` once the
 * press has lasted `holdMs` without leaving the area. Releasing, or moving out, earlier cancels.
 */

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Area {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export const CORNER_HOLD_MS = 5000;

export const isInside = (point: Point, area: Area): boolean =>
  point.x >= area.left && point.x <= area.right && point.y >= area.top && point.y <= area.bottom;

export interface CornerHold {
  /** A pointer went down. Starts the hold when it is inside the area (and no other hold runs); returns whether it did. */
  press(pointerId: number, point: Point, area: Area): boolean;
  /** The pointer moved: out of the area cancels. */
  move(pointerId: number, point: Point): void;
  /** The pointer went up or was cancelled by the browser. */
  release(pointerId: number): void;
  /** Whether a hold is under way (the page may then suppress the long-press menu). */
  readonly holding: boolean;
  /** Stops any hold (unmount). */
  dispose(): void;
}

export function createCornerHold(onHeld: () => void, holdMs: number = CORNER_HOLD_MS): CornerHold {
  let current: { pointerId: number; area: Area; timer: ReturnType<typeof setTimeout> } | null = null;

  const cancel = (): void => {
    if (current) clearTimeout(current.timer);
    current = null;
  };

  return {
    press(pointerId, point, area) {
      // A second finger anywhere cancels: a deliberate hold is one finger, still.
      if (current) {
        cancel();
        return false;
      }
      if (!isInside(point, area)) return false;
      const timer = setTimeout(() => {
        current = null;
        onHeld();
      }, holdMs);
      current = { pointerId, area, timer };
      return true;
    },
    move(pointerId, point) {
      if (current?.pointerId === pointerId && !isInside(point, current.area)) cancel();
    },
    release(pointerId) {
      if (current?.pointerId === pointerId) cancel();
    },
    get holding() {
      return current !== null;
    },
    dispose: cancel,
  };
}
