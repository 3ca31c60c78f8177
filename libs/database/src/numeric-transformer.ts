import type { ValueTransformer } from 'typeorm';

/** `numeric` comes back from pg as a string; the product works in numbers (万元, ㎡, %). Money and areas stay `numeric` in the database. */
export const numericTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};
