import type { TechnicianView } from '../../../shared/technicianApi.ts';

/** What a kiosk reports on its own; the device host puts the technician session's view over it. */
export const TECHNICIAN_CLOSED: TechnicianView = Object.freeze({ phase: 'closed' });
