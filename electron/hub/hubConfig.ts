import { z } from 'zod';
import { deviceSchema, syncSchema, type LocalizedText } from '../../shared/config.ts';
import { deviceRules, LOCALES, queueRules, technicianRules } from '../../shared/configRules.ts';
import { DEVICE_ROLES } from '../../shared/office/officeProtocol.ts';

/**
 * The hub's configuration file (docs/protocol-office.md, "The hub's config"). Strict objects, every bad
 * field reported with its path (exit 78), like a device's config. Key names are a public contract:
 * add keys, rename none. Secrets are kept only as hashes: operators' PINs (scrypt, `okno set-pin`'s
 * format) and devices' tokens (SHA-256, hex), so the file may be read by whoever administers the office.
 */

const id = z.string().regex(queueRules.idPattern, 'lower-case letters, digits, "_" or "-"');
const localizedText = z.partialRecord(z.enum(LOCALES), z.string().min(1));

export const hubServiceSchema = z.strictObject({
  /** The same id as in the dispensers' `queue.services`. */
  id,
  prefix: z.string().min(queueRules.prefixLength.min).max(queueRules.prefixLength.max),
  name: localizedText,
  /** A priority category (`priorities[].id`): its tickets are called before regular ones, within `queue.maxPriorityInRow`. */
  priority: id.optional(),
});

export const hubWindowSchema = z.strictObject({
  id: z.string().min(1).max(deviceRules.windowMaxLength),
  /** What the hall board shows: "окно 2". */
  label: z.string().min(1).max(40),
  /** The services this window serves, in the order "strict" calls them. */
  services: z.array(id).min(1),
});

export const prioritySchema = z.strictObject({ id, name: localizedText });

export const operatorSchema = z.strictObject({
  id: z.string().regex(deviceRules.idPattern, 'lower-case letters, digits, ".", "_" or "-"'),
  /** Shown to the citizen: "Вас обслуживает Анна Петрова". */
  name: z.string().min(1).max(80),
  pinHash: z.string().regex(technicianRules.pinHashPattern, 'a hash written by "okno set-pin --print", not a PIN'),
});

export const hubDeviceSchema = z
  .strictObject({
    id: deviceSchema.shape.id,
    role: z.enum(DEVICE_ROLES),
    tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, 'the SHA-256 of the token, 64 lower-case hex digits'),
    /** The window a rating terminal or an operator console stands at. */
    window: z.string().min(1).max(deviceRules.windowMaxLength).optional(),
  })
  .refine((device) => (device.role !== 'operator' && device.role !== 'window') || device.window !== undefined, {
    message: 'a window terminal or an operator console needs its "window"',
    path: ['window'],
  });

export const queueRulesSchema = z.strictObject({
  /** `strict`: the first of the window's services with someone waiting; `longest-wait`: whoever has waited longest. */
  order: z.enum(['strict', 'longest-wait']).default('longest-wait'),
  /** At most this many priority tickets in a row at one window while regular tickets wait. */
  maxPriorityInRow: z.number().int().min(1).max(100).default(3),
  /** A called ticket recalled this many times may be marked as a no-show. */
  noShowAfterRecalls: z.number().int().min(0).max(10).default(2),
  /** Where a redirected ticket joins its new queue. */
  redirectTo: z.enum(['head', 'tail']).default('head'),
  /** The estimate is shown only after this many finished visits of a service today. */
  estimateMinSamples: z.number().int().min(1).max(1000).default(5),
  /** A window's "please rate" lasts this long after a visit ends (the rating terminal links a press to it). */
  rateSeconds: z.number().int().min(5).max(600).default(60),
});

export const hubConfigSchema = z
  .strictObject({
    office: z.strictObject({
      id: deviceSchema.shape.id,
      name: z.string().min(1).max(deviceRules.officeMaxLength),
      timezone: deviceSchema.shape.timezone,
    }),
    services: z.array(hubServiceSchema).min(1),
    windows: z.array(hubWindowSchema).min(1),
    priorities: z.array(prioritySchema).default([]),
    queue: queueRulesSchema.prefault({}),
    operators: z.array(operatorSchema).default([]),
    devices: z.array(hubDeviceSchema).default([]),
    /** The hub's own events go to the central collector like a device's (okno-sync/1). */
    sync: syncSchema.optional(),
  })
  .superRefine((hub, ctx) => {
    const unique = (list: readonly { id: string }[], key: string): void => {
      const seen = new Set<string>();
      list.forEach((item, index) => {
        if (seen.has(item.id)) ctx.addIssue({ code: 'custom', message: `duplicate id "${item.id}"`, path: [key, index, 'id'] });
        seen.add(item.id);
      });
    };
    unique(hub.services, 'services');
    unique(hub.windows, 'windows');
    unique(hub.priorities, 'priorities');
    unique(hub.operators, 'operators');
    unique(hub.devices, 'devices');
    const services = new Set(hub.services.map((service) => service.id));
    const windows = new Set(hub.windows.map((window) => window.id));
    const priorities = new Set(hub.priorities.map((priority) => priority.id));
    hub.services.forEach((service, index) => {
      if (service.priority !== undefined && !priorities.has(service.priority)) {
        ctx.addIssue({ code: 'custom', message: `no priority "${service.priority}" in priorities`, path: ['services', index, 'priority'] });
      }
    });
    hub.windows.forEach((window, index) => {
      window.services.forEach((service, at) => {
        if (!services.has(service)) ctx.addIssue({ code: 'custom', message: `no service "${service}" in services`, path: ['windows', index, 'services', at] });
      });
    });
    hub.devices.forEach((device, index) => {
      if (device.window !== undefined && !windows.has(device.window)) {
        ctx.addIssue({ code: 'custom', message: `no window "${device.window}" in windows`, path: ['devices', index, 'window'] });
      }
    });
  });

export type HubConfigInput = z.input<typeof hubConfigSchema>;
export type HubConfig = z.output<typeof hubConfigSchema>;
export type HubService = z.output<typeof hubServiceSchema>;
export type HubWindow = z.output<typeof hubWindowSchema>;
export type QueueRules = z.output<typeof queueRulesSchema>;
export type { LocalizedText };
