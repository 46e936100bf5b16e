import { colorName } from './colors';
import { afterSaleReasonLabels, invoiceTypeLabels } from './labels';
import { findRegion } from './regions';
import type { AfterSaleReason, InvoiceType, LocalizedText, OrderItem } from './types';

/**
 * One-line bilingual summaries of after-sales tickets, for the shopper's "my requests" list and the agent's
 * queue. Shared so every `OrderService` words its tickets the same way.
 */

function variantText(size: string | undefined, color: string | undefined): LocalizedText {
  const zh = [color && colorName(color, 'zh'), size].filter(Boolean).join(' ');
  const en = [color && colorName(color, 'en'), size && `size ${size}`].filter(Boolean).join(', ');
  return { zh: zh || '默认款', en: en || 'standard' };
}

function yuan(amount: number): string {
  return `¥${amount.toFixed(2)}`;
}

export function returnTicketSummary(
  orderId: string,
  item: OrderItem,
  quantity: number,
  reason: AfterSaleReason,
  refundAmount: number,
): LocalizedText {
  const why = afterSaleReasonLabels[reason];
  return {
    zh: `订单 ${orderId} 退货：${item.name.zh} ×${quantity}（${why.zh}），退款 ${yuan(refundAmount)}`,
    en: `Return for order ${orderId}: ${item.name.en} ×${quantity} (${why.en}), refund ${yuan(refundAmount)}`,
  };
}

export function exchangeTicketSummary(
  orderId: string,
  item: OrderItem,
  quantity: number,
  wanted: { size?: string; color?: string },
): LocalizedText {
  const from = variantText(item.size, item.color);
  const to = variantText(wanted.size, wanted.color);
  return {
    zh: `订单 ${orderId} 换货：${item.name.zh} ×${quantity}，${from.zh} 换 ${to.zh}`,
    en: `Exchange for order ${orderId}: ${item.name.en} ×${quantity}, ${from.en} for ${to.en}`,
  };
}

export function invoiceTicketSummary(
  orderId: string,
  type: InvoiceType,
  title: string,
  reissue = false,
): LocalizedText {
  const label = invoiceTypeLabels[type];
  // The agent must void the earlier invoice before issuing a reissue, so the summary says which it is.
  return reissue
    ? {
        zh: `订单 ${orderId} 重开${label.zh}，抬头：${title}`,
        en: `Reissue of the ${label.en} for order ${orderId}, made out to ${title}`,
      }
    : {
        zh: `订单 ${orderId} 开具${label.zh}，抬头：${title}`,
        en: `${label.en[0].toUpperCase()}${label.en.slice(1)} for order ${orderId}, made out to ${title}`,
      };
}

export function cancellationTicketSummary(orderId: string, refundAmount: number): LocalizedText {
  return refundAmount > 0
    ? {
        zh: `订单 ${orderId} 已取消，退款 ${yuan(refundAmount)} 原路退回`,
        en: `Order ${orderId} cancelled; ${yuan(refundAmount)} refunded to the original payment method`,
      }
    : { zh: `订单 ${orderId} 已取消（未付款）`, en: `Order ${orderId} cancelled (it was unpaid)` };
}

export function addressChangeTicketSummary(orderId: string, province: string, city: string): LocalizedText {
  // City names have no English table; the province has, and is enough to recognise the change.
  const region = findRegion(province);
  return {
    zh: `订单 ${orderId} 收货地址已改为 ${province}${city}`,
    en: `Delivery address of order ${orderId} changed to an address in ${region?.en ?? province}`,
  };
}
