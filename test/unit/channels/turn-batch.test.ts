import { TurnBatch } from '../../../src/channels/turn-batch';

describe('TurnBatch', () => {
  it('releases the turns that arrived in one pass together, in arrival order, after the pass', async () => {
    const batch = new TurnBatch(10);
    const released: number[] = [];
    const waits = [1, 2, 3].map((turn) => batch.next().then(() => released.push(turn)));
    // Nothing runs before the check phase: the rest of this pass (microtasks included) comes first.
    await Promise.resolve();
    expect(released).toEqual([]);
    await Promise.all(waits);
    expect(released).toEqual([1, 2, 3]);
  });

  it('releases at most its cap per pass and the rest in the passes that follow, still in order', async () => {
    const batch = new TurnBatch(2);
    const released: number[] = [];
    const waits = [1, 2, 3, 4, 5].map((turn) => batch.next().then(() => released.push(turn)));
    // Each of these is queued behind the batch's own release of the same pass, so it sees that pass's turns.
    const afterPass = () => new Promise<void>((resolve) => setImmediate(resolve));
    await afterPass();
    expect(released).toEqual([1, 2]);
    await afterPass();
    expect(released).toEqual([1, 2, 3, 4]);
    await Promise.all(waits);
    expect(released).toEqual([1, 2, 3, 4, 5]);
  });

  it('serves a turn that arrives after a batch was released in a later pass', async () => {
    const batch = new TurnBatch();
    await batch.next();
    let late = false;
    const pending = batch.next().then(() => {
      late = true;
    });
    expect(late).toBe(false);
    await pending;
    expect(late).toBe(true);
  });
});
