/** The scoring model's public surface (docs/architecture.md §2): pure functions and types, no I/O. */
export * from "./types";
export * from "./errors";
export * from "./scale";
export * from "./criteria";
export * from "./weights";
export * from "./ahp";
export * from "./rank";
export * from "./score";
export * from "./consensus";
export * from "./sensitivity";
export * from "./smaa";
export * from "./groupWeights";
export * from "./groupConsensus";
export * from "./panelSmaa";
export { createRandom, type Random } from "./random";
export * from "./compare";
export * from "./indicators";
