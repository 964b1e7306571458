import { Fragment } from 'react';

/**
 * A model id (or another long dotted/hyphenated identifier) that wraps after its hyphens and dots
 * on narrow screens instead of mid-number: `pib-vg-fact-check-diffusion-1.0.1-` / `20230712`,
 * not `…-1.0.1-2023` / `0712`. Browsers do not break between a hyphen and a digit on their own,
 * which is why ids were set `break-all`; a <wbr> after each separator gives them the places, and
 * `break-words` remains for a part wider than its box. Text content and accessible names are
 * unchanged (<wbr> has no text).
 */
export function ModelId({ id }: { id: string }) {
  const parts = id.split(/(?<=[-./_])/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {p}
        </Fragment>
      ))}
    </>
  );
}
