/**
 * Property tests explore new random inputs on developers' machines; in CI (CI=true) they replay a
 * fixed seed, so that a red build is always reproducible. FC_SEED overrides either, to replay a
 * failure that fast-check reported.
 */
import fc from "fast-check";

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? 20261123 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
