/** @file Hands Vite's URLs of tfjs' wasm binaries to the wasm backend (browser only; Node finds them itself). */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

let done = false;

export function configureWasmAssets(): void {
  if (done) return;
  // Single-threaded SIMD: threads need COOP/COEP headers and gave no speed-up (ENVIRONMENT.md).
  setWasmPaths({ 'tfjs-backend-wasm.wasm': plain, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': threadedSimd }, true);
  done = true;
}
