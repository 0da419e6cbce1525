// The simulator's seeded generator: reproducible, seed-sensitive, and drawing
// from the distributions it claims (checked against their own theory).
import { describe, expect, it } from 'vitest';
import { Rng, hashString } from '../../../hall/simulator/random.js';

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.next());

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    expect(draw(new Rng(42), 50)).toEqual(draw(new Rng(42), 50));
    expect(draw(new Rng(42), 50)).not.toEqual(draw(new Rng(43), 50));
    expect(draw(new Rng('2026-11-20'), 5)).toEqual(draw(new Rng(hashString('2026-11-20')), 5));
  });

  it('draws uniform values in [0, 1) with the mean and variance of a uniform', () => {
    const xs = draw(new Rng(7), 40_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    // Standard error of the mean is sqrt(1/12 / n) ≈ 0.0014: allow 5 of them.
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / xs.length));
  });

  it('draws log-normal service times with the asked mean and spread', () => {
    const rng = new Rng(11);
    const n = 40_000;
    const xs = Array.from({ length: n }, () => rng.logNormal(10, 0.6));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n);
    expect(xs.every((x) => x > 0)).toBe(true);
    expect(Math.abs(mean - 10)).toBeLessThan(5 * (6 / Math.sqrt(n)));
    expect(Math.abs(sd / mean - 0.6)).toBeLessThan(0.05);
  });

  it('picks weighted indices in proportion to their weights, never a zero weight', () => {
    const rng = new Rng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[rng.weighted([1, 0, 3])]!++;
    expect(counts[1]).toBe(0);
    const share = counts[2]! / 30_000;
    expect(Math.abs(share - 0.75)).toBeLessThan(5 * Math.sqrt((0.75 * 0.25) / 30_000));
  });

  it('draws Poisson counts with mean ≈ variance ≈ λ, small and large λ', () => {
    for (const lambda of [3, 150]) {
      const rng = new Rng(lambda);
      const xs = Array.from({ length: 20_000 }, () => rng.poisson(lambda));
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
      const v = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / xs.length));
      expect(Math.abs(v / lambda - 1)).toBeLessThan(0.1);
    }
  });
});
