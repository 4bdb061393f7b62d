import { defineConfig } from 'vitest/config'
import vue from '@vitejs/plugin-vue'
import vuetify from 'vite-plugin-vuetify'

// The API server the dev server proxies to (timesmith server on its default port).
const apiTarget = process.env.TIMESMITH_API ?? 'http://127.0.0.1:5000'

export default defineConfig({
  plugins: [vue(), vuetify({ autoImport: true })],
  base: '/',
  build: {
    // Spring Boot serves classpath:/static/, so the jar carries the built UI there.
    outDir: 'target/classes/static',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/login': { target: apiTarget, changeOrigin: false },
      '/logout': { target: apiTarget, changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    server: { deps: { inline: ['vuetify'] } },
  },
})
