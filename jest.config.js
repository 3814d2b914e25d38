// Two projects: `unit` (pure, fast, no Docker) and `e2e` (the real stack: dockerd,
// BuildKit, QEMU, the reference registry, the ECR API emulator; runs dist/ as a runner does).
const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }] }
}

export default {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/__tests__/**/*.test.ts'], testPathIgnorePatterns: ['/e2e/'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/testing/global-setup.ts'
    }
  ],
  // Global, not per project (jest ignores it there): e2e steps build images, some under QEMU.
  testTimeout: 300000
}
