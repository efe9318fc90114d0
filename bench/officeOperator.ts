/**
 * The operators of the simulated office day (bench/officeDay.ts), as pure functions: what an operator
 * at a window does next, chosen at random with the weights of a plausible day (mostly call, start,
 * finish; sometimes recall, a no-show, a redirect, a break; now and then a press that makes no sense,
 * which the hub must refuse), and what the window is like after the hub's answer. Seeded, so a run can
 * be repeated.
 */
import type { CommandAnswer, CommandBody, QueueCommandName } from '../shared/office/officeProtocol.ts';

/** The window as its operator knows it, from the hub's answers only. */
export interface OperatorView {
  readonly phase: 'free' | 'called' | 'serving' | 'paused';
  /** Recalls of the current ticket (a no-show is taken after `noShowAfterRecalls`). */
  readonly recalls: number;
}

export const FREE: OperatorView = { phase: 'free', recalls: 0 };

export type OperatorAction = { readonly command: Exclude<QueueCommandName, 'redirect'> } | { readonly command: 'redirect'; readonly to: { readonly service: string } | { readonly window: string } };

export interface OfficeShape {
  /** This window's id. */
  readonly window: string;
  readonly windows: readonly string[];
  readonly services: readonly string[];
}

type Weighted = readonly (readonly [number, () => OperatorAction])[];

function pick(random: () => number, choices: Weighted): OperatorAction {
  const total = choices.reduce((sum, [weight]) => sum + weight, 0);
  let left = random() * total;
  for (const [weight, make] of choices) {
    left -= weight;
    if (left < 0) return make();
  }
  return choices[choices.length - 1]![1]();
}

const element = <T>(random: () => number, list: readonly T[]): T => list[Math.min(list.length - 1, Math.floor(random() * list.length))]!;

/** Another window than this one (a redirect to one's own window would only put the ticket back). */
function otherWindow(random: () => number, shape: OfficeShape): string {
  const others = shape.windows.filter((window) => window !== shape.window);
  return others.length === 0 ? shape.window : element(random, others);
}

/** The operator's next press. */
export function nextAction(view: OperatorView, random: () => number, shape: OfficeShape): OperatorAction {
  const to = {
    service: (): OperatorAction => ({ command: 'redirect', to: { service: element(random, shape.services) } }),
    window: (): OperatorAction => ({ command: 'redirect', to: { window: otherWindow(random, shape) } }),
  };
  const plain = (command: Exclude<QueueCommandName, 'redirect'>) => (): OperatorAction => ({ command });
  switch (view.phase) {
    case 'free':
      return pick(random, [
        [94, plain('call-next')],
        [3, plain('pause')],
        // Presses that make no sense here: the hub refuses them (no-current-ticket, not-on-break).
        [2, plain('finish')],
        [1, plain('resume')],
      ]);
    case 'paused':
      return pick(random, [
        [95, plain('resume')],
        [5, plain('call-next')], // refused: on-break
      ]);
    case 'called':
      return pick(random, [
        [66, plain('start')],
        [12, plain('recall')],
        // Refused as recall-first until the ticket was recalled often enough.
        [8, plain('no-show')],
        [5, plain('finish')],
        [5, to.service],
        [3, to.window],
        [1, plain('call-next')], // refused: busy
      ]);
    case 'serving':
      return pick(random, [
        [88, plain('finish')],
        [6, to.service],
        [3, to.window],
        [2, plain('recall')], // refused: busy (already at the window)
        [1, plain('pause')], // refused: busy
      ]);
  }
}

export function commandBody(action: OperatorAction, idempotencyKey: string): CommandBody {
  return action.command === 'redirect' ? { command: 'redirect', to: action.to, idempotencyKey } : { command: action.command, idempotencyKey };
}

/** The window after the hub answered `action`: a refusal changes nothing. */
export function afterAnswer(view: OperatorView, action: OperatorAction, answer: CommandAnswer): OperatorView {
  if (!answer.ok) return view;
  switch (action.command) {
    case 'call-next':
      return { phase: 'called', recalls: 0 };
    case 'recall':
      return { ...view, recalls: view.recalls + 1 };
    case 'start':
      return { phase: 'serving', recalls: view.recalls };
    case 'finish':
    case 'no-show':
    case 'redirect':
    case 'resume':
      return FREE;
    case 'pause':
      return { phase: 'paused', recalls: 0 };
  }
}

/** What the operator presses at the end of the day to leave the window empty: nothing when it is. */
export function closingAction(view: OperatorView): OperatorAction | null {
  if (view.phase === 'paused') return { command: 'resume' };
  if (view.phase === 'called' || view.phase === 'serving') return { command: 'finish' };
  return null;
}

/** A small fast PRNG (mulberry32): [0, 1), the same sequence for the same seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` arrival times in [0, spanMs), ascending, uniformly at random (a day's tickets). */
export function arrivalTimes(count: number, spanMs: number, random: () => number): number[] {
  return Array.from({ length: count }, () => random() * spanMs).sort((a, b) => a - b);
}
