/** Summary statistics for a list of durations in milliseconds. */
export interface Summary {
  mean: number;
  p50: number;
  p99: number;
  n: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const mean = sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length);
  return { mean, p50: at(0.5), p99: at(0.99), n: sorted.length };
}

/** Times each call of fn over the inputs, `rounds` times, after one warm-up pass. */
export function timeEach<T>(inputs: readonly T[], fn: (input: T) => unknown, rounds = 3): number[] {
  for (const input of inputs) fn(input);
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const start = process.hrtime.bigint();
      fn(input);
      out.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  }
  return out;
}

export const ms = (x: number): string =>
  x < 1 ? `${(x * 1000).toFixed(0)} µs` : `${x.toFixed(2)} ms`;
