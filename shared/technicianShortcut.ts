/**
 * The key combination that opens the technician's PIN pad (besides holding a screen corner and the
 * service button): Ctrl+Alt+Shift+O, matched by the physical key so a Russian layout works too.
 * The Electron shell lets exactly this combination through its shortcut lock-down.
 */
export const TECHNICIAN_SHORTCUT = { code: 'KeyO', ctrl: true, alt: true, shift: true } as const;
