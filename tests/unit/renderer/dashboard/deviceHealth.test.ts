import { describe, expect, it } from 'vitest';
import type { DeviceHealth } from '../../../../shared/central/dashboardApi.ts';
import { deviceProblems } from '../../../../renderer/dashboard/deviceHealth.ts';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const status = {
  reason: 'periodic',
  version: '0.1.0',
  mode: 'tickets',
  backlog: 0,
  oldestUnsentAt: null,
  clockOffsetMs: 120,
  buttons: 'none',
  printer: 'ready',
  storage: 'ok',
  storageProblem: null,
  hub: 'connected',
  failedWrites: 0,
} as const satisfies DeviceHealth['status'];
const device = (change: Partial<DeviceHealth> = {}, statusChange: Partial<NonNullable<DeviceHealth['status']>> = {}): DeviceHealth => ({
  deviceId: 'd1',
  office: 'mfc-arbat',
  lastSeenAt: '2026-12-03T11:55:00Z',
  statusAt: '2026-12-03T11:55:00Z',
  status: { ...status, ...statusChange },
  ...change,
});

describe('device problems on the health table', () => {
  it('a device heard from lately with nothing wrong has none', () => {
    expect(deviceProblems(device(), NOW)).toEqual([]);
  });

  it('silent over an hour (not at exactly an hour), or without a status yet', () => {
    expect(deviceProblems(device({ lastSeenAt: '2026-12-03T11:00:00Z' }), NOW)).toEqual([]);
    expect(deviceProblems(device({ lastSeenAt: '2026-12-03T10:59:59Z' }), NOW)).toEqual(['silent']);
    expect(deviceProblems(device({ status: null, statusAt: null }), NOW)).toEqual(['no-status']);
  });

  it('printer, buttons, clock over 60 s either way, storage, backlog', () => {
    expect(deviceProblems(device({}, { printer: 'paper-out' }), NOW)).toEqual(['paper-out']);
    expect(deviceProblems(device({}, { printer: 'paper-near-end' }), NOW)).toEqual(['paper-low']);
    expect(deviceProblems(device({}, { printer: 'cover-open' }), NOW)).toEqual(['printer']);
    expect(deviceProblems(device({}, { printer: 'unknown' }), NOW)).toEqual([]);
    expect(deviceProblems(device({}, { buttons: 'waiting' }), NOW)).toEqual(['buttons']);
    expect(deviceProblems(device({}, { clockOffsetMs: -60_001 }), NOW)).toEqual(['clock']);
    expect(deviceProblems(device({}, { clockOffsetMs: 60_000 }), NOW)).toEqual([]);
    expect(deviceProblems(device({}, { storage: 'failing' }), NOW)).toEqual(['storage']);
    expect(deviceProblems(device({}, { backlog: 100 }), NOW)).toEqual(['backlog']);
  });
});
