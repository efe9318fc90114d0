/**
 * The faces on the rating buttons, drawn inline (no emoji font, no image request). Five moods from
 * 1 (very unhappy) to 5 (delighted); 3- and 4-point scales use a subset so that the lowest score is
 * always clearly unhappy and the highest clearly happy. The word next to the face carries the meaning
 * for assistive technology, so the drawing itself is hidden from it.
 */

export type Mood = 1 | 2 | 3 | 4 | 5;

const MOODS_BY_SCALE: Readonly<Record<3 | 4 | 5, readonly Mood[]>> = {
  3: [1, 3, 5],
  4: [1, 2, 4, 5],
  5: [1, 2, 3, 4, 5],
};

export function moodFor(score: number, scale: 3 | 4 | 5): Mood {
  return MOODS_BY_SCALE[scale][score - 1] ?? 3;
}

const MOUTHS: Readonly<Record<Mood, string>> = {
  1: 'M31 75 Q50 55 69 75',
  2: 'M33 72 Q50 63 67 72',
  3: 'M34 69 L66 69',
  4: 'M32 64 Q50 79 68 64',
  5: 'M29 60 Q50 89 71 60 Z',
};

export function Face({ mood }: { readonly mood: Mood }) {
  return (
    <svg className={`face face--${mood}`} viewBox="0 0 100 100" aria-hidden="true" focusable="false">
      <circle className="face__head" cx="50" cy="50" r="44" />
      {mood === 1 && (
        <g className="face__line">
          <path d="M25 33 L40 27" />
          <path d="M75 33 L60 27" />
        </g>
      )}
      <circle className="face__eye" cx="36" cy="42" r="5.5" />
      <circle className="face__eye" cx="64" cy="42" r="5.5" />
      <path className={mood === 5 ? 'face__mouth face__mouth--open' : 'face__mouth face__line'} d={MOUTHS[mood]} />
    </svg>
  );
}
