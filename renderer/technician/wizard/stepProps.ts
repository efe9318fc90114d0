import type { DeviceApi } from '../../../shared/requests/client.ts';
import type { SettingsView, TechnicianView } from '../../../shared/technicianApi.ts';
import type { DraftContext, Problem, WizardDraft } from './draft.ts';

export type OpenView = Extract<TechnicianView, { phase: 'open' }>;

/** What every wizard step gets: the draft and how to change it, and the live technician state. */
export interface StepProps {
  readonly draft: WizardDraft;
  /** Changes the draft; a recipe, so that answers arriving one after another (learned buttons) all land. */
  readonly update: (recipe: (draft: WizardDraft) => WizardDraft) => void;
  readonly context: DraftContext;
  readonly settings: SettingsView;
  readonly technician: DeviceApi;
  readonly view: OpenView;
  /** This step's problems, once the technician tried to go on; empty before. */
  readonly problems: readonly Problem[];
  /** Whether the step's heading takes the focus (not on the wizard's first screen, whose h1 does). */
  readonly focusTitle: boolean;
}

/** Whether `problems` holds one with this key (the field shows as invalid). */
export const hasProblem = (problems: readonly Problem[], key: string): boolean => problems.some((problem) => problem.key === key);
