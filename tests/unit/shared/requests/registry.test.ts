import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES, REQUESTS, isRequestName } from '../../../../shared/requests/registry.ts';
import { HTTP_EVENTS, HTTP_STATE, requestNameOfPath, requestPath } from '../../../../shared/requests/transport.ts';

describe('the request registry', () => {
  it('every request travels by its name: its path names it back, and no path of the state or events is a request', () => {
    for (const name of REQUEST_NAMES) expect(requestNameOfPath(requestPath(name)), name).toBe(name);
    for (const path of [HTTP_STATE, HTTP_EVENTS]) {
      const named = requestNameOfPath(path);
      expect(named !== null && isRequestName(named), path).toBe(false);
    }
  });

  it('paths that are not request names are not taken for one', () => {
    for (const path of ['/api/', '/api/press/x', '/api/../press', '/api/Press', '/api/__proto__', '/api/constructor', '/apipress', '/api/press?x=1']) {
      const named = requestNameOfPath(path);
      expect(named !== null && isRequestName(named), path).toBe(false);
    }
    expect(isRequestName('toString')).toBe(false);
    expect(isRequestName('hasOwnProperty')).toBe(false);
  });

  it("a citizen's request names the face that answers it, or none when every face does", () => {
    const citizen = REQUEST_NAMES.filter((name) => REQUESTS[name].gate.kind === 'citizen');
    expect(citizen.sort()).toEqual([
      'announcementClip',
      'announcementDone',
      'answerFollowUp',
      'changeSpeechVolume',
      'closeTicket',
      'issueTicket',
      'moreTime',
      'operatorCommand',
      'operatorSignIn',
      'operatorSignOut',
      'press',
      'setLocale',
      'setSpeechMode',
      'speak',
    ]);
    for (const name of ['announcementClip', 'announcementDone'] as const) expect(REQUESTS[name].gate).toEqual({ kind: 'citizen', face: 'hall' });
    for (const name of ['speak', 'setSpeechMode', 'changeSpeechVolume', 'moreTime'] as const) expect(REQUESTS[name].gate).toEqual({ kind: 'citizen', face: null });
    for (const name of ['operatorCommand', 'operatorSignIn', 'operatorSignOut'] as const) expect(REQUESTS[name].gate).toEqual({ kind: 'citizen', face: 'operator' });
    expect(REQUESTS.setLocale.gate).toEqual({ kind: 'citizen', face: null });
    expect(REQUESTS.press.gate).toEqual({ kind: 'citizen', face: 'rating' });
  });

  it('only the PIN pad is reachable before the PIN', () => {
    const entry = REQUEST_NAMES.filter((name) => REQUESTS[name].gate.kind === 'technician-entry');
    expect(entry.sort()).toEqual(['activity', 'enterPin', 'leave', 'openPinPad']);
  });

  it('every input schema is strict: an unknown field is refused', () => {
    for (const name of REQUEST_NAMES) {
      const result = REQUESTS[name].input.safeParse({ unexpected: true });
      expect(result.success, name).toBe(false);
    }
  });
});
