import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server listens on 3000 in development; the built app is served by that same server at `/`.
// FAZHI_API_URL points the dev/preview proxy elsewhere (another port, a mock, a staging server).
const api = { '/api': { target: process.env.FAZHI_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false } };

export default defineConfig({
  root: 'web',
  plugins: [react()],
  server: { proxy: api },
  preview: { proxy: api },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // React and ECharts change less often than our code, so they get chunks of their own that
        // browsers keep across releases; ECharts stays out of the first load (only the cockpit needs it).
        // antd is deliberately NOT one group: split per component, the mobile portal loads far less.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 30 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
});
