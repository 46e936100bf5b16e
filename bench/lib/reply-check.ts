import type { LogVerification } from './phase';

/** The part of a Direct Line activity the checks look at. */
export interface ActivityView {
  id?: string;
  type?: string;
  text?: string;
  from?: { id?: string; role?: string };
}

/** A shopper message the server accepted (2xx), with the id it answered. */
export interface AcceptedTurn {
  id: string;
  text: string;
  expect?: RegExp;
}

interface Exchange {
  text: string;
  /** How many times this activity id is in the log: 1, or the log is broken. */
  copies: number;
  replies: string[];
}

/** Each shopper message of a stretch of the log, with the bot's messages up to the next shopper message. */
function exchanges(activities: readonly ActivityView[]): Map<string, Exchange> {
  const byId = new Map<string, Exchange>();
  let current: Exchange | undefined;
  for (const activity of activities) {
    if (activity.type !== 'message') continue; // typing and events carry no answer
    if (activity.from?.role === 'bot') {
      current?.replies.push(activity.text ?? '');
      continue;
    }
    const id = activity.id ?? '';
    const seen = byId.get(id);
    if (seen) {
      seen.copies += 1;
      current = seen;
      continue;
    }
    current = { text: activity.text ?? '', copies: 1, replies: [] };
    byId.set(id, current);
  }
  return byId;
}

export type TurnProblem = 'lost message' | 'missing reply' | 'wrong reply';

/**
 * Checks turns against what the log shows after them: the shopper's message is there, the bot answered
 * it, and the answer is the one the script expects.
 */
export function checkTurns(
  turns: readonly AcceptedTurn[],
  activities: readonly ActivityView[],
  report: (problem: TurnProblem, example: string) => void,
): void {
  const found = exchanges(activities);
  for (const turn of turns) {
    const exchange = found.get(turn.id);
    if (!exchange || exchange.text !== turn.text) {
      report('lost message', `${turn.id} "${turn.text}" not in the log`);
      continue;
    }
    if (exchange.replies.length === 0) {
      report('missing reply', `"${turn.text}" got no bot message`);
      continue;
    }
    const answer = exchange.replies.join(' / ');
    if (turn.expect && !turn.expect.test(answer)) {
      report('wrong reply', `"${turn.text}" → "${answer.slice(0, 120)}"`);
    }
  }
}

/** What one conversation's full log must show: every accepted message once, each with an answer. */
export function verifyConversation(
  accepted: readonly AcceptedTurn[],
  failedPosts: number,
  activities: readonly ActivityView[],
  into: LogVerification,
): void {
  const found = exchanges(activities);
  into.conversations += 1;
  const example = (line: string) => {
    if (into.examples.length < 5) into.examples.push(line);
  };
  for (const turn of accepted) {
    into.messages += 1;
    const exchange = found.get(turn.id);
    if (!exchange || exchange.text !== turn.text) {
      into.lost += 1;
      example(`lost: ${turn.id} "${turn.text}"`);
    } else if (exchange.copies > 1) {
      into.duplicated += 1;
      example(`duplicated ×${exchange.copies}: ${turn.id} "${turn.text}"`);
    } else if (exchange.replies.length === 0) {
      into.unanswered += 1;
      example(`unanswered: ${turn.id} "${turn.text}"`);
    }
  }
  const acceptedIds = new Set(accepted.map((turn) => turn.id));
  const strangers = [...found.keys()].filter((id) => !acceptedIds.has(id));
  // A POST that timed out or was cut off may still have reached the log; only more than those is wrong.
  const unexplained = Math.max(0, strangers.length - failedPosts);
  into.unexpected += unexplained;
  if (unexplained > 0) example(`unexpected shopper messages: ${strangers.slice(0, 3).join(', ')}`);
}

export function emptyVerification(): LogVerification {
  return {
    conversations: 0,
    messages: 0,
    lost: 0,
    duplicated: 0,
    unanswered: 0,
    unexpected: 0,
    examples: [],
  };
}
