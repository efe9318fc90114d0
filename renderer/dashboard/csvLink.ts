import { DASHBOARD_API, type CsvTable } from '../../shared/central/dashboardApi.ts';

/**
 * The link of a table's CSV export: GET /dashboard/api/{table}.csv with the same query as the table's
 * JSON (shared/central/dashboardApi.ts, CSV_TABLES). Empty values are left out, as the JSON request does.
 */
export function csvHref(table: CsvTable, query: Readonly<Record<string, string | undefined>>): string {
  return `${DASHBOARD_API}/${table}.csv${queryString(query)}`;
}

/** "?a=1&b=2" of the given values (none: ""), in the order given. */
export function queryString(query: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(name, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}
