import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/configRules.ts';
import type { HallAnnouncementView, HallCallView, HallView, KioskState, Localized } from '../../shared/kioskApi.ts';
import { ConnectingScreen } from '../common/ConnectingScreen.tsx';
import { Lang } from '../common/Lang.tsx';
import { HubBanner } from '../common/HubBanner.tsx';
import { TechnicianBanner } from '../common/TechnicianBanner.tsx';
import { announce, setAnnouncementVolume, type AnnouncementIntents } from './announcementAudio.ts';
import './hall.css';

const pick = (text: Localized, locale: Locale, fallback: Locale): string => text[locale] ?? text[fallback] ?? Object.values(text)[0] ?? '';

/**
 * The hall board (device.mode "hall"): the newest call large ("П-017 → Окно 2"), the calls before it,
 * and how many wait for each service. Nobody touches it; it only follows the state. A new call (or a
 * recall) flashes, and is said in a polite live region for screen readers; with speech, the core's
 * announcement is played aloud (./announcementAudio.ts) and its ticket is marked while it is spoken.
 */
export function HallBoard({ state, intents }: { readonly state: KioskState; readonly intents: AnnouncementIntents }) {
  const { t } = useTranslation();
  const hall = state.hall;
  const locale = state.session.locale;
  const audioStart = useAnnouncementAudio(hall?.announcement ?? null, state.speech.volume, intents);
  return (
    <div className="terminal terminal--hall">
      <header className="topbar hall-bar">
        <p className="hall-bar__office">
          <Lang text={state.device.office} />
        </p>
        <p className="hall-bar__title">{t('hall.title')}</p>
      </header>
      {hall && <HubBanner connection={hall.connection} staleSince={hall.staleSince} locale={locale} />}
      {state.health.needsTechnician && <TechnicianBanner />}
      {hall && hall.synced ? (
        <Board hall={hall} locale={locale} defaultLocale={state.ui.defaultLocale} audioStart={audioStart} />
      ) : hall ? (
        <main className="screen screen--connecting">
          <h1 className="screen__title">{t('office.connecting')}</h1>
        </main>
      ) : (
        <ConnectingScreen />
      )}
    </div>
  );
}

/** When the newest announcement's first sample (the chime) and its words were heard (for the benchmark and the tests: data attributes, nothing more). */
interface AudioStart {
  readonly id: string;
  readonly epochMs: number;
  readonly wordsEpochMs: number | null;
}

/** Plays each announcement the core shows, once, and reports it; the gain follows the board's volume. */
function useAnnouncementAudio(announcement: HallAnnouncementView | null, volume: number, intents: AnnouncementIntents): AudioStart | null {
  const handled = useRef<string | null>(null);
  const volumeNow = useRef(volume);
  const [started, setStarted] = useState<AudioStart | null>(null);
  useEffect(() => {
    volumeNow.current = volume;
    setAnnouncementVolume(volume);
  }, [volume]);
  const id = announcement?.id ?? null;
  const chime = announcement?.chime ?? false;
  useEffect(() => {
    if (id === null || handled.current === id) return;
    handled.current = id;
    setAnnouncementVolume(volumeNow.current);
    announce({ id, chime }, intents, {
      onFirstSample: (epochMs) => setStarted({ id, epochMs, wordsEpochMs: null }),
      onWords: (epochMs) => setStarted((before) => ({ id, epochMs: before?.id === id ? before.epochMs : epochMs, wordsEpochMs: epochMs })),
    }).catch((error: unknown) => console.warn('okno: an announcement failed', error));
  }, [id, chime, intents]);
  return started;
}

const announced = (announcement: HallAnnouncementView | null, call: HallCallView): boolean =>
  announcement !== null && announcement.ticketId === call.ticketId && announcement.recall === call.recall;

function Board({
  hall,
  locale,
  defaultLocale,
  audioStart,
}: {
  readonly hall: HallView;
  readonly locale: Locale;
  readonly defaultLocale: Locale;
  readonly audioStart: AudioStart | null;
}) {
  const { t } = useTranslation();
  const current = hall.current;
  const announcement = hall.announcement;
  const currentAnnounced = current !== null && announced(announcement, current);
  return (
    <main className="hall" data-audio-id={audioStart?.id} data-audio-start-ms={audioStart?.epochMs.toFixed(1)} data-words-start-ms={audioStart?.wordsEpochMs?.toFixed(1)}>
      <h1 className="visually-hidden">{t('hall.title')}</h1>
      <section className="hall-now" aria-labelledby="hall-now-title">
        <h2 id="hall-now-title" className="hall-now__title">
          {t('hall.now')}
        </h2>
        {current ? (
          // A new key for each call and each recall: the element is made anew, so its flash plays again.
          <p
            key={`${current.ticketId}/${current.recall}`}
            className={currentAnnounced ? 'hall-now__call hall-now__call--announcing' : 'hall-now__call'}
            data-testid="hall-current"
          >
            {currentAnnounced && <AnnouncingMark />}
            <span className="hall-now__number">
              <Lang text={current.number} />
            </span>
            <span className="hall-now__arrow" aria-hidden="true">
              →
            </span>
            <span className="hall-now__window">
              <Lang text={current.windowLabel} />
            </span>
          </p>
        ) : (
          <p className="hall-now__empty">{t('hall.noCalls')}</p>
        )}
        <p className="visually-hidden" aria-live="polite" data-testid="hall-announce">
          {current ? <Lang text={announceText(t, current)} /> : ''}
        </p>
      </section>
      <section className="hall-recent" aria-labelledby="hall-recent-title">
        <h2 id="hall-recent-title" className="hall-section__title">
          {t('hall.recent')}
        </h2>
        <table className="hall-table">
          <thead>
            <tr>
              <th scope="col">{t('hall.ticket')}</th>
              <th scope="col">{t('hall.window')}</th>
            </tr>
          </thead>
          <tbody>
            {hall.recent.map((call) => (
              <tr key={`${call.ticketId}/${call.recall}`} className={announced(announcement, call) ? 'hall-table__row--announcing' : undefined}>
                <td className="hall-table__number">
                  {announced(announcement, call) && <AnnouncingMark />}
                  <Lang text={call.number} />
                </td>
                <td>
                  <Lang text={call.windowLabel} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="hall-waiting" aria-labelledby="hall-waiting-title">
        <h2 id="hall-waiting-title" className="hall-section__title">
          {t('hall.waiting')}
        </h2>
        <ul className="hall-waiting__list">
          {hall.services.map((service) => (
            <li key={service.id} className="hall-waiting__row" data-service={service.id}>
              <span className="hall-waiting__prefix">
                <Lang text={service.prefix} />
              </span>
              <span className="hall-waiting__name">
                <Lang text={pick(service.name, locale, defaultLocale)} />
              </span>
              <span className="hall-waiting__count">{t('hall.people', { count: service.waiting })}</span>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}

/**
 * "Звучит объявление" on the ticket being said: seen by the hall (a deaf visitor sees which call the
 * sound is about) and read by a screen reader with the number, as one phrase.
 */
function AnnouncingMark() {
  const { t } = useTranslation();
  return (
    <span className="hall-announcing" data-testid="hall-announcing">
      <span aria-hidden="true">🔊 </span>
      {t('hall.announcing')}
      <span className="visually-hidden">: </span>
    </span>
  );
}

function announceText(t: (key: string, values: Record<string, string>) => string, call: HallCallView): string {
  return t(call.recall > 0 ? 'hall.announceRecall' : 'hall.announce', { number: call.number, window: call.windowLabel });
}
