import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../../electron/hub/hub.ts';
import { parseHubConfig } from '../../../electron/hub/hubConfigFile.ts';
import { announcementsBodySchema, OFFICE_PATHS } from '../../../shared/office/officeProtocol.ts';
import { callHub } from '../../helpers/officeContract.ts';
import { useTempDirs } from '../../helpers/tempDir.ts';
import { announcementReport, officeConfig, tokenOf } from './hubFixtures.ts';

/**
 * POST /office/v1/announcements with random bodies: a body is taken exactly when the protocol's schema
 * takes it (else a 400 with an Error, checked against the OpenAPI file), never a 5xx, and every report
 * taken is counted once: `accepted + duplicates` is the number of reports sent.
 */
const tempDir = useTempDirs();
const BOARD = 'hall-board';
let hub: Hub;
beforeAll(async () => {
  hub = await startHub({ config: parseHubConfig(await officeConfig(1), 'test'), dataDir: tempDir() });
});
afterAll(async () => {
  await hub.close();
});

const FIELDS = ['announcementId', 'ticketId', 'number', 'recall', 'outcome', 'reason', 'at', 'extra'] as const;
const reportMutation = fc.option(fc.record({ field: fc.constantFrom(...FIELDS), value: fc.jsonValue({ maxDepth: 2 }) }), { nil: undefined });
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({
    deviceId: fc.oneof(fc.constant(BOARD), fc.string({ maxLength: 70 })),
    announcements: fc.array(reportMutation.map((mutation) => (mutation ? { ...announcementReport(), [mutation.field]: mutation.value } : announcementReport())), { maxLength: 6 }),
  }),
);

describe('hub announcements (property test)', () => {
  it('takes a body exactly when the schema does, and counts each report it takes once', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (value) => {
        const answer = await callHub(hub.url, hub.fingerprint, OFFICE_PATHS.announcements, { token: tokenOf(BOARD), body: JSON.stringify(value), expect: 'either' });
        const parsed = announcementsBodySchema.safeParse(value);
        if (!parsed.success) {
          expect(answer.status, JSON.stringify(value)).toBe(400);
          return;
        }
        if (parsed.data.deviceId !== BOARD) {
          expect(answer.status).toBe(403);
          return;
        }
        expect(answer.status).toBe(200);
        const { accepted, duplicates } = answer.json as { accepted: number; duplicates: number };
        expect(accepted + duplicates).toBe(parsed.data.announcements.length);
        expect(accepted).toBe(new Set(parsed.data.announcements.map((item) => item.announcementId)).size);
      }),
      { numRuns: 150 },
    );
    expect(hub.counters).toMatchObject({ internalErrors: 0, storageFailures: 0 });
  });
});
