import { describe, expect, it } from 'vitest';
import { configSchema } from '../../../shared/config.ts';

const HUB = { url: 'https://192.168.1.10:8443/', token: 'operator-token-0123456789', fingerprint: Array.from({ length: 32 }, () => '0F').join(':') };

describe('device.mode operator and hall', () => {
  it.each(['operator', 'hall'] as const)('%s needs the hub section, and runs with it', (mode) => {
    const without = configSchema.safeParse({ device: { id: 'd-1', office: 'МФЦ', window: '2', mode } });
    expect(without.success).toBe(false);
    expect(without.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['hub', 'an operator console or a hall board needs the office hub: a "hub" section (url, token, fingerprint)'],
    ]);
    expect(configSchema.parse({ device: { id: 'd-1', office: 'МФЦ', window: '2', mode }, hub: HUB }).device.mode).toBe(mode);
  });

  it('an operator console needs its window', () => {
    const result = configSchema.safeParse({ device: { id: 'd-1', office: 'МФЦ', mode: 'operator' }, hub: HUB });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['device.window']);
  });

  it('the other modes still run without a hub', () => {
    expect(configSchema.parse({ device: { id: 'd-1', office: 'МФЦ', window: '2', mode: 'rating' } }).hub).toBeUndefined();
  });
});
