import { createRandom, validateSeed } from "../../src/scoring/random";
import type { Random } from "../../src/scoring/random";
import { scoringErrorOf } from "./scoringErrorOf";

/**
 * Statistical checks use a fixed seed, so each is deterministic; the tolerances are 5 standard errors
 * of the estimate (computed from the distribution's known moments), which a correct generator passes
 * with probability 1 − 6e-7 for any seed.
 */
const DRAWS = 100_000;
const Z = 5;

function mean(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  return total / values.length;
}

function variance(values: ArrayLike<number>): number {
  const m = mean(values);
  let total = 0;
  for (let i = 0; i < values.length; i++) total += (values[i] - m) ** 2;
  return total / (values.length - 1);
}

function draw(count: number, next: () => number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = next();
  return out;
}

describe("createRandom: reproducibility", () => {
  const sequence = (random: Random) => [
    random.nextDouble(),
    random.nextInt(10),
    random.normal(),
    random.normal(),
    ...random.normals(new Float64Array(3)),
    random.gamma(0.4),
    random.gamma(3),
    ...random.dirichlet([0.5, 2, 0]),
    ...random.uniformSimplex(4),
  ];

  it("gives the same sequence of every method for the same seed", () => {
    expect(sequence(createRandom(2024))).toEqual(sequence(createRandom(2024)));
  });

  it("gives different sequences for different seeds, including the extremes of the seed range", () => {
    const seeds = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1];
    const firsts = seeds.map((seed) => createRandom(seed).nextDouble());
    expect(new Set(firsts).size).toBe(seeds.length);
  });
});

describe("createRandom: nextDouble and nextInt", () => {
  it("stays in [0, 1) with mean 1/2 and variance 1/12", () => {
    const values = draw(DRAWS, createRandom(1).nextDouble);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(Math.abs(mean(values) - 0.5)).toBeLessThan(Z * Math.sqrt(1 / 12 / DRAWS));
    // Var of the sample variance of U(0,1): (μ4 − σ⁴)/N with μ4 = 1/80, σ⁴ = 1/144.
    expect(Math.abs(variance(values) - 1 / 12)).toBeLessThan(Z * Math.sqrt((1 / 80 - 1 / 144) / DRAWS));
  });

  it("draws every integer below n about equally often", () => {
    const random = createRandom(2);
    const counts = new Array<number>(7).fill(0);
    for (let i = 0; i < DRAWS; i++) counts[random.nextInt(7)]++;
    const p = 1 / 7;
    for (const count of counts) {
      expect(Math.abs(count / DRAWS - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / DRAWS));
    }
  });

  it.each([0, -1, 2.5, NaN, Infinity])("rejects the bound %p", (n) => {
    const error = scoringErrorOf(() => createRandom(1).nextInt(n), "InvalidArgument");
    expect(error.message).toContain("whole number of at least 1");
  });
});

describe("createRandom: normal and normals", () => {
  it("normal() has mean 0 and variance 1", () => {
    const values = draw(DRAWS, createRandom(3).normal);
    expect(Math.abs(mean(values))).toBeLessThan(Z * Math.sqrt(1 / DRAWS));
    // For N(0,1), Var of the sample variance is 2/N.
    expect(Math.abs(variance(values) - 1)).toBeLessThan(Z * Math.sqrt(2 / DRAWS));
  });

  it("normals() fills a buffer (odd length too) with mean 0, variance 1 and the normal tail P(Z > 1)", () => {
    const values = createRandom(4).normals(new Float64Array(DRAWS + 1));
    expect(Math.abs(mean(values))).toBeLessThan(Z * Math.sqrt(1 / DRAWS));
    expect(Math.abs(variance(values) - 1)).toBeLessThan(Z * Math.sqrt(2 / DRAWS));
    const tail = values.filter((v) => v > 1).length / values.length;
    const p = 1 - 0.8413447460685429; // 1 − Φ(1)
    expect(Math.abs(tail - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / DRAWS));
    expect(values[DRAWS]).not.toBe(0);
  });
});

describe("createRandom: gamma", () => {
  // Gamma(k, 1): mean k, variance k, fourth central moment 3k² + 6k.
  it.each([0.05, 0.3, 1, 2.5, 10])("Gamma(%p) has mean and variance equal to the shape", (shape) => {
    const random = createRandom(5);
    const sample = draw(DRAWS, () => random.gamma(shape));
    expect(Math.min(...sample)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(mean(sample) - shape)).toBeLessThan(Z * Math.sqrt(shape / DRAWS));
    const fourth = 3 * shape * shape + 6 * shape;
    expect(Math.abs(variance(sample) - shape)).toBeLessThan(Z * Math.sqrt((fourth - shape * shape) / DRAWS));
  });

  it.each([0, -1, NaN, Infinity])("rejects the shape %p", (shape) => {
    const error = scoringErrorOf(() => createRandom(1).gamma(shape), "InvalidArgument");
    expect(error.message).toContain("greater than 0");
  });
});

describe("createRandom: dirichlet", () => {
  it("has the Dirichlet means α_i/α₀ and variances α_i(α₀ − α_i)/(α₀²(α₀ + 1)), and sums to 1", () => {
    const alpha = [0.5, 2, 4.5];
    const total = 7;
    const random = createRandom(6);
    const out = new Float64Array(3);
    const components = alpha.map(() => new Float64Array(DRAWS));
    let worstSum = 0;
    for (let d = 0; d < DRAWS; d++) {
      const w = random.dirichlet(alpha, out);
      worstSum = Math.max(worstSum, Math.abs(w[0] + w[1] + w[2] - 1));
      alpha.forEach((_, i) => (components[i][d] = w[i]));
    }
    expect(random.dirichlet(alpha, out)).toBe(out);
    expect(worstSum).toBeLessThan(1e-12);
    alpha.forEach((a, i) => {
      const expectedVariance = (a * (total - a)) / (total * total * (total + 1));
      expect(Math.abs(mean(components[i]) - a / total)).toBeLessThan(Z * Math.sqrt(expectedVariance / DRAWS));
      expect(variance(components[i])).toBeCloseTo(expectedVariance, 3);
    });
  });

  it("keeps a component with α = 0 at exactly 0, and stays finite for tiny α", () => {
    const random = createRandom(7);
    for (let d = 0; d < 1000; d++) {
      const w = random.dirichlet([1e-3, 0, 1e-3]);
      expect(w[1]).toBe(0);
      expect(Number.isFinite(w[0]) && Number.isFinite(w[2])).toBe(true);
      expect(w[0] + w[2]).toBeCloseTo(1, 12);
    }
  });

  it.each([
    [[1, -1], "finite number of at least 0", 1],
    [[1, NaN], "finite number of at least 0", 1],
    [[Infinity, 1], "finite number of at least 0", 0],
  ])("rejects the parameters %p and names the parameter", (alpha, message, index) => {
    const error = scoringErrorOf(() => createRandom(1).dirichlet(alpha), "InvalidArgument");
    expect(error.message).toContain(message);
    expect(error.message).toContain(`parameter ${index + 1}`);
    expect(error.place).toEqual({ index });
  });

  it("rejects all-zero parameters", () => {
    const error = scoringErrorOf(() => createRandom(1).dirichlet([0, 0]), "InvalidArgument");
    expect(error.message).toContain("at least one criterion a positive weight");
  });

  it("rejects an output buffer of the wrong length", () => {
    const error = scoringErrorOf(
      () => createRandom(1).dirichlet([1, 1], new Float64Array(3)),
      "InvalidArgument",
    );
    expect(error.message).toContain("length 2");
  });
});

describe("createRandom: uniformSimplex", () => {
  it("sums to 1, and its first component has the Beta(1, n − 1) law P(w₁ ≤ x) = 1 − (1 − x)^(n − 1)", () => {
    const n = 4;
    const random = createRandom(8);
    const firsts = new Float64Array(DRAWS);
    const out = new Float64Array(n);
    let smallest = Infinity;
    let worstSum = 0;
    for (let d = 0; d < DRAWS; d++) {
      const w = random.uniformSimplex(n, out);
      smallest = Math.min(smallest, ...w);
      worstSum = Math.max(worstSum, Math.abs(w[0] + w[1] + w[2] + w[3] - 1));
      firsts[d] = w[0];
    }
    expect(random.uniformSimplex(n, out)).toBe(out);
    expect(smallest).toBeGreaterThanOrEqual(0);
    expect(worstSum).toBeLessThan(1e-12);
    for (const x of [0.05, 0.1, 0.25, 0.5, 0.75]) {
      const p = 1 - (1 - x) ** (n - 1);
      const observed = firsts.filter((v) => v <= x).length / DRAWS;
      expect(Math.abs(observed - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / DRAWS));
    }
  });

  it("makes every order of the components equally likely (1/6 each for n = 3)", () => {
    const random = createRandom(9);
    const counts = new Map<string, number>();
    for (let d = 0; d < DRAWS; d++) {
      const w = random.uniformSimplex(3);
      const order = [0, 1, 2].sort((a, b) => w[b] - w[a]).join("");
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    const p = 1 / 6;
    for (const count of counts.values()) {
      expect(Math.abs(count / DRAWS - p)).toBeLessThan(Z * Math.sqrt((p * (1 - p)) / DRAWS));
    }
  });

  it("gives [1] in one dimension", () => {
    expect(Array.from(createRandom(1).uniformSimplex(1))).toEqual([1]);
  });

  it.each([0, -2, 1.5, NaN])("rejects the dimension %p", (n) => {
    const error = scoringErrorOf(() => createRandom(1).uniformSimplex(n), "InvalidArgument");
    expect(error.message).toContain("at least 1 dimension");
  });

  it("rejects an output buffer of the wrong length", () => {
    scoringErrorOf(() => createRandom(1).uniformSimplex(3, new Float64Array(2)), "InvalidArgument");
  });
});

describe("validateSeed", () => {
  it.each([0, 42, 2 ** 32 - 1])("accepts %p", (seed) => {
    expect(() => validateSeed(seed)).not.toThrow();
  });

  it.each([-1, 1.5, 2 ** 32, NaN, Infinity, "7" as unknown as number])("rejects %p", (seed) => {
    const error = scoringErrorOf(() => createRandom(seed), "InvalidArgument");
    expect(error.message).toContain("whole number from 0 to 4294967295");
  });
});
