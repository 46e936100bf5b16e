/**
 * Holds each turn that arrives until the event loop's check phase (setImmediate), so that the turns of the
 * requests read in one pass of the loop run back to back instead of each between two stretches of HTTP work.
 *
 * Why: a turn runs through a lot of code (botbuilder, dialogs, NLU, state) and so does a request (node's
 * HTTP parser, Fastify, zod, JWT). Alternating the two for every request kept evicting each other's code and
 * data from the CPU's caches; measured with `npm run bench:server` (memory, 500 conversations, 2-core VM)
 * the same server went from ~1,700 to ~2,700 turns/s once the turns of a pass were started together.
 *
 * A batch is capped: its turns share the microtask queue and so all finish at about the same time, its
 * end; an unbounded batch after a pause (a major GC) would hold every waiting shopper for as long as all
 * their turns take, and the next batch would be as large. Past the cap, turns wait for the next pass, and
 * the loop answers and reads sockets in between.
 *
 * Turns are released in arrival order, so two messages of one conversation keep their order.
 */
export class TurnBatch {
  private readonly waiting: Array<() => void> = [];
  private scheduled = false;

  constructor(private readonly maxTurns = 64) {}

  /** Resolves in a coming check phase of the event loop, together with the turns that arrived with it. */
  next(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.release());
  }

  private release(): void {
    this.scheduled = false;
    const batch = this.waiting.splice(0, this.maxTurns);
    for (const resolve of batch) resolve();
    // Scheduled from the check phase, the rest waits for the next pass: sockets are served in between.
    if (this.waiting.length > 0) this.schedule();
  }
}
