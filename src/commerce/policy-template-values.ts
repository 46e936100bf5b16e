import type { DayRange, ShopPolicy } from './policy';
import { regionName } from './regions';
import type { Language } from './types';

/**
 * The policy as text for FAQ answers, which write `{returnWindowDays}` instead of a number so that editing
 * the policy changes every answer at once. A missing key would leave a raw `{placeholder}` in front of a
 * shopper, so the set of keys is fixed here and tested.
 */
export const POLICY_TEMPLATE_KEYS = [
  'returnWindowDays',
  'qualityReturnWindowDays',
  'exchangeWindowDays',
  'freeShippingThreshold',
  'standardShippingFee',
  'sfShippingFee',
  'sfFreeThreshold',
  'remoteRegions',
  'remoteRegionSurcharge',
  'hkMacauTaiwanFee',
  'hkMacauTaiwanDays',
  'standardDeliveryDays',
  'sfDeliveryDays',
  'dispatchCutoff',
  'serviceHours',
  'warrantyMonths',
  'pointsPerYuan',
  'refundProcessingDays',
  'unpaidOrderCancelMinutes',
] as const;
export type PolicyTemplateKey = (typeof POLICY_TEMPLATE_KEYS)[number];

function formatRange(min: number, max: number): string {
  return min === max ? String(min) : `${min}–${max}`;
}

function formatDays(range: DayRange): string {
  return formatRange(range.min, range.max);
}

/** The standard carriers as one offer: their fee and days, as a range when they differ. */
function standardCarriers(policy: ShopPolicy) {
  const all = Object.values(policy.carriers).filter((carrier) => carrier.tier === 'standard');
  const enabled = all.filter((carrier) => carrier.enabled);
  const carriers = enabled.length > 0 ? enabled : all;
  const fees = carriers.map((carrier) => carrier.fee);
  return {
    fee: fees.length > 0 ? formatRange(Math.min(...fees), Math.max(...fees)) : '—',
    days:
      carriers.length > 0
        ? formatRange(
            Math.min(...carriers.map((carrier) => carrier.deliveryDays.min)),
            Math.max(...carriers.map((carrier) => carrier.deliveryDays.max)),
          )
        : '—',
  };
}

export function policyTemplateValues(
  policy: ShopPolicy,
  language: Language,
): Record<PolicyTemplateKey, string> {
  const standard = standardCarriers(policy);
  const express = policy.carriers.SF;
  const regions = policy.remoteRegions.map((name) => regionName(name)[language]);
  return {
    returnWindowDays: String(policy.returnWindowDays),
    qualityReturnWindowDays: String(policy.qualityReturnWindowDays),
    exchangeWindowDays: String(policy.exchangeWindowDays),
    freeShippingThreshold: String(policy.freeShippingThreshold),
    standardShippingFee: standard.fee,
    sfShippingFee: String(express.fee),
    sfFreeThreshold: String(policy.expressFreeShippingThreshold),
    remoteRegions:
      regions.length > 0 ? regions.join(language === 'zh' ? '、' : ', ') : language === 'zh' ? '无' : 'none',
    remoteRegionSurcharge: String(policy.remoteRegionSurcharge),
    hkMacauTaiwanFee: String(policy.hongKongMacauTaiwan.fee),
    hkMacauTaiwanDays: formatDays(policy.hongKongMacauTaiwan.deliveryDays),
    standardDeliveryDays: standard.days,
    sfDeliveryDays: formatDays(express.deliveryDays),
    dispatchCutoff: policy.dispatchCutoff,
    serviceHours: `${policy.serviceHours.open}–${policy.serviceHours.close}`,
    warrantyMonths: String(policy.warrantyMonths),
    pointsPerYuan: String(policy.pointsPerYuan),
    refundProcessingDays: formatDays(policy.refundProcessingDays),
    unpaidOrderCancelMinutes: String(policy.unpaidOrderCancelMinutes),
  };
}
