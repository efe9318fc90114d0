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

/** An arrow pointing right: "open" on a group or a service. */
export function ChevronIcon() {
  return (
    <Icon className="icon--chevron">
      <path d="M18 10 L32 24 L18 38" />
    </Icon>
  );
}

/** An arrow pointing left: "back". */
export function BackIcon() {
  return (
    <Icon className="icon--back">
      <path d="M40 24 H9" />
      <path d="M21 11 L8 24 L21 37" />
    </Icon>
  );
}

/** A stack of pages: a group of services. */
export function GroupIcon() {
  return (
    <Icon className="icon--group">
      <path d="M11 15 H37 V40 H11 Z" />
      <path d="M15 10 H33" />
      <path d="M17 23 H31 M17 30 H27" />
    </Icon>
  );
}

/** A clock: the service is closed for now. */
export function ClockIcon() {
  return (
    <Icon className="icon--clock">
      <circle cx="24" cy="24" r="17" />
      <path d="M24 14 V24 L30.5 28" />
    </Icon>
  );
}

/** A circle with a bar: no tickets left. */
export function NoEntryIcon() {
  return (
    <Icon className="icon--no-entry">
      <circle cx="24" cy="24" r="17" />
      <path d="M15 24 H33" />
    </Icon>
  );
}

/** A camera: take a photo of the number. */
export function CameraIcon() {
  return (
    <Icon className="icon--camera">
      <path d="M6 16 H15 L18.5 11 H29.5 L33 16 H42 V38 H6 Z" />
      <circle cx="24" cy="26" r="7" />
    </Icon>
  );
}

/** A printer with a ticket coming out. */
export function PrinterIcon() {
  return (
    <Icon className="icon--printer">
      <path d="M14 17 V7 H34 V17" />
      <path d="M14 33 H8 V17 H40 V33 H34" />
      <path d="M14 27 H34 V42 H14 Z" />
      <path d="M19 33 H29 M19 37 H26" />
    </Icon>
  );
}

/** A speaker with sound waves: speech mode (reading the screen aloud). */
export function SpeakerIcon() {
  return (
    <Icon className="icon--speaker">
      <path d="M7 18 H15 L25 9 V39 L15 30 H7 Z" />
      <path d="M31 17 A9 9 0 0 1 31 31" />
      <path d="M35.5 11.5 A16 16 0 0 1 35.5 36.5" />
    </Icon>
  );
}
