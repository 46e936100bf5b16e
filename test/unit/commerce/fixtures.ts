import { createDemoCatalog, createDemoOrders, DEMO_ORDER_IDS } from '../../../src/commerce/demo';
import type { Order } from '../../../src/commerce/types';

/** 2023-11-22 12:00 in Beijing: every demo date in these tests is relative to it. */
export const NOW = new Date('2023-11-22T04:00:00.000Z');

export const DAY_MS = 86_400_000;

export function demoOrder(id: string, now: Date = NOW): Order {
  const order = createDemoOrders(now, createDemoCatalog()).find((candidate) => candidate.id === id);
  if (order === undefined) throw new Error(`no demo order ${id}`);
  return order;
}

export { DEMO_ORDER_IDS };
