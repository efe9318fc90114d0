import { z } from 'zod';
import {
  ackRequestSchema,
  alertSchema,
  alertsSchema,
  apiErrorSchema,
  CSRF_HEADER,
  DASHBOARD_API,
  devicesSchema,
  drillSchema,
  followUpsSchema,
  heatmapSchema,
  meSchema,
  overviewSchema,
  queueFiguresSchema,
  type Alert,
  type Alerts,
  type Devices,
  type Drill,
  type DrillQuery,
  type FollowUps,
  type Heatmap,
  type Me,
  type Overview,
  type PeriodQuery,
  type QueueFigures,
} from '../../shared/central/dashboardApi.ts';
import { queryString } from './csvLink.ts';

/**
 * The page's only door to the collector: every answer is parsed with the contract's schemas
 * (shared/central/dashboardApi.ts), every POST carries the session's CSRF token, and every refusal
 * becomes one of a few failures the page knows how to say.
 *
 * Login and logout are POST /dashboard/api/login and /dashboard/api/logout (the contract names the
 * answer, meSchema; these are the paths). Login carries no CSRF token: there is no session yet.
 */

export type Failure =
  /** No session, or it ended: back to the login. */
  | { readonly kind: 'unauthorized' }
  /** Logged in, but this is not the account's to see (another office). */
  | { readonly kind: 'forbidden' }
  /** The database is down: try again (Retry-After seconds when given). */
  | { readonly kind: 'unavailable'; readonly retryAfterSeconds: number | null }
  /** Login: too many wrong passwords, the account waits. */
  | { readonly kind: 'locked'; readonly retryAfterSeconds: number | null }
  /** The collector could not be reached. */
  | { readonly kind: 'network' }
  /** An answer that does not match the contract (a different collector version). */
  | { readonly kind: 'invalid-answer' }
  /** Any other refusal, with the collector's own sentence. */
  | { readonly kind: 'refused'; readonly status: number; readonly reason: string };

export class DashboardFailure extends Error {
  readonly failure: Failure;

  constructor(failure: Failure) {
    super(`dashboard request failed: ${failure.kind}`);
    this.failure = failure;
  }
}

const retryAfter = (response: Response): number | null => {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? value : null;
};

async function reasonOf(response: Response): Promise<string> {
  try {
    const parsed = apiErrorSchema.safeParse(await response.json());
    return parsed.success ? parsed.data.reason : response.statusText;
  } catch {
    return response.statusText;
  }
}

async function failureOf(response: Response): Promise<Failure> {
  switch (response.status) {
    case 401:
      return { kind: 'unauthorized' };
    case 403:
      return { kind: 'forbidden' };
    case 423:
    case 429:
      return { kind: 'locked', retryAfterSeconds: retryAfter(response) };
    case 503:
      return { kind: 'unavailable', retryAfterSeconds: retryAfter(response) };
    default:
      return { kind: 'refused', status: response.status, reason: await reasonOf(response) };
  }
}

export type PeriodParams = Pick<PeriodQuery, 'from' | 'to' | 'office'>;

export class DashboardClient {
  private csrfToken: string | null = null;
  private readonly fetchImpl: typeof fetch;

  constructor(fetchImpl: typeof fetch = (input, init) => fetch(input, init)) {
    this.fetchImpl = fetchImpl;
  }

  private async request<T>(path: string, schema: z.ZodType<T>, init: RequestInit = {}): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(`${DASHBOARD_API}${path}`, { credentials: 'same-origin', ...init });
    } catch {
      throw new DashboardFailure({ kind: 'network' });
    }
    if (!response.ok) throw new DashboardFailure(await failureOf(response));
    let body: unknown;
    try {
      body = response.status === 204 ? null : await response.json();
    } catch {
      throw new DashboardFailure({ kind: 'invalid-answer' });
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new DashboardFailure({ kind: 'invalid-answer' });
    return parsed.data;
  }

  private post<T>(path: string, body: unknown, schema: z.ZodType<T>, withCsrf = true): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (withCsrf && this.csrfToken !== null) headers[CSRF_HEADER] = this.csrfToken;
    return this.request(path, schema, { method: 'POST', headers, body: JSON.stringify(body) });
  }

  private remember(me: Me): Me {
    this.csrfToken = me.csrfToken;
    return me;
  }

  async me(): Promise<Me> {
    return this.remember(await this.request('/me', meSchema));
  }

  async login(username: string, password: string): Promise<Me> {
    return this.remember(await this.post('/login', { username, password }, meSchema, false));
  }

  async logout(): Promise<void> {
    try {
      await this.post('/logout', {}, anyAnswer);
    } finally {
      this.csrfToken = null;
    }
  }

  overview(query: PeriodParams): Promise<Overview> {
    return this.request(`/overview${queryString(query)}`, overviewSchema);
  }

  drill(query: DrillQuery): Promise<Drill> {
    return this.request(`/drill${queryString(query)}`, drillSchema);
  }

  heatmap(query: PeriodParams): Promise<Heatmap> {
    return this.request(`/heatmap${queryString(query)}`, heatmapSchema);
  }

  followUps(query: PeriodParams): Promise<FollowUps> {
    return this.request(`/followups${queryString(query)}`, followUpsSchema);
  }

  queue(query: PeriodParams): Promise<QueueFigures> {
    return this.request(`/queue${queryString(query)}`, queueFiguresSchema);
  }

  devices(office: string | undefined): Promise<Devices> {
    return this.request(`/devices${queryString({ office })}`, devicesSchema);
  }

  alerts(state: 'open' | 'all', office: string | undefined): Promise<Alerts> {
    return this.request(`/alerts${queryString({ state, office })}`, alertsSchema);
  }

  acknowledge(id: string, comment: string): Promise<Alert> {
    const body = ackRequestSchema.parse({ comment });
    return this.post(`/alerts/${encodeURIComponent(id)}/ack`, body, alertSchema);
  }
}

/** Logout's answer is not read: whatever it says, the page forgets the session. */
const anyAnswer = z.unknown();
