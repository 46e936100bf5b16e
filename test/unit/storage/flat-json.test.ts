import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { flatJson } from '../../../src/storage/flat-json';
import { packageRoot } from '../../../src/paths';

/**
 * Holds 500 activity-sized JSON texts made one way in a fresh node (the compiled module, which `npm test`
 * builds first), collects garbage, and counts the heap's string objects in a heap snapshot.
 */
function stringObjectsHeld(mode: 'stringify' | 'flatJson'): { strings: number; cons: number } {
  const modulePath = path.join(packageRoot(), 'dist', 'src', 'storage', 'flat-json.js');
  const script = `
    const v8 = require('node:v8'), fs = require('node:fs'), os = require('node:os'), path = require('node:path');
    const { flatJson } = require(${JSON.stringify(modulePath)});
    const make = ${JSON.stringify(mode)} === 'flatJson' ? flatJson : JSON.stringify;
    const held = [];
    for (let i = 0; i < 500; i++) {
      held.push(make({ id: 'c|' + i, type: 'message', text: '请问退货运费谁出？'.repeat(20) + i,
        from: { id: 'shopper-' + i }, channelData: { clientActivityID: 'shopper-' + i + '.0' },
        attachments: [{ contentType: 'application/vnd.microsoft.card.hero',
          content: { title: 'Return policy', buttons: [{ type: 'imBack', title: 'Yes', value: 'yes' }] } }] }));
    }
    global.gc(); global.gc();
    const file = path.join(os.tmpdir(), 'kefu-flat-json-' + process.pid + '.heapsnapshot');
    v8.writeHeapSnapshot(file);
    const snapshot = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.unlinkSync(file);
    const { node_fields, node_types } = snapshot.snapshot.meta;
    const counts = { strings: 0, cons: 0 };
    for (let i = 0; i < snapshot.nodes.length; i += node_fields.length) {
      const type = node_types[0][snapshot.nodes[i]];
      if (type === 'concatenated string') counts.cons += 1;
      if (type.endsWith('string')) counts.strings += 1;
    }
    console.log(JSON.stringify(counts), held.length);
  `;
  const output = execFileSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
  return JSON.parse(output.split(' ')[0]) as { strings: number; cons: number };
}

describe('flatJson: JSON text to hold in memory', () => {
  it('is exactly what JSON.stringify writes', () => {
    const value = { text: '七天无理由退货 7-day returns', nested: { list: [1, 'two', null], flag: true } };
    expect(flatJson(value)).toBe(JSON.stringify(value));
    expect(JSON.parse(flatJson(value))).toEqual(value);
  });

  it('is held as one string object each, where JSON.stringify leaves a tree of parts', () => {
    const stringified = stringObjectsHeld('stringify');
    const flat = stringObjectsHeld('flatJson');
    // JSON.stringify: several cons strings and parts per text (seen: ~4 and ~5); flattened, the tree goes.
    expect(stringified.cons - flat.cons).toBeGreaterThanOrEqual(500 * 2);
    expect(stringified.strings - flat.strings).toBeGreaterThanOrEqual(500 * 4);
  }, 60_000);
});
