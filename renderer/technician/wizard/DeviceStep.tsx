import { useTranslation } from 'react-i18next';
import { deviceRules, LOCALES, type Locale } from '../../../shared/configRules.ts';
import { i18nFor } from '../../common/i18n.ts';
import { TextField } from '../TextField.tsx';
import { SelectField, Step } from './parts.tsx';
import { hasProblem, type StepProps } from './stepProps.ts';

/** Who this device is: its id, office, window, time zone and default language. */
export function DeviceStep({ draft, update, settings, problems, focusTitle }: StepProps) {
  const { t } = useTranslation();
  const setDevice = (patch: Partial<typeof draft.device>): void => update((d) => ({ ...d, device: { ...d.device, ...patch } }));
  // The saved zone stays offered even if this machine's list lacks it.
  const zones = settings.timeZones.includes(draft.device.timezone) ? settings.timeZones : [draft.device.timezone, ...settings.timeZones];
  return (
    <Step name="device" title={t('technician.wizard.steps.device')} focus={focusTitle}>
      <div className="field-grid">
        <TextField
          label={t('technician.device.id')}
          hint={t('technician.device.idHint')}
          value={draft.device.id}
          onChange={(id) => setDevice({ id })}
          maxLength={deviceRules.idMaxLength}
          invalid={hasProblem(problems, 'deviceId')}
          testId="device-id"
        />
        <TextField
          label={t('technician.device.office')}
          value={draft.device.office}
          onChange={(office) => setDevice({ office })}
          keyboard="cyrillic"
          maxLength={deviceRules.officeMaxLength}
          invalid={hasProblem(problems, 'office')}
          testId="device-office"
        />
        <TextField
          label={t('technician.device.window')}
          hint={t('technician.device.windowHint')}
          value={draft.device.window}
          onChange={(window) => setDevice({ window })}
          maxLength={deviceRules.windowMaxLength}
          invalid={hasProblem(problems, 'window')}
          testId="device-window"
        />
        <SelectField
          label={t('technician.device.timezone')}
          value={draft.device.timezone}
          options={zones.map((zone) => ({ value: zone, label: zone }))}
          onChange={(timezone) => setDevice({ timezone })}
          testId="device-timezone"
        />
        <SelectField
          label={t('technician.device.locale')}
          value={draft.locale}
          options={LOCALES.map((locale) => ({ value: locale, label: i18nFor(locale).t('language.name'), lang: locale }))}
          onChange={(locale) => update((d) => ({ ...d, locale: locale as Locale }))}
          testId="device-locale"
        />
      </div>
    </Step>
  );
}
