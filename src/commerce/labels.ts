import type {
  AfterSaleReason,
  InvoiceType,
  LocalizedText,
  OrderStatus,
  TicketKind,
  TicketStatus,
} from './types';

/** How the shop's codes read to a shopper, in both languages. */

export const orderStatusLabels: Readonly<Record<OrderStatus, LocalizedText>> = {
  unpaid: { zh: '待付款', en: 'awaiting payment' },
  paid: { zh: '待发货', en: 'paid, awaiting dispatch' },
  shipped: { zh: '已发货', en: 'shipped' },
  delivered: { zh: '已签收', en: 'delivered' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

export const ticketKindLabels: Readonly<Record<TicketKind, LocalizedText>> = {
  return: { zh: '退货退款', en: 'return and refund' },
  exchange: { zh: '换货', en: 'exchange' },
  invoice: { zh: '开发票', en: 'invoice' },
  cancel: { zh: '取消订单', en: 'order cancellation' },
  address_change: { zh: '修改地址', en: 'address change' },
  claim: { zh: '物流理赔', en: 'delivery claim' },
  message: { zh: '留言', en: 'message' },
};

export const ticketStatusLabels: Readonly<Record<TicketStatus, LocalizedText>> = {
  open: { zh: '待处理', en: 'open' },
  in_progress: { zh: '处理中', en: 'in progress' },
  resolved: { zh: '已完成', en: 'resolved' },
  rejected: { zh: '已驳回', en: 'rejected' },
};

export const afterSaleReasonLabels: Readonly<Record<AfterSaleReason, LocalizedText>> = {
  size: { zh: '尺码不合适', en: "the size doesn't fit" },
  quality: { zh: '质量问题', en: 'quality problem' },
  not_as_described: { zh: '与描述不符', en: 'not as described' },
  changed_mind: { zh: '不想要了', en: 'changed my mind' },
  other: { zh: '其他原因', en: 'other reason' },
};

export const invoiceTypeLabels: Readonly<Record<InvoiceType, LocalizedText>> = {
  normal: { zh: '普通电子发票', en: 'normal electronic invoice' },
  special: { zh: '增值税专用发票', en: 'special VAT invoice' },
};
