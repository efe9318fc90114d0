import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { blockKioskShortcuts } from '../../../../electron/shell/kioskShortcuts.ts';
import { FakeWebContents, type FakeInput } from './fakeElectron.ts';

const kiosk = (allowDevTools = false): FakeWebContents => {
  const contents = new FakeWebContents();
  blockKioskShortcuts(contents as unknown as WebContents, { allowDevTools });
  return contents;
};

const ctrl = (key: string, code: string, extra: Partial<FakeInput> = {}): FakeInput => ({ key, code, control: true, ...extra });

describe('kiosk shortcuts', () => {
  const blocked: Array<[string, FakeInput]> = [
    ['Alt+F4', { key: 'F4', code: 'F4', alt: true }],
    ['Ctrl+W', ctrl('w', 'KeyW')],
    ['Cmd+W', { key: 'w', code: 'KeyW', meta: true }],
    ['Ctrl+Q', ctrl('q', 'KeyQ')],
    ['Cmd+Q', { key: 'q', code: 'KeyQ', meta: true }],
    ['Ctrl+R', ctrl('r', 'KeyR')],
    ['Ctrl+Shift+R', ctrl('R', 'KeyR', { shift: true })],
    ['F5', { key: 'F5', code: 'F5' }],
    ['Ctrl+F5', ctrl('F5', 'F5')],
    ['F11', { key: 'F11', code: 'F11' }],
    ['F12', { key: 'F12', code: 'F12' }],
    ['Ctrl+Shift+I', ctrl('I', 'KeyI', { shift: true })],
    ['Ctrl+Shift+J', ctrl('J', 'KeyJ', { shift: true })],
    ['Ctrl+Shift+C', ctrl('C', 'KeyC', { shift: true })],
    ['Cmd+Alt+I', { key: 'i', code: 'KeyI', meta: true, alt: true }],
    ['Ctrl+P', ctrl('p', 'KeyP')],
    ['Ctrl+N', ctrl('n', 'KeyN')],
    ['Ctrl+Shift+N', ctrl('N', 'KeyN', { shift: true })],
    ['Ctrl+T', ctrl('t', 'KeyT')],
    ['Ctrl+O', ctrl('o', 'KeyO')],
    ['Ctrl+S', ctrl('s', 'KeyS')],
    ['Ctrl+U', ctrl('u', 'KeyU')],
    ['Ctrl+F', ctrl('f', 'KeyF')],
    ['Ctrl+=', ctrl('=', 'Equal')],
    ['Ctrl++', ctrl('+', 'Equal', { shift: true })],
    ['Ctrl+numpad +', ctrl('+', 'NumpadAdd')],
    ['Ctrl+-', ctrl('-', 'Minus')],
    ['Ctrl+0', ctrl('0', 'Digit0')],
    ['Ctrl+1 (tab switch)', ctrl('1', 'Digit1')],
    ['Alt+Left (back)', { key: 'ArrowLeft', code: 'ArrowLeft', alt: true }],
    ['Alt+Home', { key: 'Home', code: 'Home', alt: true }],
    ['Alt+Space (window menu)', { key: ' ', code: 'Space', alt: true }],
    ['BrowserBack', { key: 'BrowserBack', code: 'BrowserBack' }],
    ['BrowserRefresh', { key: 'BrowserRefresh', code: 'BrowserRefresh' }],
    ['F1', { key: 'F1', code: 'F1' }],
    ['Ctrl+W on a Russian layout', ctrl('ц', 'KeyW')],
    ['Ctrl+R on a Russian layout', ctrl('к', 'KeyR')],
    ['Ctrl+Alt+O (not quite the technician combination)', ctrl('o', 'KeyO', { alt: true })],
    ['Alt+Shift+O', { key: 'O', code: 'KeyO', alt: true, shift: true }],
  ];

  it.each(blocked)('blocks %s', (_name, input) => {
    expect(kiosk().press(input)).toBe(false);
  });

  it.each(['1', '2', '3', '4', '5', '6', '7', '8', '9'])('lets digit %s through: rating buttons send it', (digit) => {
    const contents = kiosk();
    expect(contents.press({ key: digit, code: `Digit${digit}` })).toBe(true);
    expect(contents.press({ key: digit, code: `Numpad${digit}` })).toBe(true);
  });

  it.each<[string, FakeInput]>([
    ['a letter', { key: 'a', code: 'KeyA' }],
    ['Enter', { key: 'Enter', code: 'Enter' }],
    ['Escape', { key: 'Escape', code: 'Escape' }],
    ['Tab', { key: 'Tab', code: 'Tab' }],
    ['Shift+letter', { key: 'A', code: 'KeyA', shift: true }],
    ['Ctrl alone', { key: 'Control', code: 'ControlLeft', control: true }],
    ['Alt alone', { key: 'Alt', code: 'AltLeft', alt: true }],
    ['Ctrl+C', ctrl('c', 'KeyC')],
    ['Ctrl+V', ctrl('v', 'KeyV')],
    ['Ctrl+C on a Russian layout', ctrl('с', 'KeyC')],
    ['Ctrl+Shift+Z', ctrl('Z', 'KeyZ', { shift: true })],
    ['Ctrl+Backspace', ctrl('Backspace', 'Backspace')],
    ['Ctrl+Alt+Shift+O: the technician PIN pad', ctrl('O', 'KeyO', { alt: true, shift: true })],
    ['Ctrl+Alt+Shift+O on a Russian layout', ctrl('Щ', 'KeyO', { alt: true, shift: true })],
  ])('lets %s through', (_name, input) => {
    expect(kiosk().press(input)).toBe(true);
  });

  it('opens DevTools keys only at the bench (OKNO_DEVTOOLS=1), and still blocks reload and close', () => {
    const bench = kiosk(true);
    expect(bench.press({ key: 'F12', code: 'F12' })).toBe(true);
    expect(bench.press(ctrl('I', 'KeyI', { shift: true }))).toBe(true);
    expect(bench.devToolsToggles).toBe(2);
    expect(bench.press({ key: 'F5', code: 'F5' })).toBe(false);
    expect(bench.press(ctrl('w', 'KeyW'))).toBe(false);
    expect(bench.devToolsToggles).toBe(2);
  });

  it('never opens DevTools on a deployed kiosk', () => {
    const deployed = kiosk(false);
    deployed.press({ key: 'F12', code: 'F12' });
    deployed.press(ctrl('I', 'KeyI', { shift: true }));
    expect(deployed.devToolsToggles).toBe(0);
  });
});
