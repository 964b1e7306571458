import type { ReactNode, ThHTMLAttributes, TdHTMLAttributes } from 'react';

// The one table markup of the app: a horizontally scrolling frame (keyboard-focusable when it has
// a label), the table, its header row, body, row headers and cells. Pages and components compose
// these instead of repeating the classes; `align="right"` is for numbers (tabular figures).

type Align = 'left' | 'right';
const alignClass = (a: Align | undefined) => (a === 'right' ? 'text-right' : 'text-left');
const cx = (...c: (string | false | null | undefined)[]) => c.filter(Boolean).join(' ');

/**
 * The table inside a frame that scrolls sideways on narrow screens. `label` makes the frame a
 * focusable region (keyboard users can scroll it); `bleed` lets it reach the card's edges.
 */
export function Table({
  children,
  caption,
  minWidth,
  label,
  bleed = true,
  testId,
  className,
  frameClassName,
}: {
  children: ReactNode;
  caption?: string;
  minWidth?: string;
  label?: string;
  bleed?: boolean;
  testId?: string;
  className?: string;
  frameClassName?: string;
}) {
  const region = label ? { tabIndex: 0, role: 'region' as const, 'aria-label': label } : {};
  return (
    <div className={cx('relative overflow-x-auto', bleed && '-mx-4 px-4', frameClassName)} {...region}>
      <table className={cx('w-full text-sm', minWidth, className)} data-testid={testId}>
        {caption && <caption className="sr-only">{caption}</caption>}
        {children}
      </table>
    </div>
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

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100">{children}</tbody>;
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
