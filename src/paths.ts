import { existsSync } from 'node:fs';
import path from 'node:path';

let root: string | undefined;

/** The folder holding kefu's package.json, whether running from src/ (tests) or dist/src/ (built). */
export function packageRoot(): string {
  if (root) return root;
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'intents'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`kefu: cannot find the package folder above ${__dirname}`);
    dir = parent;
  }
  root = dir;
  return dir;
}

export function intentsDir(): string {
  return path.join(packageRoot(), 'intents');
}
