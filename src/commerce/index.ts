/** Commerce: the shop's data, rules and order system, with no knowledge of conversations or transports. */
export * from './types';
export * from './policy';
export {
  exchangeEligibility,
  returnEligibility,
  type ExchangeEligibility,
  type ExchangeEligibilityCode,
  type ReturnEligibility,
  type ReturnEligibilityCode,
} from './eligibility';
export type {
  AvailableShippingQuote,
  ShippingUnavailableReason,
  ShippingZone,
  UnavailableShippingQuote,
} from './shipping-quote';
export { shipsSameDay } from './dispatch';
export { findRegion, isForeignCountry, regionName, type Region, type RegionZone } from './regions';
export { calendarDaysBetween, CHINA_UTC_OFFSET_MINUTES } from './calendar';
export { isOverdue, latestEvent, overdueReasons, STALE_TRACKING_DAYS, type OverdueReason } from './tracking';
export { isValidUnifiedSocialCreditCode, taxIdProblem, type TaxIdProblem } from './tax-id';
export * from './requests';
export {
  canReissue,
  invoiceHistory,
  invoiceProblemMessages,
  invoiceRequestProblems,
  isInvoiceable,
  type InvoiceHistory,
  type InvoiceProblem,
} from './invoice-rules';
export * from './labels';
export { colorName } from './colors';
export { maskAddress, maskName, maskPhone } from './masking';
export { isOwner, type ShopperIdentity } from './ownership';
export * from './order-service';
export {
  formatTicketId,
  MemoryTicketStore,
  type MemoryTicketStoreOptions,
  type TicketStore,
} from './ticket-store';
export * from './ticket-summaries';
export * from './demo';
