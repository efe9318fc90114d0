import { describe, expect, it } from 'vitest';
import { commandAnswerSchema, commandBodySchema, type CommandAnswer } from '../../../shared/office/officeProtocol.ts';
import { afterAnswer, arrivalTimes, closingAction, commandBody, FREE, nextAction, seededRandom, type OperatorView } from '../../../bench/officeOperator.ts';

const SHAPE = { window: '2', windows: ['1', '2', '3'], services: ['passport', 'snils'] };
const OK: CommandAnswer = { ok: true, revision: 5, ticket: null };
const REFUSED: CommandAnswer = { ok: false, refusal: 'busy', message: 'x' };
const VIEWS: OperatorView[] = [FREE, { phase: 'called', recalls: 1 }, { phase: 'serving', recalls: 0 }, { phase: 'paused', recalls: 0 }];

describe('the simulated operators', () => {
  it('the same seed gives the same presses; the presses are valid okno-office/1 commands, never a redirect to the own window', () => {
    const run = (seed: number) => {
      const random = seededRandom(seed);
      return VIEWS.flatMap((view) => Array.from({ length: 200 }, () => nextAction(view, random, SHAPE)));
    };
    const actions = run(7);
    expect(run(7)).toEqual(actions);
    expect(run(8)).not.toEqual(actions);
    for (const action of actions) {
      expect(commandBodySchema.safeParse(commandBody(action, crypto.randomUUID())).success).toBe(true);
      if (action.command === 'redirect' && 'window' in action.to) expect(action.to.window).not.toBe('2');
    }
  });

  it('mostly the press that moves the visit on: call when free, start when called, finish when serving, resume on a break', () => {
    const random = seededRandom(1);
    const share = (view: OperatorView, command: string): number => Array.from({ length: 1000 }, () => nextAction(view, random, SHAPE)).filter((action) => action.command === command).length / 1000;
    expect(share(FREE, 'call-next')).toBeGreaterThan(0.9);
    expect(share({ phase: 'called', recalls: 0 }, 'start')).toBeGreaterThan(0.55);
    expect(share({ phase: 'serving', recalls: 0 }, 'finish')).toBeGreaterThan(0.8);
    expect(share({ phase: 'paused', recalls: 0 }, 'resume')).toBeGreaterThan(0.9);
  });

  it('the window follows the hub’s answers only: a refusal changes nothing', () => {
    expect(afterAnswer(FREE, { command: 'call-next' }, OK)).toEqual({ phase: 'called', recalls: 0 });
    expect(afterAnswer({ phase: 'called', recalls: 1 }, { command: 'recall' }, OK)).toEqual({ phase: 'called', recalls: 2 });
    expect(afterAnswer({ phase: 'called', recalls: 2 }, { command: 'start' }, OK)).toEqual({ phase: 'serving', recalls: 2 });
    expect(afterAnswer({ phase: 'serving', recalls: 0 }, { command: 'redirect', to: { service: 'snils' } }, OK)).toEqual(FREE);
    expect(afterAnswer(FREE, { command: 'pause' }, OK)).toEqual({ phase: 'paused', recalls: 0 });
    expect(afterAnswer({ phase: 'paused', recalls: 0 }, { command: 'resume' }, OK)).toEqual(FREE);
    for (const view of VIEWS) expect(afterAnswer(view, { command: 'finish' }, REFUSED)).toBe(view);
    expect(commandAnswerSchema.parse(OK)).toEqual(OK);
  });

  it('at the day’s end: finish what is open, end a break, nothing when free', () => {
    expect(closingAction(FREE)).toBeNull();
    expect(closingAction({ phase: 'called', recalls: 0 })).toEqual({ command: 'finish' });
    expect(closingAction({ phase: 'serving', recalls: 0 })).toEqual({ command: 'finish' });
    expect(closingAction({ phase: 'paused', recalls: 0 })).toEqual({ command: 'resume' });
  });

  it('arrivals: as many as asked, ascending, within the span; the PRNG stays in [0, 1)', () => {
    const random = seededRandom(3);
    const times = arrivalTimes(500, 1000, random);
    expect(times).toHaveLength(500);
    expect(times.every((time, i) => time >= 0 && time < 1000 && (i === 0 || time >= times[i - 1]!))).toBe(true);
    const draws = Array.from({ length: 10_000 }, seededRandom(99));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });
});
