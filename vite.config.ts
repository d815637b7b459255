import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import targets from './scripts/electron-targets.json' with { type: 'json' };

export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: targets.chrome,
    sourcemap: false,
  },
});
