import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A screen's heading. It takes the focus when the screen opens, so a keyboard user starts there and a
 * screen reader announces the new screen (the page changes without a navigation).
 */
export function ScreenTitle({ children }: { readonly children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus({ preventScroll: false });
  }, []);
  return (
    <h2 id="screen-title" className="screen__title" tabIndex={-1} ref={heading}>
      {children}
    </h2>
  );
}
