import { describe, expect, it } from 'vitest';
import { aheadText } from '../../../../../electron/core/tickets/aheadText.ts';

describe('aheadText', () => {
  it.each([
    [1, 'Перед вами: 1 человек'],
    [2, 'Перед вами: 2 человека'],
    [4, 'Перед вами: 4 человека'],
    [5, 'Перед вами: 5 человек'],
    [11, 'Перед вами: 11 человек'],
    [12, 'Перед вами: 12 человек'],
    [21, 'Перед вами: 21 человек'],
    [22, 'Перед вами: 22 человека'],
    [111, 'Перед вами: 111 человек'],
  ])('%i in Russian: %s', (ahead, text) => {
    expect(aheadText('ru', ahead, null)).toBe(text);
  });

  it('adds the estimate when there is one; 0 minutes reads as under 5', () => {
    expect(aheadText('ru', 4, 10)).toBe('Перед вами: 4 человека, примерно 10 мин');
    expect(aheadText('en', 4, 10)).toBe('People ahead: 4, about 10 min');
    expect(aheadText('ru', 1, 0)).toBe('Перед вами: 1 человек, меньше 5 мин');
    expect(aheadText('en', 1, 0)).toBe('People ahead: 1, under 5 min');
  });

  it('nobody ahead reads as "you are next"', () => {
    expect(aheadText('ru', 0, 0)).toBe('Вы следующий в очереди');
    expect(aheadText('en', 0, null)).toBe('You are next');
  });
});
