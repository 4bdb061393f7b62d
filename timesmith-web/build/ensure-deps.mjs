// Installs the locked packages only when node_modules is missing or older than package-lock.json,
// so repeated Maven builds do not reinstall them. Uses the machine's node and npm. `npm ci`: it
// installs exactly the lock file and never rewrites it, so a build leaves the work tree clean (the
// lock lists every platform's optional rollup package, which `npm ci` needs).
import { existsSync, statSync } from 'node:fs'
import { execSync } from 'node:child_process'

const marker = 'node_modules/.package-lock.json'
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs
if (stale) {
  console.log('timesmith-web: npm ci (locked versions)')
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' })
} else {
  console.log('timesmith-web: node_modules up to date')
}
