import type { Alerts, CsvTable, Devices, Drill, FollowUps, Heatmap, Overview, QueueFigures, QueueRow, Satisfaction } from '../../../shared/central/dashboardApi.ts';

/**
 * The dashboard's tables as CSV (RFC 4180: CRLF, a field in double quotes when it holds a quote, a
 * comma or a line break, quotes doubled), safe to open in a spreadsheet: a text cell that starts
 * with = + - @ (or a tab or CR) gets a leading ' so it is shown, not run as a formula. Numbers are
 * written as numbers. A UTF-8 byte order mark first, so Excel reads Cyrillic office names right.
 */
export type Cell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvText(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const figures = (s: Satisfaction): Cell[] => [s.count, s.average, s.topTwoShare];
const FIGURES = ['count', 'average', 'top_two_share'];

const queueCells = (group: string, row: QueueRow): Cell[] => [group, row.key, row.called, row.averageWaitSeconds, row.overNormShare, row.finished, row.averageServiceSeconds];

/** What each table's JSON route answers. */
export interface TableAnswers {
  overview: Overview;
  drill: Drill;
  heatmap: Heatmap;
  followups: FollowUps;
  queue: QueueFigures;
  devices: Devices;
  alerts: Alerts;
}

export interface CsvRows {
  readonly header: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** Each table's answer to the header and rows of its CSV. */
export const CSV_OF: { readonly [T in CsvTable]: (answer: TableAnswers[T]) => CsvRows } = {
  overview: (o: Overview) => ({
    header: ['rank', 'office', ...FIGURES, 'previous_count', 'previous_average', 'previous_top_two_share'],
    rows: o.offices.map((row, i) => [i + 1, row.office, ...figures(row.current), ...figures(row.previous)]),
  }),
  drill: (d: Drill) => ({
    header: ['level', 'key', 'withheld', ...FIGURES],
    rows: d.rows.map((row) => [d.level, row.key, row.withheld, ...figures(row.figures)]),
  }),
  heatmap: (h: Heatmap) => ({
    header: ['weekday', 'hour', ...FIGURES],
    rows: h.cells.map((cell) => [cell.weekday, cell.hour, ...figures(cell.figures)]),
  }),
  followups: (f: FollowUps) => ({ header: ['reason', 'count'], rows: f.rows.map((row) => [row.reason, row.count]) }),
  queue: (q: QueueFigures) => ({
    header: ['group', 'key', 'called', 'average_wait_seconds', 'over_norm_share', 'finished', 'average_service_seconds'],
    rows: [queueCells('total', q.total), ...q.byService.map((row) => queueCells('service', row)), ...q.byWindow.map((row) => queueCells('window', row))],
  }),
  devices: (d: Devices) => ({
    header: ['device_id', 'office', 'last_seen_at', 'status_at', 'version', 'mode', 'backlog', 'oldest_unsent_at', 'clock_offset_ms', 'buttons', 'printer', 'storage', 'storage_problem', 'hub'],
    rows: d.devices.map((x) => [
      x.deviceId,
      x.office,
      x.lastSeenAt,
      x.statusAt,
      x.status?.version ?? null,
      x.status?.mode ?? null,
      x.status?.backlog ?? null,
      x.status?.oldestUnsentAt ?? null,
      x.status?.clockOffsetMs ?? null,
      x.status?.buttons ?? null,
      x.status?.printer ?? null,
      x.status?.storage ?? null,
      x.status?.storageProblem ?? null,
      x.status?.hub ?? null,
    ]),
  }),
  alerts: (a: Alerts) => ({
    header: ['id', 'kind', 'office', 'window', 'device_id', 'opened_at', 'facts', 'acknowledged_by', 'acknowledged_at', 'comment'],
    rows: a.alerts.map((x) => [
      x.id,
      x.kind,
      x.office,
      x.window,
      x.deviceId,
      x.openedAt,
      Object.entries(x.facts)
        .map(([key, value]) => `${key}=${value}`)
        .join('; '),
      x.acknowledged?.by ?? null,
      x.acknowledged?.at ?? null,
      x.acknowledged?.comment ?? null,
    ]),
  }),
};
