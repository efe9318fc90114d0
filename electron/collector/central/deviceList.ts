import type pg from 'pg';
import { z } from 'zod';
import { devicesSchema, type Devices } from '../../../shared/central/dashboardApi.ts';
import type { CentralReadModel, Scope } from './readModel.ts';

const healthRow = z.object({
  device_id: z.string(),
  office: z.string().nullable(),
  last_seen_at: z.date(),
  status_at: z.string().nullable(),
  status: z.unknown(),
});

/**
 * The dashboard's device list (CentralReadModel['devices']), read from device_health: a city account
 * sees every device, an office account its office's only. Offices first, then device ids, so the
 * page and its CSV keep one order.
 */
export function centralDevices(pool: pg.Pool): CentralReadModel['devices'] {
  return async (scope: Scope): Promise<Devices> => {
    const office = scope.role === 'city' ? null : scope.office;
    if (scope.role === 'office' && office === null) return { devices: [] };
    const { rows } = await pool.query(
      `SELECT device_id, office, last_seen_at, status_at, status FROM device_health
        WHERE $1::text IS NULL OR office = $1
        ORDER BY office NULLS LAST, device_id`,
      [office],
    );
    // The stored status was validated on the way in; it is checked again against today's schema, so
    // a status from an older collector that no longer fits shows as none rather than breaking the page.
    return devicesSchema.parse({
      devices: z
        .array(healthRow)
        .parse(rows)
        .map((row) => {
          const status = devicesSchema.shape.devices.element.shape.status.safeParse(row.status);
          return {
            deviceId: row.device_id,
            office: row.office,
            lastSeenAt: row.last_seen_at.toISOString(),
            statusAt: status.success && status.data !== null ? row.status_at : null,
            status: status.success ? status.data : null,
          };
        }),
    });
  };
}
