import type { DeviceMode } from '../../../shared/configRules.ts';

/**
 * The setup wizard's steps for each kind of device. A rating terminal has no printer and no
 * services; a ticket dispenser may still have a button box (for its service button).
 */

export type { DeviceMode };

export const STEP_NAMES = ['mode', 'device', 'buttons', 'printer', 'services', 'hub', 'sync', 'pin', 'review'] as const;
export type StepName = (typeof STEP_NAMES)[number];

// The office hub's step is every mode's: the console and the board need it, a terminal or a dispenser may
// have one (its visit, its "people ahead") or work on its own.
const STEPS: Readonly<Record<DeviceMode, readonly StepName[]>> = {
  rating: ['mode', 'device', 'buttons', 'hub', 'sync', 'pin', 'review'],
  tickets: ['mode', 'device', 'printer', 'services', 'buttons', 'hub', 'sync', 'pin', 'review'],
  // The console and the board have no box, no printer and no services of their own: the hub has the services.
  operator: ['mode', 'device', 'hub', 'sync', 'pin', 'review'],
  hall: ['mode', 'device', 'hub', 'sync', 'pin', 'review'],
};

export const wizardSteps = (mode: DeviceMode): readonly StepName[] => STEPS[mode];

/**
 * The step to show after the mode changed: the same step if the new mode has it, else the
 * nearest one before it in the old mode's list (a rating terminal has fewer steps). The dispenser's
 * list holds every other mode's steps in the same order, so it stands for the old list of any other mode.
 */
export function keepStep(step: StepName, mode: DeviceMode): StepName {
  const steps = wizardSteps(mode);
  if (steps.includes(step)) return step;
  const before = wizardSteps(mode === 'tickets' ? 'rating' : 'tickets');
  const earlier = before.slice(0, Math.max(0, before.indexOf(step))).filter((candidate) => steps.includes(candidate));
  return earlier[earlier.length - 1] ?? steps[0] ?? 'mode';
}
