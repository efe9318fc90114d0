import { createContext, useContext } from 'react';
import type { DashboardClient, PeriodParams } from './dashboardClient.ts';
import type { DashboardLocale } from './format.ts';

/** What every screen of the signed-in dashboard works with: the client, the language, the question. */
export interface DashboardContextValue {
  readonly client: DashboardClient;
  readonly locale: DashboardLocale;
  /** The period and office picked in the toolbar, as the API takes them. */
  readonly query: PeriodParams;
  /** The session ended under a request (401): back to the login. */
  readonly sessionEnded: () => void;
}

export const DashboardContext = createContext<DashboardContextValue | null>(null);

export function useDashboard(): DashboardContextValue {
  const value = useContext(DashboardContext);
  if (!value) throw new Error('useDashboard outside the signed-in dashboard');
  return value;
}
