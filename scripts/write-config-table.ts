/** Rewrites the configuration table in README.md from the zod settings (`npm run docs:config`). */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configurationTable } from '../src/config';

const readmePath = path.join(__dirname, '..', '..', 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const start = '<!-- config-table:start -->';
const end = '<!-- config-table:end -->';
const from = readme.indexOf(start);
const to = readme.indexOf(end);
if (from < 0 || to < from) throw new Error(`README.md needs the markers ${start} and ${end}`);
writeFileSync(
  readmePath,
  `${readme.slice(0, from + start.length)}\n${configurationTable()}\n${readme.slice(to)}`,
);
console.log('README.md configuration table updated');
