/** Hand-written analysis for docs/benchmarks.md (the figures around it are regenerated). */
export const ANALYSIS: string[] = ['(to be written)'];
