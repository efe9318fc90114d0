import type { DeviceApi } from '../../../shared/requests/client.ts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskError } from '../../../shared/result.ts';
import { buttonsRules } from '../../../shared/configRules.ts';
import type { PortView } from '../../../shared/technicianApi.ts';
import { settle } from '../call.ts';
import { TextField } from '../TextField.tsx';
import { Choice, ChoiceGroup } from './parts.tsx';

const AUTO_PATH = buttonsRules.autoPath;

/**
 * Which port a device is on: none, one of the serial ports this machine has (path and maker),
 * "auto" (button box only), or a path typed by hand (a printer device file is not a serial port).
 */
export function PortPicker({
  technician,
  name,
  legend,
  value,
  onChange,
  allowAuto,
  invalid,
}: {
  readonly technician: DeviceApi;
  /** "buttons" or "printer": the radio group's name and the test ids' prefix. */
  readonly name: string;
  readonly legend: string;
  readonly value: string | null;
  readonly onChange: (path: string | null) => void;
  readonly allowAuto: boolean;
  readonly invalid: boolean;
}) {
  const { t } = useTranslation();
  const [ports, setPorts] = useState<readonly PortView[] | null>(null);
  const [error, setError] = useState<KioskError | null>(null);
  const [otherPicked, setOtherPicked] = useState(false);

  const refresh = useCallback(() => {
    setError(null);
    void settle(technician.request('listPorts', {})).then((result) => {
      if (result.ok) setPorts(result.value);
      else setError(result.error);
    });
  }, [technician]);
  useEffect(refresh, [refresh]);

  const listed = ports ?? [];
  const isOther = value !== null && value !== AUTO_PATH && (otherPicked || (ports !== null && !listed.some((port) => port.path === value)));
  const pick = (path: string | null): void => {
    setOtherPicked(false);
    onChange(path);
  };

  return (
    <ChoiceGroup legend={legend} className="ports">
      <Choice name={`${name}-port`} value="" checked={value === null} onSelect={() => pick(null)} label={t(`technician.ports.none.${name}`)} testId={`${name}-port-none`} />
      {allowAuto && (
        <Choice
          name={`${name}-port`}
          value={AUTO_PATH}
          checked={value === AUTO_PATH}
          onSelect={() => pick(AUTO_PATH)}
          label={t('technician.ports.auto')}
          detail={t('technician.ports.autoHint')}
          testId={`${name}-port-auto`}
        />
      )}
      {listed.map((port) => (
        <Choice
          key={port.path}
          name={`${name}-port`}
          value={port.path}
          checked={!isOther && value === port.path}
          onSelect={() => pick(port.path)}
          label={<span className="path">{port.path}</span>}
          detail={[port.manufacturer ?? t('technician.ports.unknownMaker'), port.vendorId && port.productId ? `${port.vendorId}:${port.productId}` : null].filter(Boolean).join(' · ')}
          testId={`${name}-port`}
        />
      ))}
      <Choice
        name={`${name}-port`}
        value="other"
        checked={isOther}
        onSelect={() => {
          setOtherPicked(true);
          onChange(value !== null && value !== AUTO_PATH ? value : '');
        }}
        label={t('technician.ports.other')}
        testId={`${name}-port-other`}
      />
      {isOther && (
        <TextField label={t('technician.ports.path')} hint={t('technician.ports.pathHint')} value={value ?? ''} onChange={(path) => onChange(path)} invalid={invalid} testId={`${name}-path`} />
      )}
      <div className="ports__footer">
        <p className="field__hint" role="status">
          {ports === null && !error
            ? t('technician.common.loading')
            : error
              ? t('technician.ports.failed', { message: error.message })
              : listed.length === 0
                ? t('technician.ports.noPorts')
                : t('technician.ports.found', { count: listed.length })}
        </p>
        <button type="button" className="technician-button technician-button--small" data-testid={`${name}-ports-refresh`} onClick={refresh}>
          {t('technician.ports.refresh')}
        </button>
      </div>
    </ChoiceGroup>
  );
}
