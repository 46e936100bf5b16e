#!/usr/bin/env node
'use strict';
// The `kefu` command. The TypeScript sources compile to dist/ (npm install runs the build).
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'src', 'cli.js');
if (!fs.existsSync(entry)) {
  console.error('kefu: the compiled code is missing (dist/). Run `npm run build` in the kefu folder first.');
  process.exit(1);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    if (typeof code === 'number') process.exitCode = code;
  });
