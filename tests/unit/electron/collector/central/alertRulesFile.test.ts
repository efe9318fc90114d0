import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AlertRulesFileError, loadAlertRules, parseAlertRules } from '../../../../../electron/collector/central/alertRulesFile.ts';
import { DEFAULT_ALERT_RULES } from '../../../../../shared/central/alertRules.ts';
import { useTempDirs } from '../../../../helpers/tempDir.ts';

const tempDir = useTempDirs();

describe('alert rules file (okno collector --alerts FILE)', () => {
  it('gives the documented defaults without a file or for an empty object', () => {
    const defaults = {
      lowScores: { count: 3, withinMinutes: 30, maxScore: 2 },
      officeSatisfaction: { belowShare: 0.8, minRatings: 20 },
      deviceSilentMinutes: 60,
      backlogOver: 500,
      paperOut: true,
      clockOffSeconds: 60,
    };
    expect(loadAlertRules(undefined)).toEqual(defaults);
    expect(DEFAULT_ALERT_RULES).toEqual(defaults);
    expect(parseAlertRules({}, 'test')).toEqual(defaults);
  });

  it('takes a part of a rule (the rest keeps its defaults) and switches rules off with false', () => {
    const path = join(tempDir(), 'alerts.json');
    writeFileSync(path, JSON.stringify({ lowScores: { count: 5 }, officeSatisfaction: false, deviceSilentMinutes: false, paperOut: false, backlogOver: 1000 }));
    expect(loadAlertRules(path)).toEqual({
      lowScores: { count: 5, withinMinutes: 30, maxScore: 2 },
      officeSatisfaction: false,
      deviceSilentMinutes: false,
      backlogOver: 1000,
      paperOut: false,
      clockOffSeconds: 60,
    });
  });

  it('names the field of a bad setting, an unknown rule, and a file that is not JSON', () => {
    const error = (json: unknown): string => {
      try {
        parseAlertRules(json, 'alerts.json');
      } catch (caught) {
        if (caught instanceof AlertRulesFileError) return caught.message;
        throw caught;
      }
      throw new Error('accepted');
    };
    expect(error({ lowScores: { count: 'three' } })).toMatch(/^alert rules alerts\.json are invalid:\n {2}- lowScores\.count: .*expected number/);
    expect(error({ lowScores: { maxScore: 5 } })).toMatch(/lowScores\.maxScore: .*<=4/);
    expect(error({ officeSatisfaction: { belowShare: 80 } })).toMatch(/officeSatisfaction\.belowShare: .*<=1/);
    expect(error({ deviceSilentMinutes: 0 })).toMatch(/deviceSilentMinutes: /);
    expect(error({ paperOut: 'yes' })).toMatch(/paperOut: .*expected boolean/);
    expect(error({ lowscores: {} })).toMatch(/Unrecognized key: "lowscores"/);
    expect(error([])).toMatch(/\(top level\)/);
    const path = join(tempDir(), 'broken.json');
    writeFileSync(path, '{ "lowScores": ');
    expect(() => loadAlertRules(path)).toThrow(new RegExp(`alert rules ${path} cannot be read: .*JSON`));
    expect(() => loadAlertRules(join(tempDir(), 'missing.json'))).toThrow(/cannot be read: .*ENOENT/);
  });
});
