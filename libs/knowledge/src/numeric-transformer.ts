import type { ValueTransformer } from 'typeorm';

/** `numeric` comes back from pg as a string; the knowledge base works in numbers (万元, %). */
export const numericTransformer: ValueTransformer = {
  to: (v: number | null | undefined) => v,
  from: (v: string | null) => (v === null || v === undefined ? null : Number(v)),
};
