import type { TFunction } from 'i18next';
import type { OperatorView } from '../../shared/kioskApi.ts';

/** The words for what the last request did ("Called П-018") or why it did nothing ("No one is waiting"). */
export function noticeText(t: TFunction, notice: NonNullable<OperatorView['notice']>): string {
  const { action, answer } = notice;
  if (!answer.ok) return t(`operator.refusal.${answer.refusal}`);
  const withoutTicket = action === 'pause' || action === 'resume' || action === 'sign-in' || action === 'sign-out';
  if (withoutTicket) return t(`operator.done.${action}`);
  return answer.ticket ? t(`operator.done.${action}`, { number: answer.ticket.number }) : t('operator.done.plain');
}
