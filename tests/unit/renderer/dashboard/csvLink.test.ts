import { describe, expect, it } from 'vitest';
import { CSV_TABLES } from '../../../../shared/central/dashboardApi.ts';
import { csvHref, queryString } from '../../../../renderer/dashboard/csvLink.ts';

describe('CSV links', () => {
  it('the table’s .csv under the API with the same query as its JSON', () => {
    expect(csvHref('overview', { from: '2026-11-27', to: '2026-12-03', office: 'mfc-arbat' })).toBe('/dashboard/api/overview.csv?from=2026-11-27&to=2026-12-03&office=mfc-arbat');
    expect(csvHref('drill', { from: '2026-12-01', to: '2026-12-03', level: 'operator', office: 'a', window: '5', service: 'passport' })).toBe(
      '/dashboard/api/drill.csv?from=2026-12-01&to=2026-12-03&level=operator&office=a&window=5&service=passport',
    );
  });

  it('leaves out values not given, and escapes the rest', () => {
    expect(csvHref('devices', { office: undefined })).toBe('/dashboard/api/devices.csv');
    expect(csvHref('alerts', { state: 'all', office: '' })).toBe('/dashboard/api/alerts.csv?state=all');
    expect(queryString({ office: 'МФЦ Арбат & Co' })).toBe('?office=%D0%9C%D0%A4%D0%A6+%D0%90%D1%80%D0%B1%D0%B0%D1%82+%26+Co');
  });

  it('every table of the contract has its link', () => {
    for (const table of CSV_TABLES) expect(csvHref(table, {})).toBe(`/dashboard/api/${table}.csv`);
  });
});
