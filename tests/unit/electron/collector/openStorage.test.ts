import { describe, expect, it } from 'vitest';
import { chooseStorage } from '../../../../electron/collector/openStorage.ts';

describe('okno collector: --db or --store', () => {
  it('takes a SQLite file or a postgres:// URL, not both and not neither', () => {
    expect(chooseStorage({ db: '/var/lib/okno/collector.db' })).toEqual({ engine: 'sqlite', file: '/var/lib/okno/collector.db' });
    expect(chooseStorage({ store: 'postgres://okno@db.example:5432/okno' })).toEqual({ engine: 'postgres', url: 'postgres://okno@db.example:5432/okno' });
    expect(chooseStorage({ store: 'postgresql://okno:secret@127.0.0.1/okno' })).toMatchObject({ engine: 'postgres' });
    expect(chooseStorage({})).toMatch(/--db FILE \(SQLite\) or --store postgres/);
    expect(chooseStorage({ db: 'x.db', store: 'postgres://okno@h/okno' })).toMatch(/give one/);
  });

  it('refuses a --store that is not a PostgreSQL URL, and says what it takes', () => {
    expect(chooseStorage({ store: 'mysql://okno@db/okno' })).toMatch(/^--store: a postgres:\/\/ or postgresql:\/\/ URL/);
    expect(chooseStorage({ store: '/var/lib/okno/collector.db' })).toMatch(/^--store: not a URL/);
  });
});
