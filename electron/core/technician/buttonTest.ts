import { buttonsSchema, MAX_KEYMAP_FRAME_BYTES } from '../../../shared/config.ts';
import type { RequestInput } from '../../../shared/requests/registry.ts';
import type { ButtonTestView } from '../../../shared/technicianApi.ts';
import type { Result } from '../../../shared/result.ts';
import type { Clock } from '../clock.ts';
import type { Scheduler } from '../scheduler.ts';
import { createButtonDevice, type LearnedButton } from '../serial/buttonDevice.ts';
import type { SerialPorts } from '../serial/serialPort.ts';

/**
 * The wizard's button step: a button device opened on the port the technician picked, whose every
 * press is shown live instead of counted as a vote, and which can learn a keymap.
 */
export interface ButtonTest {
  view(): ButtonTestView;
  learn(button: number, timeoutMs: number): Promise<Result<LearnedButton>>;
  stop(): Promise<void>;
}

const MAX_PRESSES = 20;

export function startButtonTest(input: RequestInput<'startButtonTest'>, deps: { ports: SerialPorts; clock: Clock; scheduler: Scheduler; onChange: () => void }): ButtonTest {
  const config = buttonsSchema.parse({ ...input, debounceMs: 50 });
  const presses: { button: number; at: string }[] = [];
  let learning: number | null = null;
  const device = createButtonDevice({
    config,
    ports: deps.ports,
    clock: deps.clock,
    scheduler: deps.scheduler,
    onPress: (button) => {
      presses.push({ button, at: deps.clock.now().toISOString() });
      if (presses.length > MAX_PRESSES) presses.shift();
      // The LED answers too, so the technician sees the whole loop work.
      device.ack(button);
      deps.onChange();
    },
    onStatus: deps.onChange,
  });
  device.start();

  return {
    view() {
      const status = device.status();
      return {
        path: config.path,
        protocol: config.protocol,
        state: status.state,
        detail: status.lastError,
        device: status.device,
        presses: [...presses],
        learning,
        keymap: device.keymap(),
        maxFrameBytes: MAX_KEYMAP_FRAME_BYTES,
      };
    },
    async learn(button, timeoutMs) {
      learning = button;
      deps.onChange();
      try {
        return await device.learn(button, timeoutMs);
      } finally {
        if (learning === button) learning = null;
        deps.onChange();
      }
    },
    stop: () => device.stop(),
  };
}
