import { useEffect, useRef, type ReactNode } from 'react';

/** A step's heading takes the focus when the step opens, so keyboard and screen-reader users start at the top of it. */
export function StepHeading({ children }: { children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return (
    <h3 ref={heading} tabIndex={-1} className="step-heading">
      {children}
    </h3>
  );
}
