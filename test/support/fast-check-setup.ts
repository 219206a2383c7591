import fc from 'fast-check';

// Property tests explore new random cases on every developer run; in CI (CI=true) they replay one fixed seed,
// so a landing is never decided by the luck of the draw. A failure prints its seed and counterexample.
if (process.env.CI) fc.configureGlobal({ seed: 20_261_126 });
