import { z } from 'zod';
import { CHINA_UTC_OFFSET_MINUTES } from './calendar';
import { MAINLAND_REGION_NAMES } from './regions';
import { carrierCodeSchema, invoiceTypeSchema, localizedTextSchema, productCategorySchema } from './types';

/**
 * The shop's after-sales and shipping rules: the one place a shop edits to change what the bot promises.
 * FAQ answers read it through `policyTemplateValues`, dialogs through the eligibility and quote helpers,
 * so an answer and a decision can never disagree. To change a rule, spread `defaultPolicy`, override, and
 * pass the result through `parseShopPolicy` at start-up so a typo stops the server instead of misleading shoppers.
 */

const dayRangeSchema = z
  .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
  .refine((range) => range.min <= range.max, 'min must not exceed max');
/** An inclusive range of days, shown to shoppers as `1–3`. */
export type DayRange = z.infer<typeof dayRangeSchema>;

const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a 24-hour time like 16:00');
const yuanSchema = z.number().min(0).finite();
const daysSchema = z.number().int().min(0);

const carrierPolicySchema = z.object({
  /** How shoppers know the carrier: 顺丰速运 / SF Express. */
  name: localizedTextSchema,
  /**
   * `express` (SF) is free only from `expressFreeShippingThreshold`; `standard` (the 三通一达) from
   * `freeShippingThreshold`. Express costs the shop more, hence the higher bar.
   */
  tier: z.enum(['express', 'standard']),
  /** Mainland shipping fee in yuan, before any remote-region surcharge. */
  fee: yuanSchema,
  /** Days from dispatch to delivery on the mainland. */
  deliveryDays: dayRangeSchema,
  /** False to stop offering the carrier without deleting its settings. */
  enabled: z.boolean(),
});
export type CarrierPolicy = z.infer<typeof carrierPolicySchema>;

const invoicePolicySchema = z.object({
  /** Invoice types the shop issues. Every paid order can have one. */
  types: z.array(invoiceTypeSchema).min(1),
  /** 专票 only for a company title: an individual cannot deduct VAT, and tax offices reject such requests. */
  specialForCompaniesOnly: z.boolean(),
  /** A company title needs a valid 统一社会信用代码 (tax id): without one the invoice is useless to the company. */
  companyRequiresTaxId: z.boolean(),
  /** Working days from the request to the invoice. */
  issueWithinWorkingDays: daysSchema,
  /** How invoices reach the buyer; electronic invoices only, so by e-mail. */
  delivery: z.enum(['email']),
  /**
   * Times an order's invoice may be reissued (重开: wrong title, personal → company) by the shopper alone.
   * Each reissue voids an invoice already reported to the tax office, so beyond this an agent decides.
   */
  reissuesAllowed: z.number().int().min(0),
});

export const shopPolicySchema = z
  .object({
    /** The shop's time zone as minutes east of UTC (480 = China). Return windows count its calendar days. */
    utcOffsetMinutes: z.number().int().min(-720).max(840),
    /** 七天无理由退货: days after delivery in which any returnable item may be returned without a reason. */
    returnWindowDays: daysSchema,
    /** Days after delivery in which a faulty or not-as-described item may be returned. */
    qualityReturnWindowDays: daysSchema,
    /** Days after delivery in which an item may be exchanged for another size or colour. */
    exchangeWindowDays: daysSchema,
    /**
     * Categories excluded from no-reason returns (hygiene, perishables, made-to-order). Faulty items in these
     * categories can still be returned: the exclusion is from 无理由 returns only, as the law requires.
     */
    nonReturnableCategories: z.array(productCategorySchema),
    /** Categories that cannot be exchanged for another size or colour, for the same reasons. */
    nonExchangeableCategories: z.array(productCategorySchema),
    /** Who pays the postage of a return. */
    returnShipping: z.object({
      /** No-reason returns (size, changed mind, other) when the order has no 运费险. */
      noReasonPaidBy: z.enum(['buyer', 'shop']),
      /** Returns for a quality fault or an item not as described. */
      shopFaultPaidBy: z.enum(['buyer', 'shop']),
      /** 运费险 bought with the order refunds the buyer's postage of a no-reason return. */
      shippingInsuranceCoversNoReason: z.boolean(),
    }),
    /** Working days from receiving a return (or cancelling a paid order) to the refund reaching the buyer. */
    refundProcessingDays: dayRangeSchema,
    /** Invoice (发票) rules. */
    invoice: invoicePolicySchema,
    /** Carriers the shop ships with, by code. */
    carriers: z.record(carrierCodeSchema, carrierPolicySchema),
    /** 包邮: standard carriers ship free to non-remote mainland regions from this order subtotal (yuan). */
    freeShippingThreshold: yuanSchema,
    /** Express (SF) ships free to non-remote mainland regions from this subtotal; below it SF is always charged. */
    expressFreeShippingThreshold: yuanSchema,
    /** Regions (short Chinese names, as in `新疆`) that cost a surcharge and never ship free. */
    remoteRegions: z.array(z.string()),
    /** Extra fee in yuan on top of the carrier's fee for a remote region. */
    remoteRegionSurcharge: yuanSchema,
    /** Extra days a parcel to a remote region takes. */
    remoteRegionExtraDeliveryDays: daysSchema,
    /** Hong Kong, Macau and Taiwan: one carrier, one fee, never free. No other destination outside the mainland is served. */
    hongKongMacauTaiwan: z.object({
      carrier: carrierCodeSchema,
      fee: yuanSchema,
      deliveryDays: dayRangeSchema,
    }),
    /** Orders paid before this shop-local time ship the same day; later ones the next day. */
    dispatchCutoff: clockTimeSchema,
    /** When human agents answer (shop-local time); outside these hours the bot offers to take a message. */
    serviceHours: z.object({ open: clockTimeSchema, close: clockTimeSchema }),
    /** Months of warranty from delivery for the categories in `warrantyCategories`. */
    warrantyMonths: z.number().int().min(0),
    /** Categories with a warranty. */
    warrantyCategories: z.array(productCategorySchema),
    /** Loyalty points earned per yuan paid. */
    pointsPerYuan: z.number().min(0),
    /** Minutes an unpaid order waits for payment before it is cancelled automatically. */
    unpaidOrderCancelMinutes: z.number().int().min(1),
    /** Where returns and exchanges are sent back to, as the shopper should write it on the parcel. */
    returnAddress: localizedTextSchema,
  })
  .superRefine((policy, context) => {
    const unknownRegions = policy.remoteRegions.filter((name) => !MAINLAND_REGION_NAMES.includes(name));
    if (unknownRegions.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['remoteRegions'],
        message: `not mainland provinces (use short names such as 新疆): ${unknownRegions.join(', ')}`,
      });
    }
    if (policy.qualityReturnWindowDays < policy.returnWindowDays) {
      // A faulty item must never be harder to return than an unwanted one.
      context.addIssue({
        code: 'custom',
        path: ['qualityReturnWindowDays'],
        message: 'must be at least returnWindowDays',
      });
    }
    if (!policy.carriers[policy.hongKongMacauTaiwan.carrier].enabled) {
      context.addIssue({
        code: 'custom',
        path: ['hongKongMacauTaiwan', 'carrier'],
        message: 'must be an enabled carrier',
      });
    }
    if (policy.serviceHours.open >= policy.serviceHours.close) {
      context.addIssue({ code: 'custom', path: ['serviceHours'], message: 'open must be before close' });
    }
  });
export type ShopPolicy = z.infer<typeof shopPolicySchema>;

/** Parses a policy, with every problem named by its path, so a bad edit stops start-up with a clear message. */
export function parseShopPolicy(input: unknown): ShopPolicy {
  const result = shopPolicySchema.safeParse(input);
  if (!result.success) throw new Error(`Invalid shop policy:\n${z.prettifyError(result.error)}`);
  return result.data;
}

const standardCarrier = (zh: string, en: string): CarrierPolicy => ({
  name: { zh, en },
  tier: 'standard',
  fee: 6,
  deliveryDays: { min: 2, max: 4 },
  enabled: true,
});

/** The demo shop's rules (DESIGN.md §7), typical of a Chinese online shop. */
export const defaultPolicy: ShopPolicy = parseShopPolicy({
  utcOffsetMinutes: CHINA_UTC_OFFSET_MINUTES,
  returnWindowDays: 7,
  qualityReturnWindowDays: 15,
  exchangeWindowDays: 15,
  nonReturnableCategories: ['underwear', 'food', 'custom'],
  nonExchangeableCategories: ['underwear', 'food', 'custom'],
  returnShipping: { noReasonPaidBy: 'buyer', shopFaultPaidBy: 'shop', shippingInsuranceCoversNoReason: true },
  refundProcessingDays: { min: 1, max: 3 },
  invoice: {
    types: ['normal', 'special'],
    specialForCompaniesOnly: true,
    companyRequiresTaxId: true,
    issueWithinWorkingDays: 3,
    delivery: 'email',
    reissuesAllowed: 1,
  },
  carriers: {
    SF: {
      name: { zh: '顺丰速运', en: 'SF Express' },
      tier: 'express',
      fee: 12,
      deliveryDays: { min: 1, max: 2 },
      enabled: true,
    },
    ZTO: standardCarrier('中通快递', 'ZTO Express'),
    YTO: standardCarrier('圆通速递', 'YTO Express'),
    STO: standardCarrier('申通快递', 'STO Express'),
    YUNDA: standardCarrier('韵达快递', 'Yunda Express'),
  },
  freeShippingThreshold: 99,
  expressFreeShippingThreshold: 299,
  remoteRegions: ['新疆', '西藏', '青海', '内蒙古', '宁夏', '甘肃', '海南'],
  remoteRegionSurcharge: 15,
  remoteRegionExtraDeliveryDays: 2,
  hongKongMacauTaiwan: { carrier: 'SF', fee: 30, deliveryDays: { min: 3, max: 5 } },
  dispatchCutoff: '16:00',
  serviceHours: { open: '09:00', close: '22:00' },
  warrantyMonths: 12,
  warrantyCategories: ['electronics'],
  pointsPerYuan: 1,
  unpaidOrderCancelMinutes: 30,
  returnAddress: {
    zh: '浙江省杭州市余杭区仓前街道文一西路 1888 号 客服退货组（收件人：售后部，电话 0571-88880000）',
    en: 'After-sales Dept., 1888 Wenyi West Road, Cangqian, Yuhang District, Hangzhou, Zhejiang, China (tel. 0571-88880000)',
  },
});

// The helpers that apply the policy live in their own files; re-exported so callers need one import.
export { POLICY_TEMPLATE_KEYS, policyTemplateValues, type PolicyTemplateKey } from './policy-template-values';
export {
  exchangeEligibility,
  returnEligibility,
  type ExchangeEligibility,
  type ReturnEligibility,
} from './eligibility';
export { shippingQuote, type ShippingQuote } from './shipping-quote';
