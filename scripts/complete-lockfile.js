#!/usr/bin/env node
/**
 * Completes package-lock.json with the optional, platform-specific packages this machine's registry does not
 * serve (e.g. @swc/core-darwin-arm64, @tarojs/binding-win32-x64-msvc). npm leaves them out of the lock when it
 * can't fetch their metadata, and then `npm ci` refuses the lock as out of sync. Each added entry carries the
 * os/cpu/libc its name states, so npm skips it on other platforms and fetches it on its own.
 *
 * Run after any `npm install` that changes dependencies: `node scripts/complete-lockfile.js`.
 */
const fs = require('node:fs');
const path = require('node:path');
const semver = require('semver');

const file = path.join(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const pkgs = lock.packages;

const OS = ['darwin', 'linux', 'win32', 'android', 'freebsd', 'openharmony', 'openbsd', 'netbsd', 'sunos', 'aix'];
const CPU = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32'];

/** "@swc/core-linux-arm-gnueabihf" → { os: ['linux'], cpu: ['arm'], libc: ['glibc'] }. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  if (!cpu) return undefined;
  const out = { cpu: [cpu] };
  if (os) out.os = [os];
  if (os === 'linux' && parts.some((p) => p.startsWith('musl'))) out.libc = ['musl'];
  else if (os === 'linux' && parts.some((p) => p.startsWith('gnu'))) out.libc = ['glibc'];
  return out;
}

/** Node's lookup: the nearest node_modules/<name> from `from` upwards. */
function resolve(from, name) {
  let base = from;
  for (;;) {
    const at = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (pkgs[at]) return at;
    if (!base) return null;
    const i = base.lastIndexOf('/node_modules/');
    base = i < 0 ? '' : base.slice(0, i);
  }
}

let added = 0;
for (const [location, meta] of Object.entries({ ...pkgs })) {
  for (const [name, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    const found = resolve(location, name);
    if (found && (!semver.validRange(spec) || semver.satisfies(pkgs[found].version, spec))) continue;
    const platform = platformOf(name);
    if (!platform || !semver.validRange(spec)) {
      // Not a platform binary (e.g. NutUI's optional usage-statistics tool at "latest"): an optional extra the
      // registry doesn't serve. Its edge goes, so installs neither fetch nor expect it.
      delete meta.optionalDependencies[name];
      console.log(`note: dropped optional ${name}@${spec} of ${location || 'the root'}`);
      continue;
    }
    const target = pkgs[`node_modules/${name}`] ? `${location}/node_modules/${name}` : `node_modules/${name}`;
    pkgs[target] = { version: semver.minVersion(spec).version, ...platform, optional: true, ...(meta.dev ? { dev: true } : {}) };
    added++;
  }
}
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: added ${added} optional platform entries`);
