import { describe, expect, it } from 'vitest';
import type { OperatorView, OperatorWindowView } from '../../../../shared/kioskApi.ts';
import { commandButtons, commandForKey, CONSOLE_KEYS } from '../../../../renderer/operator/consoleCommands.ts';

const ticket = (phase: 'called' | 'serving') => ({
  ticketId: '0196a5d2-0000-7000-8000-000000000017',
  number: 'П-017',
  serviceId: 'passport',
  serviceName: { ru: 'Паспорт' },
  phase,
  calledAt: '2026-11-23T07:14:30.000Z',
  waitedMinutes: 3,
  recalls: 0,
});

const view = (window: Partial<OperatorWindowView> | null, patch: Partial<OperatorView> = {}): OperatorView => ({
  connection: { state: 'connected', problem: null },
  staleSince: null,
  synced: true,
  window: window === null ? null : { id: '2', label: 'Окно 2', status: 'open', operator: { id: 'petrov', name: 'Петров' }, current: null, ...window },
  services: [],
  windows: [],
  pending: null,
  notice: null,
  ...patch,
});

const enabled = (v: OperatorView): string[] => commandButtons(v).filter((b) => b.enabled).map((b) => b.command);

describe("the console's buttons", () => {
  it('an open window with no ticket: call next, or a break', () => {
    expect(enabled(view({}))).toEqual(['call-next', 'pause']);
  });

  it('a called ticket: recall, start, finish, no-show, redirect — not another call', () => {
    expect(enabled(view({ current: ticket('called') }))).toEqual(['recall', 'start', 'finish', 'no-show', 'redirect', 'pause']);
  });

  it('a ticket at the window: finish or redirect', () => {
    expect(enabled(view({ current: ticket('serving') }))).toEqual(['finish', 'redirect', 'pause']);
  });

  it('on a break: only resume, on the same key as the break', () => {
    const paused = view({ status: 'paused' });
    expect(enabled(paused)).toEqual(['resume']);
    expect(commandButtons(paused).at(-1)).toEqual({ command: 'resume', key: 'F6', enabled: true, primary: false });
    expect(commandForKey('F6', paused)).toBe('resume');
    expect(commandForKey('F6', view({}))).toBe('pause');
  });

  it('nothing while a request is on its way, without a live link, signed out or before the window is known', () => {
    expect(enabled(view({ current: ticket('called') }, { pending: 'recall' }))).toEqual([]);
    expect(enabled(view({}, { connection: { state: 'connecting', problem: 'down' } }))).toEqual([]);
    expect(enabled(view({ status: 'closed', operator: null }))).toEqual([]);
    expect(enabled(view(null))).toEqual([]);
  });

  it('the keys: F1 calls next, F2 recalls, F3 finishes, F4 no-show, F5 redirects; a key whose button is off does nothing', () => {
    const called = view({ current: ticket('called') });
    expect(['F1', 'F2', 'F3', 'F4', 'F5', 'F7'].map((key) => commandForKey(key, called))).toEqual([null, 'recall', 'finish', 'no-show', 'redirect', 'start']);
    expect(commandForKey('F1', view({}))).toBe('call-next');
    expect(commandForKey('F12', view({}))).toBeNull();
    expect([...CONSOLE_KEYS].sort()).toEqual(['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7']);
  });
});
