import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../src/paths';

function startScript(): string {
  const manifest = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  return manifest.scripts?.start ?? '';
}

/**
 * The node flags `npm start` runs kefu with (package.json's start script), so the benchmark and the fault
 * tests measure and test kefu as a shop runs it, not a node with V8's defaults.
 */
export function startScriptNodeFlags(script: string = startScript()): string[] {
  const match = /^node((?:\s+--[\w-]+(?:=\S+)?)*)\s+bin\/kefu\.js\s+start$/.exec(script.trim());
  if (!match) {
    throw new Error(
      `package.json's start script should read "node [--flags] bin/kefu.js start", not: ${script}`,
    );
  }
  return (match[1] ?? '').split(/\s+/).filter((flag) => flag !== '');
}
