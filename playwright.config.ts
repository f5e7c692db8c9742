import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/chromium';

// Parallel local runs can each use their own build and port: E2E_DIST=dist-x E2E_PORT=4180.
const port = Number(process.env.E2E_PORT ?? 4173);
const outDir = process.env.E2E_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    acceptDownloads: true,
  },
  projects: [
    {
      name: 'wasm',
      grepInvert: /@webgpu-only/,
      use: {
        browserName: 'chromium',
        launchOptions: chromiumLaunchOptions('cpu'),
      },
    },
    {
      // WebGPU through SwiftShader on the CPU; needs a secure context (127.0.0.1).
      name: 'webgpu',
      grep: /@webgpu/,
      use: {
        browserName: 'chromium',
        launchOptions: chromiumLaunchOptions('webgpu'),
      },
    },
  ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort --outDir ${outDir}`,
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
