import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../shared/config.ts';

const withButtons = (buttons: Record<string, unknown>) => configSchema.safeParse({ device: { id: 'w5', office: 'O', window: '5' }, buttons: { path: '/dev/ttyUSB0', ...buttons } });
const problems = (buttons: Record<string, unknown>): string[] => {
  const parsed = withButtons(buttons);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('the speech button and keys in the config', () => {
  it('a speech button apart from the service button and the speech keys is accepted', () => {
    expect(problems({ serviceButton: 6, speechButton: 5 })).toEqual([]);
    expect(problems({ speechButton: 1, speechKeys: { previous: 2, next: 3, choose: 4, repeat: 5 } })).toEqual([]);
    expect(problems({})).toEqual([]);
  });

  it('the speech button may not be the service button', () => {
    expect(problems({ serviceButton: 5, speechButton: 5 })).toEqual(['buttons.speechButton: buttons.speechButton and buttons.serviceButton must be different buttons']);
  });

  it('the speech keys may not use the speech button (the default keys 1–4 included)', () => {
    expect(problems({ speechButton: 3 })).toEqual([expect.stringMatching(/^buttons\.speechKeys: buttons\.speechKeys must not use buttons\.speechButton/)]);
    expect(problems({ speechButton: 6, speechKeys: { previous: 1, next: 2, choose: 6, repeat: 4 } })).toHaveLength(1);
  });

  it('each speech key has a button of its own', () => {
    expect(problems({ speechKeys: { previous: 1, next: 1, choose: 3, repeat: 4 } })).toEqual(['buttons.speechKeys: buttons.speechKeys: previous, next, choose and repeat need a button each']);
  });
});
