import type { DayRange, ShopPolicy } from './policy';
import { findRegion, isForeignCountry, type Region } from './regions';
import { CARRIER_CODES, type CarrierCode, type LocalizedText } from './types';

/** What shipping to a region costs with a carrier, and how long it takes — or why it is not possible. */

export type ShippingZone = 'mainland' | 'remote' | 'hk_macau_taiwan';

export interface AvailableShippingQuote {
  available: true;
  carrier: CarrierCode;
  carrierName: LocalizedText;
  region: LocalizedText;
  zone: ShippingZone;
  /** The carrier's fee for the zone before any free-shipping discount. */
  baseFee: number;
  /** Included in `fee`; 0 outside remote regions. */
  remoteSurcharge: number;
  /** What the buyer pays for shipping. */
  fee: number;
  freeShipping: boolean;
  /** How much more to spend for free shipping: 0 when already free, null when this zone never ships free. */
  amountToFreeShipping: number | null;
  deliveryDays: DayRange;
}

export type ShippingUnavailableReason =
  /** Not a place the shop recognises; ask again (a province of mainland China, Hong Kong, Macau or Taiwan). */
  | 'unknown_region'
  /** Abroad: the shop does not ship outside mainland China, Hong Kong, Macau and Taiwan. */
  | 'international_not_supported'
  /** The carrier does not go there (HK, Macau and Taiwan take one carrier); see `alternatives`. */
  | 'carrier_not_serving_region'
  /** The shop has switched this carrier off. */
  | 'carrier_not_offered';

export interface UnavailableShippingQuote {
  available: false;
  carrier: CarrierCode;
  reason: ShippingUnavailableReason;
  /** Carriers that would serve the region. */
  alternatives: CarrierCode[];
}

export type ShippingQuote = AvailableShippingQuote | UnavailableShippingQuote;

function roundYuan(amount: number): number {
  return Math.round(amount * 100) / 100;
}

function carriersServing(region: Region, policy: ShopPolicy): CarrierCode[] {
  if (region.zone === 'hk_macau_taiwan') return [policy.hongKongMacauTaiwan.carrier];
  return CARRIER_CODES.filter((code) => policy.carriers[code].enabled);
}

/**
 * Quote for shipping an order of `subtotal` yuan to `regionText` (a province field or a shopper's words:
 * 新疆, 广东省, Hong Kong) with `carrier`. Remote regions and HK/Macau/Taiwan never ship free.
 */
export function shippingQuote(
  regionText: string,
  subtotal: number,
  carrier: CarrierCode,
  policy: ShopPolicy,
): ShippingQuote {
  const region = findRegion(regionText);
  if (region === undefined) {
    const reason = isForeignCountry(regionText) ? 'international_not_supported' : 'unknown_region';
    return { available: false, carrier, reason, alternatives: [] };
  }
  const serving = carriersServing(region, policy);
  if (!serving.includes(carrier)) {
    const reason = policy.carriers[carrier].enabled ? 'carrier_not_serving_region' : 'carrier_not_offered';
    return { available: false, carrier, reason, alternatives: serving };
  }

  const carrierPolicy = policy.carriers[carrier];
  const common = {
    available: true as const,
    carrier,
    carrierName: carrierPolicy.name,
    region: { zh: region.zh, en: region.en },
  };

  if (region.zone === 'hk_macau_taiwan') {
    const { fee, deliveryDays } = policy.hongKongMacauTaiwan;
    return {
      ...common,
      zone: 'hk_macau_taiwan',
      baseFee: fee,
      remoteSurcharge: 0,
      fee,
      freeShipping: false,
      amountToFreeShipping: null,
      deliveryDays,
    };
  }

  if (policy.remoteRegions.includes(region.zh)) {
    const extra = policy.remoteRegionExtraDeliveryDays;
    return {
      ...common,
      zone: 'remote',
      baseFee: carrierPolicy.fee,
      remoteSurcharge: policy.remoteRegionSurcharge,
      fee: roundYuan(carrierPolicy.fee + policy.remoteRegionSurcharge),
      freeShipping: false,
      amountToFreeShipping: null,
      deliveryDays: {
        min: carrierPolicy.deliveryDays.min + extra,
        max: carrierPolicy.deliveryDays.max + extra,
      },
    };
  }

  const threshold =
    carrierPolicy.tier === 'express' ? policy.expressFreeShippingThreshold : policy.freeShippingThreshold;
  const freeShipping = subtotal >= threshold;
  return {
    ...common,
    zone: 'mainland',
    baseFee: carrierPolicy.fee,
    remoteSurcharge: 0,
    fee: freeShipping ? 0 : carrierPolicy.fee,
    freeShipping,
    amountToFreeShipping: freeShipping ? 0 : roundYuan(threshold - subtotal),
    deliveryDays: carrierPolicy.deliveryDays,
  };
}
