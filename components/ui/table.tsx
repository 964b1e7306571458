import type { ReactNode, ThHTMLAttributes, TdHTMLAttributes } from 'react';
import { ScrollFrame } from './scroll-frame';

// The one table markup of the app: a horizontally scrolling frame (keyboard-focusable when it has
// a label), the table, its header row, body, row headers and cells. Pages and components compose
// these instead of repeating the classes; `align="right"` is for numbers (tabular figures).

type Align = 'left' | 'right';
const alignClass = (a: Align | undefined) => (a === 'right' ? 'text-right' : 'text-left');
const cx = (...c: (string | false | null | undefined)[]) => c.filter(Boolean).join(' ');

/**
 * The table inside a frame that scrolls sideways on narrow screens. `label` makes the frame a
 * focusable region (keyboard users can scroll it); without one it becomes such a region only while
 * it actually scrolls (components/ui/scroll-frame.tsx); `bleed` lets it reach the card's edges.
 */
export function Table({
  children,
  caption,
  captionVisible = false,
  minWidth,
  label,
  bleed = true,
  size = 'sm',
  testId,
  className,
  frameClassName,
}: {
  children: ReactNode;
  caption?: string;
  /** Show the caption above the table (otherwise it is for screen readers only). */
  captionVisible?: boolean;
  minWidth?: string;
  label?: string;
  bleed?: boolean;
  size?: 'sm' | 'xs';
  testId?: string;
  className?: string;
  frameClassName?: string;
}) {
  return (
    <ScrollFrame className={cx('relative overflow-x-auto', bleed && '-mx-4 px-4', frameClassName)} label={label} fallbackLabel={caption}>
      <table className={cx('w-full', size === 'xs' ? 'text-xs' : 'text-sm', minWidth, className)} data-testid={testId}>
        {caption && <caption className={captionVisible ? 'mb-1 text-left text-xs font-semibold tracking-wide text-slate-700 uppercase' : 'sr-only'}>{caption}</caption>}
        {children}
      </table>
    </ScrollFrame>
  );
}

/** The header row: small uppercase column names over a rule. */
export function THead({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <thead>
      <tr className={cx('border-b border-slate-200 text-left text-xs text-slate-600 uppercase', className)}>{children}</tr>
    </thead>
  );
}

export function TBody({ children, className }: { children: ReactNode; className?: string }) {
  return <tbody className={cx('divide-y divide-slate-100', className)}>{children}</tbody>;
}

/** A column header. */
export function Th({ children, align, className, ...rest }: { children?: ReactNode; align?: Align; className?: string } & Omit<ThHTMLAttributes<HTMLTableCellElement>, 'align'>) {
  return (
    <th scope="col" className={cx('py-2 pr-3 font-semibold', alignClass(align), className)} {...rest}>
      {children}
    </th>
  );
}

/** The cell that names its row (first column); `className` replaces the default weight. */
export function RowHeader({ children, dense, className }: { children: ReactNode; dense?: boolean; className?: string }) {
  return (
    <th scope="row" className={cx(dense ? 'py-1.5' : 'py-2', 'pr-3 text-left', className ?? 'font-medium')}>
      {children}
    </th>
  );
}

export function Td({ children, align, dense, className, ...rest }: { children?: ReactNode; align?: Align; dense?: boolean; className?: string } & Omit<TdHTMLAttributes<HTMLTableCellElement>, 'align'>) {
  return (
    <td className={cx(dense ? 'py-1.5' : 'py-2', 'pr-3', align === 'right' && 'text-right tabular-nums', className)} {...rest}>
      {children}
    </td>
  );
}
