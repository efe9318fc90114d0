import { z } from 'zod';

/**
 * The alert rules of the central collector (docs/central.md, "Alerts"): which conditions open an
 * alert on the dashboard, read from `okno collector --alerts FILE` (JSON). Every field may be left
 * out (its default applies) and every rule can be switched off with `false`:
 *
 *   { "lowScores": { "count": 4 }, "officeSatisfaction": false, "backlogOver": 1000 }
 *
 * Every collector instance of a city reads the same file, so every instance opens the same alerts.
 */

const minutes = z.number().int().min(1).max(7 * 24 * 60);

/** ≥ count scores of at most maxScore at one window (office + window) whose times lie within withinMinutes. */
export const lowScoresRuleSchema = z.strictObject({
  count: z.number().int().min(1).max(1000).default(3),
  withinMinutes: minutes.default(30),
  /** A score counts as low at or below this (on the 5-point scale: 1 and 2). */
  maxScore: z.number().int().min(1).max(4).default(2),
});

/** An office's finished local day with at least minRatings ratings whose share of top-two scores is below belowShare. */
export const officeSatisfactionRuleSchema = z.strictObject({
  belowShare: z.number().gt(0).max(1).default(0.8),
  minRatings: z.number().int().min(1).default(20),
});

/** `false` switches a rule off; otherwise its settings, each with its default. */
const switchable = <T extends z.ZodType>(rule: T) => z.union([z.literal(false), rule]);

export const alertRulesSchema = z.strictObject({
  lowScores: switchable(lowScoresRuleSchema).prefault({}),
  officeSatisfaction: switchable(officeSatisfactionRuleSchema).prefault({}),
  /** A device whose last batch arrived longer ago than this. */
  deviceSilentMinutes: z.union([z.literal(false), minutes]).default(60),
  /** A device.status whose backlog (events not yet acknowledged by the collector) is above this. */
  backlogOver: z.union([z.literal(false), z.number().int().min(0)]).default(500),
  /** A device.status whose ticket printer reports paper out. */
  paperOut: z.boolean().default(true),
  /** A device.status whose clock differs from the collector's by more than this. */
  clockOffSeconds: z.union([z.literal(false), z.number().int().min(1).max(86_400)]).default(60),
});
export type AlertRules = z.infer<typeof alertRulesSchema>;
export type AlertRulesFile = z.input<typeof alertRulesSchema>;
export type LowScoresRule = z.infer<typeof lowScoresRuleSchema>;
export type OfficeSatisfactionRule = z.infer<typeof officeSatisfactionRuleSchema>;

/** The rules without a file. */
export const DEFAULT_ALERT_RULES: AlertRules = alertRulesSchema.parse({});
