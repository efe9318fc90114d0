import type { DeviceApi } from '../../../shared/requests/client.ts';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError, Result } from '../../../shared/result.ts';
import type { DiagnosticsView, ExportedDiagnostics, ExportTarget, RequeuedBatches } from '../../../shared/technicianApi.ts';
import { ScreenTitle } from '../../common/ScreenTitle.tsx';
import { settle } from '../call.ts';
import { clockOffset, humanBytes, splitDuration, stamp } from '../format.ts';
import './diagnostics.css';

type Loaded = { readonly kind: 'loading' } | { readonly kind: 'failed'; readonly error: KioskError } | { readonly kind: 'ready'; readonly view: DiagnosticsView };

type Requeue = { readonly kind: 'idle' } | { readonly kind: 'marking' } | { readonly kind: 'done'; readonly result: Result<RequeuedBatches> };

type Export =
  | { readonly kind: 'idle' }
  | { readonly kind: 'listing' }
  | { readonly kind: 'choosing'; readonly targets: readonly ExportTarget[] }
  | { readonly kind: 'writing'; readonly target: ExportTarget }
  | { readonly kind: 'done'; readonly result: Result<ExportedDiagnostics> | Result<readonly ExportTarget[]> };

/**
 * What a technician needs months later to find out why a kiosk misbehaves: versions and paths,
 * today's counts, sync progress and errors, the devices' state and counters, the latest log lines,
 * and an export of it all to a USB stick.
 */
export function Diagnostics({ technician, onBack }: { readonly technician: DeviceApi; readonly onBack: () => void }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [exporting, setExporting] = useState<Export>({ kind: 'idle' });
  const [requeue, setRequeue] = useState<Requeue>({ kind: 'idle' });

  const refresh = useCallback(() => {
    setLoaded((current) => (current.kind === 'ready' ? current : { kind: 'loading' }));
    void settle(technician.request('getDiagnostics', {})).then((result) =>
      setLoaded(result.ok ? { kind: 'ready', view: result.value } : { kind: 'failed', error: result.error }),
    );
  }, [technician]);
  useEffect(refresh, [refresh]);

  const startExport = (): void => {
    setExporting({ kind: 'listing' });
    void settle(technician.request('listExportTargets', {})).then((result) =>
      setExporting(result.ok ? { kind: 'choosing', targets: result.value } : { kind: 'done', result }),
    );
  };
  // Quarantined batches go out again once (after the collector was fixed); the screen shows the new counts.
  const requeueQuarantined = (): void => {
    setRequeue({ kind: 'marking' });
    void settle(technician.request('requeueQuarantined', {})).then((result) => {
      setRequeue({ kind: 'done', result });
      refresh();
    });
  };
  const exportTo = (target: ExportTarget): void => {
    setExporting({ kind: 'writing', target });
    void settle(technician.request('exportDiagnostics', { folder: target.path })).then((result) => setExporting({ kind: 'done', result }));
  };

  return (
    <>
      <main className="technician__main diagnostics" data-testid="diagnostics">
        <ScreenTitle id="diagnostics-title">{t('technician.diagnostics.title')}</ScreenTitle>
        {exporting.kind !== 'idle' && <ExportPanel state={exporting} onPick={exportTo} onClose={() => setExporting({ kind: 'idle' })} />}
        {loaded.kind === 'loading' && <p className="technician__status">{t('technician.common.loading')}</p>}
        {loaded.kind === 'failed' && (
          <p className="technician__error" role="alert">
            {t('technician.common.failed', { message: loaded.error.message })}
          </p>
        )}
        {loaded.kind === 'ready' && <DiagnosticsSections view={loaded.view} requeue={requeue} onRequeue={requeueQuarantined} />}
      </main>
      <footer className="technician__nav">
        <button type="button" className="technician-button" data-testid="diagnostics-back" onClick={onBack}>
          {t('technician.common.back')}
        </button>
        <button type="button" className="technician-button" data-testid="diagnostics-refresh" onClick={refresh}>
          {t('technician.diagnostics.refresh')}
        </button>
        <button
          type="button"
          className="technician-button technician-button--primary"
          data-testid="diagnostics-export"
          disabled={exporting.kind === 'listing' || exporting.kind === 'writing'}
          onClick={startExport}
        >
          {t('technician.diagnostics.export')}
        </button>
      </footer>
    </>
  );
}

function ExportPanel({ state, onPick, onClose }: { readonly state: Export; readonly onPick: (target: ExportTarget) => void; readonly onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <section className="technician-panel export" aria-labelledby="export-title" data-testid="export-panel">
      <h2 id="export-title" className="technician-panel__title">
        {t('technician.diagnostics.exportTitle')}
      </h2>
      {state.kind === 'listing' && <p className="technician__status">{t('technician.common.loading')}</p>}
      {state.kind === 'choosing' &&
        (state.targets.length === 0 ? (
          <p className="technician__error" role="alert">
            {t('technician.diagnostics.noTargets')}
          </p>
        ) : (
          <ul className="export__targets">
            {state.targets.map((target) => (
              <li key={target.path}>
                <button type="button" className="technician-option" data-testid="export-target" data-path={target.path} onClick={() => onPick(target)}>
                  <span className="technician-option__name">{t(`technician.diagnostics.target.${target.kind}`, { name: target.name })}</span>
                  <span className="technician-option__detail">
                    {target.path}
                    {target.removable ? ` · ${t('technician.diagnostics.removable')}` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ))}
      {state.kind === 'writing' && <p className="technician__status">{t('technician.diagnostics.writing', { path: state.target.path })}</p>}
      {state.kind === 'done' && <ExportOutcome result={state.result} />}
      <button type="button" className="technician-button" data-testid="export-close" onClick={onClose}>
        {t('technician.common.close')}
      </button>
    </section>
  );
}

function ExportOutcome({ result }: { readonly result: Result<ExportedDiagnostics> | Result<readonly ExportTarget[]> }) {
  const { t } = useTranslation();
  if (!result.ok) {
    return (
      <p className="technician__error" role="alert" data-testid="export-result">
        {t('technician.diagnostics.exportFailed', { message: result.error.message })}
      </p>
    );
  }
  if (!('file' in result.value)) return null;
  const size = humanBytes(result.value.bytes);
  return (
    <p className="technician__ok" role="status" data-testid="export-result">
      {t('technician.diagnostics.exported', { file: result.value.file, size: t(`technician.units.${size.unit}`, { value: size.value }) })}
    </p>
  );
}

function Section({ id, title, children }: { readonly id: string; readonly title: string; readonly children: ReactNode }) {
  return (
    <section className="technician-panel" aria-labelledby={`diag-${id}`} data-testid={`diagnostics-section-${id}`}>
      <h2 id={`diag-${id}`} className="technician-panel__title">
        {title}
      </h2>
      {children}
    </section>
  );
}

function Fact({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Counters({ counters }: { readonly counters: Readonly<Record<string, number>> }) {
  const { t } = useTranslation();
  const entries = Object.entries(counters);
  if (entries.length === 0) return <>{t('technician.diagnostics.none')}</>;
  return (
    <ul className="counters">
      {entries.map(([name, count]) => (
        <li key={name}>
          <span className="counters__name">{name}</span> <span className="counters__count">{count}</span>
        </li>
      ))}
    </ul>
  );
}

/** The latest log lines, scrolled to the newest (last) one; focusable so a keyboard can scroll it too. */
function LogBox({ lines }: { readonly lines: readonly string[] }) {
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines]);
  return (
    <pre ref={box} className="log" tabIndex={0} role="log" aria-labelledby="diag-log" data-testid="diagnostics-log">
      {lines.join('\n')}
    </pre>
  );
}

function RequeueOutcome({ state }: { readonly state: Requeue }) {
  const { t } = useTranslation();
  if (state.kind !== 'done') return null;
  if (!state.result.ok) {
    return (
      <p className="technician__error" role="alert" data-testid="requeue-result">
        {t('technician.diagnostics.requeueFailed', { message: state.result.error.message })}
      </p>
    );
  }
  const { batches, events } = state.result.value;
  return (
    <p className="technician__ok" role="status" data-testid="requeue-result">
      {batches === 0 ? t('technician.diagnostics.requeueNothing') : t('technician.diagnostics.requeued', { count: batches, events: t('technician.diagnostics.eventCount', { count: events }) })}
    </p>
  );
}

function DiagnosticsSections({ view, requeue, onRequeue }: { readonly view: DiagnosticsView; readonly requeue: Requeue; readonly onRequeue: () => void }) {
  const { t } = useTranslation();
  const when = (iso: string | null): string => (iso ? (stamp(iso) ?? iso) : t('technician.diagnostics.never'));
  const uptime = splitDuration(view.uptimeSeconds);
  const size = view.databaseBytes === null ? null : humanBytes(view.databaseBytes);
  const offset = view.clockOffsetMs === null ? null : clockOffset(view.clockOffsetMs);
  const events = Object.entries(view.eventsToday);
  const dash = t('technician.diagnostics.unknown');

  return (
    <div className="diagnostics__sections">
      <Section id="about" title={t('technician.diagnostics.about')}>
        <dl className="facts">
          <Fact label={t('technician.diagnostics.version')}>{view.version}</Fact>
          <Fact label={t('technician.diagnostics.uptime')}>
            {t(uptime.days > 0 ? 'technician.units.uptimeDays' : 'technician.units.uptime', { ...uptime })} ({when(view.startedAt)})
          </Fact>
          <Fact label={t('technician.diagnostics.configPath')}>
            <span className="path">{view.configPath ?? dash}</span>
          </Fact>
          <Fact label={t('technician.diagnostics.dataDir')}>
            <span className="path">{view.dataDir}</span>
          </Fact>
          <Fact label={t('technician.diagnostics.schemaVersion')}>{view.schemaVersion ?? dash}</Fact>
          <Fact label={t('technician.diagnostics.databaseSize')}>{size ? t(`technician.units.${size.unit}`, { value: size.value }) : dash}</Fact>
          <Fact label={t('technician.diagnostics.clockOffset')}>
            {offset ? t(`technician.diagnostics.clock.${offset.direction}`, { seconds: offset.seconds }) : dash}
          </Fact>
        </dl>
      </Section>

      <Section id="events" title={t('technician.diagnostics.eventsToday')}>
        <dl className="facts">
          {events.length === 0 ? (
            <Fact label={t('technician.diagnostics.events')}>{t('technician.diagnostics.none')}</Fact>
          ) : (
            events.map(([type, count]) => (
              <Fact key={type} label={type}>
                {count}
              </Fact>
            ))
          )}
          <Fact label={t('technician.diagnostics.suppressed')}>{view.suppressedToday}</Fact>
        </dl>
      </Section>

      <Section id="sync" title={t('technician.diagnostics.sync')}>
        {view.sync.configured ? (
          <dl className="facts">
            <Fact label={t('technician.diagnostics.pending')}>{view.sync.pending}</Fact>
            <Fact label={t('technician.diagnostics.oldestPending')}>{view.sync.oldestPendingAt ? when(view.sync.oldestPendingAt) : dash}</Fact>
            <Fact label={t('technician.diagnostics.lastSuccess')}>{when(view.sync.lastSuccessAt)}</Fact>
            <Fact label={t('technician.diagnostics.lastError')}>
              {view.sync.lastError ? `${view.sync.lastError}${view.sync.lastErrorAt ? ` (${when(view.sync.lastErrorAt)})` : ''}` : dash}
            </Fact>
            <Fact label={t('technician.diagnostics.paused')}>
              <span data-testid="diagnostics-sync-paused" data-kind={view.sync.pausedKind ?? ''}>
                {view.sync.paused
                  ? view.sync.pausedKind
                    ? t('technician.diagnostics.pausedBecause', { reason: view.sync.paused, what: t(`technician.diagnostics.pausedKind.${view.sync.pausedKind}`) })
                    : view.sync.paused
                  : t('technician.diagnostics.no')}
              </span>
            </Fact>
            {view.sync.waitingForToken.length > 0 && (
              <Fact label={t('technician.diagnostics.waitingForToken')}>
                {view.sync.waitingForToken.map((device) => t('technician.diagnostics.waitingDevice', { deviceId: device.deviceId, count: device.pending })).join('; ')}
              </Fact>
            )}
            <Fact label={t('technician.diagnostics.quarantined')}>
              <span data-testid="diagnostics-sync-quarantined">
                {view.sync.quarantinedBatches === 0
                  ? t('technician.diagnostics.none')
                  : t('technician.diagnostics.quarantinedBatches', { count: view.sync.quarantinedBatches, events: t('technician.diagnostics.eventCount', { count: view.sync.quarantinedEvents }) })}
                {view.sync.requeuedBatches > 0 ? ` · ${t('technician.diagnostics.requeuedBatches', { count: view.sync.requeuedBatches })}` : ''}
              </span>
            </Fact>
          </dl>
        ) : (
          <p className="technician__status">
            {t('technician.diagnostics.syncOff', { pending: view.sync.pending })}
          </p>
        )}
      </Section>

      {view.sync.quarantinedBatches > view.sync.requeuedBatches || requeue.kind === 'done' ? (
        <div className="diagnostics__actions" aria-live="polite">
          {view.sync.quarantinedBatches > view.sync.requeuedBatches && (
            <button type="button" className="technician-button" data-testid="diagnostics-requeue" disabled={requeue.kind === 'marking'} onClick={onRequeue}>
              {t('technician.diagnostics.requeue')}
            </button>
          )}
          <RequeueOutcome state={requeue} />
        </div>
      ) : null}

      <Section id="buttons" title={t('technician.diagnostics.buttons')}>
        {view.buttons ? (
          <dl className="facts">
            <Fact label={t('technician.diagnostics.path')}>
              <span className="path">{view.buttons.path}</span>
            </Fact>
            <Fact label={t('technician.diagnostics.state')}>
              {t(`technician.diagnostics.buttonState.${view.buttons.state === 'not running' ? 'notRunning' : view.buttons.state}`, { defaultValue: view.buttons.state })}
            </Fact>
            <Fact label={t('technician.diagnostics.lastError')}>{view.buttons.lastError ?? dash}</Fact>
            <Fact label={t('technician.diagnostics.counters')}>
              <Counters counters={view.buttons.counters} />
            </Fact>
          </dl>
        ) : (
          <p className="technician__status">{t('technician.diagnostics.notConfigured')}</p>
        )}
      </Section>

      <Section id="printer" title={t('technician.diagnostics.printer')}>
        {view.printer ? (
          <dl className="facts">
            <Fact label={t('technician.diagnostics.path')}>
              <span className="path">{view.printer.path}</span>
            </Fact>
            <Fact label={t('technician.diagnostics.state')}>
              {t(view.printer.connected ? 'technician.diagnostics.connected' : 'technician.diagnostics.disconnected')}
            </Fact>
            <Fact label={t('technician.diagnostics.lastFault')}>{view.printer.lastFault ?? dash}</Fact>
            <Fact label={t('technician.diagnostics.counters')}>
              <Counters counters={view.printer.counters} />
            </Fact>
          </dl>
        ) : (
          <p className="technician__status">{t('technician.diagnostics.notConfigured')}</p>
        )}
      </Section>

      <Section id="log" title={t('technician.diagnostics.log', { lines: view.logLines.length })}>
        {view.logLines.length === 0 ? (
          <p className="technician__status">{t('technician.diagnostics.logEmpty')}</p>
        ) : (
          <LogBox lines={view.logLines} />
        )}
      </Section>
    </div>
  );
}
