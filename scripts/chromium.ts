/**
 * How this project launches Debian's Chromium, shared by the Playwright config and the benchmarks.
 * The background-networking flags keep it from dialling hosts the machine cannot reach.
 */
import type { LaunchOptions } from '@playwright/test';

/** 'cpu': software rendering, WASM inference. 'webgpu': WebGPU through SwiftShader (needs a 127.0.0.1 page). */
export type BrowserMode = 'cpu' | 'webgpu';

const BASE_FLAGS = ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const MODE_FLAGS: Record<BrowserMode, string[]> = {
  cpu: ['--disable-gpu'],
  webgpu: ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=swiftshader', '--use-webgpu-adapter=swiftshader'],
};

export function chromiumLaunchOptions(mode: BrowserMode): LaunchOptions {
  return { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...BASE_FLAGS, ...MODE_FLAGS[mode]] };
}
