import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { alertRulesSchema, DEFAULT_ALERT_RULES, type AlertRules } from '../../../shared/central/alertRules.ts';

/** `okno collector --alerts FILE`: the alert rules (shared/central/alertRules.ts), or a clear error naming the field. */
export class AlertRulesFileError extends Error {
  override readonly name = 'AlertRulesFileError';
}

/**
 * Each rule is `false` or its settings: zod reports a bad setting as "no branch matched" at the
 * rule. The settings branch (the last) says which field is wrong, so that is what the operator reads.
 */
function describe(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): string[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    const settings = issue.code === 'invalid_union' ? issue.errors.at(-1) : undefined;
    if (settings !== undefined && settings.length > 0) {
      return describe(settings, path).map((line) => `${line} (or false to switch the rule off)`);
    }
    return [`${path.map(String).join('.') || '(top level)'}: ${issue.message}`];
  });
}

export function parseAlertRules(json: unknown, source: string): AlertRules {
  const parsed = alertRulesSchema.safeParse(json);
  if (!parsed.success) {
    throw new AlertRulesFileError(`alert rules ${source} are invalid:\n${describe(parsed.error.issues).map((line) => `  - ${line}`).join('\n')}`);
  }
  return parsed.data;
}

/** The rules of the file; the defaults without one. */
export function loadAlertRules(path: string | undefined): AlertRules {
  if (path === undefined) return DEFAULT_ALERT_RULES;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AlertRulesFileError(`alert rules ${path} cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseAlertRules(json, path);
}
