import { describe, expect, it } from 'vitest';
import { demoChoice } from '../../../../electron/cli/demoCommand.ts';
import { UsageError } from '../../../../electron/cli/usage.ts';

describe('okno demo arguments', () => {
  it('runs the rating terminal by default, a mode, a port, kiosk and no-open as asked', () => {
    expect(demoChoice([])).toEqual({ kind: 'kiosk', mode: 'rating', port: 0, kiosk: false, open: true });
    expect(demoChoice(['--mode', 'tickets', '--port', '8080', '--kiosk', '--no-open'])).toEqual({ kind: 'kiosk', mode: 'tickets', port: 8080, kiosk: true, open: false });
    expect(demoChoice(['-h'])).toEqual({ kind: 'help' });
  });

  it('--office runs the whole office, opened or only printed', () => {
    expect(demoChoice(['--office'])).toEqual({ kind: 'office', open: true });
    expect(demoChoice(['--office', '--no-open'])).toEqual({ kind: 'office', open: false });
  });

  it('refuses what --office cannot use, a wrong mode and a bad port, as usage errors', () => {
    expect(() => demoChoice(['--office', '--port', '80', '--kiosk'])).toThrow(new UsageError('--office runs every face on a free port, in tabs: it takes no --port, --kiosk'));
    expect(() => demoChoice(['--office', '--mode', 'tickets'])).toThrow(/takes no --mode/);
    expect(() => demoChoice(['--mode', 'hall'])).toThrow(UsageError);
    expect(() => demoChoice(['--port', '70000'])).toThrow(UsageError);
    expect(() => demoChoice(['--offce'])).toThrow(UsageError);
  });
});
