import type Database from 'better-sqlite3';
import { commandAnswerSchema, type CommandAnswer } from '../../shared/office/officeProtocol.ts';

/**
 * The answers to consoles' commands by idempotency key (table office_commands, migration 5). Written
 * in the same transaction as the command's events, so a command repeated after a lost answer, a
 * double click or a SIGKILL of the hub acts once and gets the first answer again.
 */
export interface StoredCommand {
  readonly window: string;
  readonly answer: CommandAnswer;
}

export interface CommandLog {
  find(idempotencyKey: string): StoredCommand | null;
  /** Inside the caller's transaction. */
  record(idempotencyKey: string, window: string, answer: CommandAnswer, at: string): void;
}

export function commandLog(db: Database.Database): CommandLog {
  const select = db.prepare('SELECT window, answer FROM office_commands WHERE idempotency_key = ?');
  const insert = db.prepare('INSERT INTO office_commands (idempotency_key, window, answer, at) VALUES (?, ?, ?, ?)');
  return {
    find(idempotencyKey) {
      const row = select.get(idempotencyKey) as { window: string; answer: string } | undefined;
      if (!row) return null;
      // The hub wrote it; a row that no longer parses (edited by hand) is treated as never answered.
      const answer = commandAnswerSchema.safeParse(JSON.parse(row.answer));
      return answer.success ? { window: row.window, answer: answer.data } : null;
    },
    record(idempotencyKey, window, answer, at) {
      insert.run(idempotencyKey, window, JSON.stringify(answer), at);
    },
  };
}
