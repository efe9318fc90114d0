/** What a citizen may say could be better after a low score. Order is the order on screen. */
export const FOLLOW_UP_REASONS = ['waiting', 'politeness', 'competence', 'comfort', 'information'] as const;
export type FollowUpReason = (typeof FOLLOW_UP_REASONS)[number];
