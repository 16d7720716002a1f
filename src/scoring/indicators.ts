/** Indicators under a criterion (issue 16): the two-level scorecard's model, one import away. */
export * from "./indicatorTree";
export * from "./indicatorWeights";
export * from "./indicatorScores";
export * from "./indicatorContributions";
export * from "./defaultIndicators";
