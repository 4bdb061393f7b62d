// Installs the locked packages only when node_modules is missing or older than package-lock.json,
// so repeated Maven builds do not reinstall them. Uses the machine's node and npm. `npm install`
// rather than `npm ci`: npm 11 writes lock files without the other platforms' optional rollup
// packages and `npm ci` then refuses the very lock file it wrote; `install` honours the locked
// versions all the same.
import { existsSync, statSync } from 'node:fs'
import { execSync } from 'node:child_process'

const marker = 'node_modules/.package-lock.json'
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs
if (stale) {
  console.log('timesmith-web: npm install (locked versions)')
  execSync('npm install --no-audit --no-fund', { stdio: 'inherit' })
} else {
  console.log('timesmith-web: node_modules up to date')
}
