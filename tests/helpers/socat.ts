import { socatAvailable } from '../../electron/simulators/ptyPair.ts';

/** Tests on a real pseudo-terminal need socat; say how to get it rather than skip. */
export function requireSocat(): void {
  if (!socatAvailable()) throw new Error('socat is needed for the serial tests: install it with "sudo apt-get install -y socat"');
}
