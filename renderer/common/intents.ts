import type { SpeechClip } from '../../shared/kioskApi.ts';
import type { RequestInput } from '../../shared/requests/registry.ts';
import type { DeviceApi } from '../../shared/requests/client.ts';
import type { Locale } from '../../shared/config.ts';
import type { FollowUpReason } from '../../shared/followUp.ts';
import type { Result } from '../../shared/result.ts';

/**
 * What the screens may ask of the device. Intents are fire-and-forget: the outcome comes back as
 * state, and a refusal is only logged. The ticket intents also tell their caller whether the core
 * accepted them, so a screen can keep its buttons disabled until then (no double issue).
 */
export interface Intents {
  // Properties, not methods: screens pass them on as callbacks (onPress={intents.press}), unbound.
  readonly press: (input: RequestInput<'press'>) => void;
  readonly answerFollowUp: (reason: FollowUpReason | null) => void;
  readonly setLocale: (locale: Locale) => void;
  /** Resolves true when the core issued the ticket, false when it refused or could not be reached. */
  readonly issueTicket: (serviceId: string) => Promise<boolean>;
  readonly closeTicket: () => Promise<boolean>;
  /** Operator's console: the answer comes back in the state (`operator.notice`); these only say when it is there. */
  readonly operatorSignIn: (input: RequestInput<'operatorSignIn'>) => Promise<void>;
  readonly operatorSignOut: () => Promise<void>;
  readonly operatorCommand: (input: RequestInput<'operatorCommand'>) => Promise<void>;
  /** Hall board: the audio of the announcement shown now; null when refused (it ended meanwhile) or unreachable. */
  readonly announcementClip: (id: string, part: 'chime' | 'words') => Promise<SpeechClip | null>;
  /** Hall board: the announcement was played, or why not; the next one waits for it. */
  readonly announcementDone: (input: RequestInput<'announcementDone'>) => Promise<void>;
  /** Speech (issue #15): the clip of what the screen says, or null when refused or unreachable. */
  readonly speak: (parts: readonly RequestInput<'speak'>['parts'][number][], purpose: NonNullable<RequestInput<'speak'>['purpose']>) => Promise<SpeechClip | null>;
  readonly setSpeechMode: (input: RequestInput<'setSpeechMode'>) => void;
  readonly changeSpeechVolume: (step: 1 | -1) => void;
  /** "More time" on a screen with a countdown (WCAG 2.2.1). */
  readonly moreTime: () => void;
}

export function intentsFor(api: DeviceApi): Intents {
  const report =
    (intent: string) =>
    (result: Result<unknown>): boolean => {
      if (!result.ok) console.warn(`okno: ${intent} refused: ${result.error.code}: ${result.error.message}`);
      return result.ok;
    };
  const failed =
    (intent: string) =>
    (error: unknown): false => {
      console.warn(`okno: ${intent} failed`, error);
      return false;
    };
  return {
    press: (input) => void api.request('press', input).then(report('press'), failed('press')),
    answerFollowUp: (reason) =>
      void api.request('answerFollowUp', { reason }).then(report('answerFollowUp'), failed('answerFollowUp')),
    setLocale: (locale) => void api.request('setLocale', { locale }).then(report('setLocale'), failed('setLocale')),
    issueTicket: (serviceId) => api.request('issueTicket', { serviceId }).then(report('issueTicket'), failed('issueTicket')),
    closeTicket: () => api.request('closeTicket', {}).then(report('closeTicket'), failed('closeTicket')),
    operatorSignIn: (input) => api.request('operatorSignIn', input).then(report('operatorSignIn'), failed('operatorSignIn')).then(() => undefined),
    operatorSignOut: () => api.request('operatorSignOut', {}).then(report('operatorSignOut'), failed('operatorSignOut')).then(() => undefined),
    operatorCommand: (input) => api.request('operatorCommand', input).then(report('operatorCommand'), failed('operatorCommand')).then(() => undefined),
    announcementClip: (id, part) =>
      api.request('announcementClip', { id, part }).then(
        (result) => (report('announcementClip')(result) && result.ok ? result.value : null),
        (error: unknown) => {
          failed('announcementClip')(error);
          return null;
        },
      ),
    announcementDone: (input) => api.request('announcementDone', input).then(report('announcementDone'), failed('announcementDone')).then(() => undefined),
    speak: (parts, purpose) =>
      api.request('speak', { parts: [...parts], purpose }).then(
        (result) => (report('speak')(result) && result.ok ? result.value : null),
        (error: unknown) => failed('speak')(error) || null,
      ),
    setSpeechMode: (input) => void api.request('setSpeechMode', input).then(report('setSpeechMode'), failed('setSpeechMode')),
    changeSpeechVolume: (step) => void api.request('changeSpeechVolume', { step }).then(report('changeSpeechVolume'), failed('changeSpeechVolume')),
    moreTime: () => void api.request('moreTime', {}).then(report('moreTime'), failed('moreTime')),
  };
}
