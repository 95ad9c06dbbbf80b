// TEST_SPEC narrows a run to part of the suite (e.g. TEST_SPEC='test/rules/**/*.test.ts');
// a file named on mocha's command line is added to `spec`, not used instead of it.
module.exports = {
  spec: (process.env.TEST_SPEC || 'test/**/*.test.ts').split(','),
  extension: ['ts'],
  'node-option': ['import=tsx', 'disable-warning=DEP0111'],
  timeout: 20000,
  reporter: process.env.MOCHA_REPORTER || 'spec',
};
