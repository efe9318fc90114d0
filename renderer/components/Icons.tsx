import type { ReactNode } from 'react';
import type { FollowUpReason } from '../../shared/followUp.ts';

/** Line icons drawn inline; decorative, the text next to each one names it. */

function Icon({ className, children }: { readonly className: string; readonly children: ReactNode }) {
  return (
    <svg className={`icon ${className}`} viewBox="0 0 48 48" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

const REASON_PATHS: Readonly<Record<FollowUpReason, ReactNode>> = {
  // A clock.
  waiting: (
    <>
      <circle cx="24" cy="24" r="17" />
      <path d="M24 13 V24 L31 29" />
    </>
  ),
  // A speech bubble.
  politeness: (
    <>
      <path d="M9 12 H39 V31 H22 L13 38 V31 H9 Z" />
      <path d="M16 20 H32 M16 25 H27" />
    </>
  ),
  // A badge with a tick.
  competence: (
    <>
      <circle cx="24" cy="20" r="12" />
      <path d="M18.5 20 L22.5 24 L29.5 16.5" />
      <path d="M17 30 L14 42 L24 37 L34 42 L31 30" />
    </>
  ),
  // A chair.
  comfort: (
    <>
      <path d="M14 8 V27 H35" />
      <path d="M14 27 V40 M34 27 V40" />
      <path d="M14 33 H34" />
    </>
  ),
  // "i" in a circle.
  information: (
    <>
      <circle cx="24" cy="24" r="17" />
      <path d="M24 21 V33" />
      <circle className="icon__dot" cx="24" cy="15.5" r="1.8" />
    </>
  ),
};

export function ReasonIcon({ reason }: { readonly reason: FollowUpReason }) {
  return <Icon className={`icon--reason icon--${reason}`}>{REASON_PATHS[reason]}</Icon>;
}

export function ThanksIcon() {
  return (
    <Icon className="icon--thanks">
      <circle cx="24" cy="24" r="20" />
      <path d="M14.5 24.5 L21 31 L33.5 17.5" />
    </Icon>
  );
}

export function AlertIcon() {
  return (
    <Icon className="icon--alert">
      <path d="M24 5 L44 40 H4 Z" />
      <path d="M24 18 V28" />
      <circle className="icon__dot" cx="24" cy="34" r="1.8" />
    </Icon>
  );
}

export function WrenchIcon() {
  return (
    <Icon className="icon--wrench">
      <path d="M29 7 A10 10 0 0 0 20 21 L7 34 A3.5 3.5 0 0 0 14 41 L27 28 A10 10 0 0 0 41 19 L35 23 L29 19 L25 13 Z" />
    </Icon>
  );
}
