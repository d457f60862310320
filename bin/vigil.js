#!/usr/bin/env node
// The `vigil` command: the built CLI (serve, cameras, ...). Build first with `npm run build`.
'use strict'
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  console.error('Run `npm run build` first (out/main/cli.js is missing).')
  process.exit(1)
}
require(cli)
