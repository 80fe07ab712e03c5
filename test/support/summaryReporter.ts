import type { Reporter, TestModule, TestRunEndReason, TestSuite } from 'vitest/node';

/**
 * Ends the run with one machine-readable line, `N passed, N failed[, N skipped]`, counting test cases.
 * CI reads the last line of the log, so errors that belong to no test case (a file that failed to load,
 * a failing beforeAll/afterAll, an unhandled error) also count as failures: a red run never says `0 failed`.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>, reason: TestRunEndReason): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failed += 1;
        // Pending at the end means never run (an interrupted or bailed run).
        else skipped += 1;
      }
      const suites: Array<TestModule | TestSuite> = [testModule, ...testModule.children.allSuites()];
      failed += suites.filter((suite) => suite.errors().length > 0).length;
    }
    failed += unhandledErrors.length;
    // Vitest can fail a run for reasons outside any module (no test files, coverage thresholds).
    if (reason === 'failed' && failed === 0) failed = 1;

    const line = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    // A fresh line: the default reporter may have left the cursor mid-line.
    process.stdout.write(`\n${line}\n`);
  }
}
