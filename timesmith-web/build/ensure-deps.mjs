// Runs `npm ci` only when node_modules is missing or older than package-lock.json, so repeated
// Maven builds do not reinstall the same packages. Uses the machine's node and npm.
import { existsSync, statSync } from 'node:fs'
import { execSync } from 'node:child_process'

const marker = 'node_modules/.package-lock.json'
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs
if (stale) {
  console.log('timesmith-web: npm ci')
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' })
} else {
  console.log('timesmith-web: node_modules up to date')
}
