import type { ExportItem } from './collectorStore.ts';

/**
 * One page of GET /v1/devices/{id}/events as JSON text, built by concatenation so each event's
 * text goes out exactly as it was received (docs/openapi.yaml, ExportPage). A page ends at
 * `maxEvents` items or before its items pass `maxBytes` of JSON, whichever comes first, and always
 * holds at least one item when there is one: large events once made a page at the default size
 * longer than a string can be, and the export failed on every retry (issue #11, defect 6).
 */
export interface PageLimits {
  readonly maxEvents: number;
  readonly maxBytes: number;
}

export const DEFAULT_EXPORT_PAGE_BYTES = 4 * 1024 * 1024;

export function exportPageText(deviceId: string, items: Iterable<ExportItem>, limits: PageLimits): string {
  const parts: string[] = [];
  let bytes = 0;
  let lastCursor = 0;
  let more = false;
  // Breaking out of the loop closes the store's statement: rows after the page are never read.
  for (const item of items) {
    const part =
      `{"cursor":${item.cursor},"batchId":${JSON.stringify(item.batchId)},"sentAt":${JSON.stringify(item.sentAt)},` +
      `"receivedAt":${JSON.stringify(item.receivedAt)},"event":${item.event}}`;
    const size = Buffer.byteLength(part) + 1;
    if (parts.length >= limits.maxEvents || (parts.length > 0 && bytes + size > limits.maxBytes)) {
      more = true;
      break;
    }
    parts.push(part);
    bytes += size;
    lastCursor = item.cursor;
  }
  return `{"deviceId":${JSON.stringify(deviceId)},"items":[${parts.join(',')}],"nextAfter":${more ? lastCursor : 'null'}}`;
}
