/**
 * Server-sent events (WHATWG HTML, "Parsing an event stream") as the hub's live stream sends them:
 * `event:` and `data:` fields, events ended by a blank line, `:` comments as keep-alives, any of
 * CRLF / LF / CR as line ends. Pure and incremental: text goes in as it arrives, whole events come out.
 */
export interface SseEvent {
  /** The `event:` field; "message" when the event named none. */
  readonly event: string;
  readonly data: string;
}

export interface SseParser {
  /**
   * Takes the next piece of the stream; returns the events it completed. Throws SseOverflowError when
   * one event grows beyond the limit (not okno-office/1: the link drops the connection).
   */
  push(text: string): SseEvent[];
}

export class SseOverflowError extends Error {
  constructor(limit: number) {
    super(`an event of the live stream is over ${limit} characters`);
    this.name = 'SseOverflowError';
  }
}

export function createSseParser(maxEventChars = 2 * 1024 * 1024): SseParser {
  let buffer = '';
  let eventName = '';
  let data: string[] = [];
  let dataChars = 0;
  /** A CR ended the last piece: an LF at the start of the next one belongs to it. */
  let pendingCr = false;

  const line = (text: string, out: SseEvent[]): void => {
    if (text === '') {
      if (data.length > 0) out.push({ event: eventName === '' ? 'message' : eventName, data: data.join('\n') });
      eventName = '';
      data = [];
      dataChars = 0;
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') eventName = value;
    else if (field === 'data') {
      dataChars += value.length + 1;
      if (dataChars > maxEventChars) throw new SseOverflowError(maxEventChars);
      data.push(value);
    }
    // id and retry: the link keeps no event ids (every snapshot is whole) and has its own backoff.
  };

  return {
    push(text) {
      const out: SseEvent[] = [];
      let piece = text;
      if (pendingCr && piece.startsWith('\n')) piece = piece.slice(1);
      pendingCr = false;
      buffer += piece;
      let start = 0;
      for (let i = 0; i < buffer.length; i += 1) {
        const char = buffer[i];
        if (char !== '\n' && char !== '\r') continue;
        line(buffer.slice(start, i), out);
        if (char === '\r') {
          if (i + 1 < buffer.length) {
            if (buffer[i + 1] === '\n') i += 1;
          } else {
            pendingCr = true;
          }
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
      if (buffer.length + dataChars > maxEventChars) throw new SseOverflowError(maxEventChars);
      return out;
    },
  };
}
