/** Hand-written analysis for docs/benchmarks.md (the figures around it are regenerated). */
export const ANALYSIS: string[] = ['(to be written)'];

export const ORIGINAL_CLAIMS: string[] = ['(to be written)'];
