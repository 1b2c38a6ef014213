/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  plugins: [react()],
  worker: { format: 'es' },
  // tfjs' wasm binaries are imported with ?url and must not be pre-bundled.
  optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // bench.html: the page `npm run bench` drives in headless Chromium (src/bench/browserBench.ts);
    // testing/fused/index.html: the fused-kernel checks e2e/fused.spec.ts runs on WebGPU.
    rolldownOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        bench: fileURLToPath(new URL('bench.html', import.meta.url)),
        fused: fileURLToPath(new URL('testing/fused/index.html', import.meta.url)),
      },
    },
  },
  preview: { host: '127.0.0.1' },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'scripts/**/*.test.ts', 'testing/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
