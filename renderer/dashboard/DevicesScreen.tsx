import { useTranslation } from 'react-i18next';
import type { DeviceHealth, Devices } from '../../shared/central/dashboardApi.ts';
import { useDashboard } from './dashboardContext.ts';
import { deviceProblems } from './deviceHealth.ts';
import { formatCount, formatMoment, NO_FIGURE } from './format.ts';
import { CsvLink, Loaded, SectionHeading, TableBox } from './parts.tsx';
import { ScreenTitle } from './ScreenTitle.tsx';
import { useLoad } from './useLoad.ts';

/** Each device's last contact and latest status; a row with a problem is highlighted and names it. */
export function DevicesScreen() {
  const { t } = useTranslation();
  const { client, query } = useDashboard();
  const load = useLoad<Devices>(() => client.devices(query.office), query.office ?? '');
  return (
    <section className="screen" aria-labelledby="screen-title">
      <ScreenTitle>{t('devices.title')}</ScreenTitle>
      <SectionHeading id="devices-title" title={t('devices.caption')} csv={<CsvLink table="devices" title={t('devices.title')} />} />
      <Loaded load={load}>{(devices) => <DevicesTable devices={devices.devices} nowMs={Date.now()} />}</Loaded>
    </section>
  );
}

function DevicesTable({ devices, nowMs }: { readonly devices: readonly DeviceHealth[]; readonly nowMs: number }) {
  const { t } = useTranslation();
  const { locale } = useDashboard();
  if (devices.length === 0) return <p className="notice">{t('devices.empty')}</p>;
  return (
    <TableBox labelledBy="devices-title">
      <table className="table" data-testid="devices-table">
        <thead>
          <tr>
            <th scope="col">{t('devices.device')}</th>
            <th scope="col">{t('devices.office')}</th>
            <th scope="col">{t('devices.problems')}</th>
            <th scope="col">{t('devices.lastSeen')}</th>
            <th scope="col">{t('devices.mode')}</th>
            <th scope="col">{t('devices.printer')}</th>
            <th scope="col">{t('devices.buttons')}</th>
            <th scope="col">{t('devices.backlog')}</th>
            <th scope="col">{t('devices.clock')}</th>
            <th scope="col">{t('devices.version')}</th>
          </tr>
        </thead>
        <tbody>
          {devices.map((device) => {
            const problems = deviceProblems(device, nowMs);
            const status = device.status;
            return (
              <tr key={device.deviceId} data-device={device.deviceId} className={problems.length > 0 ? 'table__row--problem' : undefined}>
                <th scope="row" className="table__code">
                  {device.deviceId}
                </th>
                <td>{device.office ?? NO_FIGURE}</td>
                <td>
                  {problems.length === 0 ? (
                    t('devices.ok')
                  ) : (
                    <ul className="problems">
                      {problems.map((problem) => (
                        <li key={problem} className="problems__item" data-problem={problem}>
                          <span aria-hidden="true">⚠ </span>
                          {t(`devices.problem.${problem}`)}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>{formatMoment(device.lastSeenAt, locale)}</td>
                <td>{status ? t(`devices.modes.${status.mode}`) : NO_FIGURE}</td>
                <td>{status ? t(`devices.printerStates.${status.printer}`) : NO_FIGURE}</td>
                <td>{status ? t(`devices.boxStates.${status.buttons}`) : NO_FIGURE}</td>
                <td className="table__number">{status?.backlog == null ? NO_FIGURE : formatCount(status.backlog, locale)}</td>
                <td className="table__number">{status?.clockOffsetMs == null ? NO_FIGURE : formatCount(Math.round(status.clockOffsetMs / 1000), locale)}</td>
                <td>{status?.version ?? NO_FIGURE}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableBox>
  );
}
