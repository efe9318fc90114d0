import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpeechKeyName } from '../../shared/configRules.ts';
import type { KioskState, TicketsView } from '../../shared/kioskApi.ts';
import type { Intents } from '../common/intents.ts';
import { joinParts, said, wordsOf, type SpokenPart } from '../common/speech/parts.ts';
import { useSpeech } from '../common/speech/useSpeech.ts';
import { speechKeysOf, useSayOnArrival, useSpeechKeys } from '../common/speech/useSpeechMode.ts';
import { itemScript, menuScript, ticketScript } from './dispenserSpeech.ts';
import { actionOf, focusedItem, itemId, menuItems, moveFocus } from './speechFocus.ts';
import { openGroupOf } from './ticketMenu.ts';

/** The attribute that names a menu item for the focus (ServiceMenuScreen sets it on each button). */
export const SPEECH_ITEM_ATTRIBUTE = 'data-speech-item';

/**
 * The dispenser without sight (issue #15, item 5): in speech mode a focus moves through the menu with
 * the box's next / previous (or the arrows and Tab), each item is said with its state, choose opens a
 * group or takes the ticket (the normal issueTicket), repeat says it again; the ticket screen says
 * everything it shows. After the menu's idle time it goes back to its start, and speech mode ends:
 * only the page knows that moment (the core does not see the open group). Returns the focused item.
 */
export function useDispenserSpeech({
  state,
  tickets,
  intents,
  openGroupId,
  setOpenGroupId,
  issue,
}: {
  readonly state: KioskState;
  readonly tickets: TicketsView;
  readonly intents: Intents;
  readonly openGroupId: string | null;
  readonly setOpenGroupId: (groupId: string | null) => void;
  readonly issue: (serviceId: string) => void;
}): string | null {
  const { i18n } = useTranslation();
  const speech = useSpeech(intents.speak, state.speech);
  const locale = state.session.locale;
  const words = useMemo(() => wordsOf(i18n, locale), [i18n, locale]);
  const keys = speechKeysOf(state);
  const defaultLocale = state.ui.defaultLocale;
  const screen = tickets.screen;
  const group = openGroupOf(tickets, openGroupId);
  const items = screen.kind === 'menu' ? menuItems(tickets, group?.id ?? null, state.ui.locales, locale) : [];
  const screenKey = screen.kind === 'ticket' ? `${locale}:ticket:${screen.ticket.id}` : `${locale}:menu:${group?.id ?? ''}`;

  const [focus, setFocus] = useState<{ readonly screenKey: string; readonly id: string } | null>(null);
  // A focus belongs to the screen it was set on: a new level or language starts with none.
  const focusedId = focus?.screenKey === screenKey && state.speech.on ? focus.id : null;
  const [activity, setActivity] = useState(0);

  const script = (): SpokenPart[] => {
    if (screen.kind === 'ticket') {
      const service = tickets.services.find((candidate) => candidate.id === screen.ticket.serviceId);
      return ticketScript(words, { ticket: screen.ticket, serviceName: service?.name ?? null, hint: tickets.hint, defaultLocale, keys });
    }
    return menuScript(words, { office: state.device.office, groupName: group?.name ?? null, defaultLocale, keys });
  };
  useSayOnArrival(speech, state.speech.on, screenKey, script, () => [said(words, words.t('speech.on'))]);

  const onMove = (key: SpeechKeyName): void => {
    setActivity((count) => count + 1);
    if (screen.kind === 'ticket') {
      if (key === 'choose') {
        intents.moreTime();
        speech.say([said(words, words.t('speech.moreTimeDone'))], 'result');
      } else speech.say(script());
      return;
    }
    const current = focusedItem(items, focusedId);
    if (key === 'next' || key === 'previous') {
      const next = moveFocus(items, focusedId, key);
      if (!next) return;
      setFocus({ screenKey, id: itemId(next) });
      speech.say(itemScript(words, next, defaultLocale, keys), 'choice');
      return;
    }
    if (current === null) {
      speech.say(script());
      return;
    }
    if (key === 'repeat') {
      speech.say(itemScript(words, current, defaultLocale, keys), 'choice');
      return;
    }
    const action = actionOf(current);
    switch (action.kind) {
      case 'openGroup':
        setOpenGroupId(action.groupId);
        return;
      case 'back':
        setOpenGroupId(null);
        return;
      case 'issue':
        speech.say(joinParts([said(words, words.t('speech.menu.issuing'))]), 'result');
        issue(action.serviceId);
        return;
      case 'unavailable':
        speech.say(itemScript(words, current, defaultLocale, keys), 'choice');
        return;
      case 'locale':
        intents.setLocale(action.locale);
    }
  };
  useSpeechKeys(intents, state, { dispenser: true, countdown: screen.kind === 'ticket', onMove });

  // The menu back at its start after its idle time, and speech mode with it.
  const idleMs = tickets.idleSeconds * 1000;
  const onMenu = screen.kind === 'menu';
  const on = state.speech.on;
  useEffect(() => {
    if (!on || !onMenu) return undefined;
    const timer = setTimeout(() => {
      setOpenGroupId(null);
      setFocus(null);
      intents.setSpeechMode({ on: false, source: 'start' });
    }, idleMs);
    const touched = (): void => setActivity((count) => count + 1);
    window.addEventListener('pointerdown', touched, { capture: true, passive: true });
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', touched, { capture: true });
    };
  }, [on, onMenu, idleMs, activity, screenKey, intents, setOpenGroupId]);

  useFocusMark(focusedId);
  return focusedId;
}

/** The focused item's button: a thick outline (data-speech-focus) and the page's focus, for a partially sighted visitor and a screen reader. */
function useFocusMark(focusedId: string | null): void {
  useEffect(() => {
    if (focusedId === null) return undefined;
    const language = /^language:(.+)$/.exec(focusedId)?.[1];
    const element =
      language === undefined
        ? document.querySelector<HTMLElement>(`[${SPEECH_ITEM_ATTRIBUTE}="${CSS.escape(focusedId)}"]`)
        : document.querySelector<HTMLElement>(`.language-switch [lang="${CSS.escape(language)}"]`);
    if (!element) return undefined;
    element.setAttribute('data-speech-focus', '');
    element.focus({ preventScroll: false });
    return () => element.removeAttribute('data-speech-focus');
  });
}
