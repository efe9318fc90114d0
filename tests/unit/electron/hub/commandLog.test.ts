import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../../electron/core/store/openDatabase.ts';
import { commandLog } from '../../../../electron/hub/commandLog.ts';
import { useTempDirs } from '../../../helpers/tempDir.ts';

const tempDir = useTempDirs();

describe('command log', () => {
  it('keeps each idempotency key’s answer once, across a reopen', () => {
    const file = join(tempDir(), 'okno.db');
    const { db } = openDatabase({ file });
    const log = commandLog(db);
    const key = '0199a3c4-1111-7000-8000-000000000001';
    expect(log.find(key)).toBeNull();
    log.record(key, '2', { ok: false, refusal: 'queue-empty', message: 'nobody waits' }, '2026-11-23T10:00:00.000+03:00');
    expect(() => log.record(key, '2', { ok: true, revision: 3, ticket: null }, 'x')).toThrow(/UNIQUE/);
    db.close();
    const again = openDatabase({ file }).db;
    expect(commandLog(again).find(key)).toEqual({ window: '2', answer: { ok: false, refusal: 'queue-empty', message: 'nobody waits' } });
    again.close();
  });
});
