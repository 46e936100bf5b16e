import type { LatencySummary } from './stats';

/**
 * What the orchestrator asks the load generator to do in one phase, and what it answers. Both cross the
 * process boundary as IPC messages, so they hold plain data only.
 */

export type Pacing =
  /** Each conversation sends its next message as soon as the previous turn answered. */
  | { kind: 'closed' }
  /** `ratePerSecond` turns in total, spread evenly over the conversations, sent on schedule. */
  | { kind: 'paced'; ratePerSecond: number };

export interface PhaseSpec {
  host: string;
  port: number;
  /** kefu: the Direct Line protocol with scripts and reply checks; bare: the same POSTs to a fixed answer. */
  mode: 'kefu' | 'bare';
  secret: string;
  conversations: number;
  durationMs: number;
  pacing: Pacing;
  /** Makes shopper ids unique across phases and runs, so no phase continues another's conversations. */
  idPrefix: string;
  /** Read back every conversation of the phase at the end and check no message was lost or doubled. */
  verifyLog: boolean;
  /** Upper bound on the conversations read back, so a long phase does not make a long verification. */
  verifyMax: number;
  requestTimeoutMs: number;
  /** Hard cap on turns, whatever the rate: the generator stops by count as well as by time. */
  maxTurns: number;
}

export interface LogVerification {
  conversations: number;
  messages: number;
  lost: number;
  duplicated: number;
  unanswered: number;
  /** Shopper messages in the log that the generator never saw accepted (a POST that failed mid-way). */
  unexpected: number;
  examples: string[];
}

export interface PhaseResult {
  /** Turns answered 2xx whose answer arrived inside the measuring window. */
  turns: number;
  windowMs: number;
  turnsPerSecond: number;
  latency: LatencySummary;
  errors: Record<string, number>;
  errorExamples: Record<string, string[]>;
  /** Turns whose reply was read back and checked against the script. */
  repliesChecked: number;
  conversationsStarted: number;
  /** Requests other than turns: tokens, new conversations, reads. */
  otherRequests: number;
  /** Paced only: scheduled turns the window ended on before they could be sent (the server fell behind). */
  behind: number;
  /**
   * CPU the generator itself used for the traffic (not the read-back), so a saturated generator is not
   * mistaken for a slow server.
   */
  generatorCpuMs: number;
  verification?: LogVerification;
}

/**
 * From the generator: 'traffic-done' when the shoppers' traffic is over and the read-back of the logs is
 * about to start, so the orchestrator can take its per-turn readings (server CPU, Redis commands) of the
 * traffic alone — the read-back is the benchmark's check, not load, and only the Redis set-ups do it.
 * The generator waits for 'go-on' before reading back.
 */
export type GeneratorMessage =
  { kind: 'traffic-done' } | { kind: 'result'; result: PhaseResult } | { kind: 'failed'; message: string };

/** To the generator, after the PhaseSpec it starts with. */
export type OrchestratorMessage = { kind: 'go-on' };
