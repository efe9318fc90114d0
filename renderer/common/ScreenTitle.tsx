import { useEffect, useRef, type ReactNode } from 'react';

/**
 * The h1 of a screen. It takes the focus when the screen appears, so a screen reader announces the
 * new screen and keyboard focus does not stay on a button that is gone.
 */
export function ScreenTitle({ id, className, children }: { readonly id?: string; readonly className?: string; readonly children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} id={id} className={className ? `screen__title ${className}` : 'screen__title'} tabIndex={-1}>
      {children}
    </h1>
  );
}
