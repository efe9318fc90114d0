import { describe, expect, it } from 'vitest';
import { FOLLOW_UP_REASONS } from '../../../../shared/followUp.ts';
import { createI18n } from '../../../../renderer/common/i18n.ts';
import { wordsOf } from '../../../../renderer/common/speech/parts.ts';
import { followUpKeyOf, ratingScreenKey, ratingScript, type RatingScreen } from '../../../../renderer/rating/ratingSpeech.ts';

const ru = wordsOf(createI18n('ru'), 'ru');
const en = wordsOf(createI18n('en'), 'en');
const idle = (scale: 3 | 4 | 5): RatingScreen => ({ session: { phase: 'idle', locale: 'ru' }, scale, followUpReasons: FOLLOW_UP_REASONS, visit: null });
const text = (parts: readonly { text: string }[]) => parts.map((part) => part.text).join(' ');

describe('what the rating terminal says', () => {
  it('idle, 5 points, ru: the title, then each button with its word, numbers as words', () => {
    const parts = ratingScript(ru, idle(5));
    expect(parts).toEqual([
      {
        lang: 'ru',
        text: 'Оцените качество обслуживания. Кнопка один — Очень плохо. Кнопка два — Плохо. Кнопка три — Нормально. Кнопка четыре — Хорошо. Кнопка пять — Отлично.',
      },
    ]);
  });

  it.each([3, 4, 5] as const)('idle, %i points: one choice per score in both languages, never a digit', (scale) => {
    for (const words of [ru, en]) {
      const said = text(ratingScript(words, idle(scale)));
      expect(said.match(/Кнопка|Button/g)).toHaveLength(scale);
      expect(said).not.toMatch(/\d/);
    }
  });

  it('idle, 3 points, en', () => {
    expect(text(ratingScript(en, idle(3)))).toBe('Rate the quality of service. Button one: Bad. Button two: OK. Button three: Excellent.'.replace('Rate the quality of service', en.t('idle.title')));
  });

  it('after a visit the title invites to rate it', () => {
    const said = text(ratingScript(ru, { ...idle(5), visit: { phase: 'rate', ticketNumber: 'П-017', operatorName: null } }));
    expect(said.startsWith('Оцените, пожалуйста, обслуживание.')).toBe(true);
  });

  it('follow-up: title, reasons with their keys, skip, and how to get more time', () => {
    const screen: RatingScreen = { ...idle(5), session: { phase: 'followUp', locale: 'ru', score: 1, endsInMs: 30_000 } };
    const said = text(ratingScript(ru, screen));
    expect(said).toContain('Что можно улучшить?');
    expect(said).toContain('Клавиша один — Время ожидания.');
    expect(said).toContain('Клавиша шесть — пропустить.');
    expect(said).toContain('Чтобы продлить время');
    expect(text(ratingScript(en, screen))).toContain('Key six: skip.');
  });

  it('thanks says what happened; already counted and not saved say theirs', () => {
    expect(text(ratingScript(ru, { ...idle(5), session: { phase: 'thanks', locale: 'ru', kind: 'voted', endsInMs: 4000 } }))).toMatch(/^Спасибо, ваша оценка учтена\./);
    expect(text(ratingScript(en, { ...idle(5), session: { phase: 'thanks', locale: 'en', kind: 'voted', endsInMs: 4000 } }))).toMatch(/^Thank you, your rating has been counted\./);
    expect(text(ratingScript(ru, { ...idle(5), session: { phase: 'thanks', locale: 'ru', kind: 'already-counted', endsInMs: 4000 } }))).toContain('уже учтена');
    expect(text(ratingScript(ru, { ...idle(5), session: { phase: 'notSaved', locale: 'ru', endsInMs: 4000 } }))).toContain('не удалось сохранить');
  });

  it('a screen key changes with the screen, not with its countdown', () => {
    const a = ratingScreenKey({ ...idle(5), session: { phase: 'followUp', locale: 'ru', score: 1, endsInMs: 30_000 } });
    const b = ratingScreenKey({ ...idle(5), session: { phase: 'followUp', locale: 'ru', score: 1, endsInMs: 10_000 } });
    expect(a).toBe(b);
    expect(ratingScreenKey(idle(5))).not.toBe(a);
  });

  it('follow-up keys: reason n is key n, skip the next, other keys nothing', () => {
    expect(followUpKeyOf(FOLLOW_UP_REASONS, 1)).toBe('waiting');
    expect(followUpKeyOf(FOLLOW_UP_REASONS, 5)).toBe('information');
    expect(followUpKeyOf(FOLLOW_UP_REASONS, 6)).toBeNull();
    expect(followUpKeyOf(FOLLOW_UP_REASONS, 7)).toBeUndefined();
    expect(followUpKeyOf(FOLLOW_UP_REASONS, 0)).toBeUndefined();
  });
});
