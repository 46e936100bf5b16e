import { shipsSameDay } from '../../../src/commerce/dispatch';
import { defaultPolicy, parseShopPolicy } from '../../../src/commerce/policy';
import { findRegion, isForeignCountry } from '../../../src/commerce/regions';
import { shippingQuote } from '../../../src/commerce/shipping-quote';

describe('shippingQuote on the mainland', () => {
  it('charges a standard carrier 6 below 99 and ships free from 99', () => {
    expect(shippingQuote('广东省', 98.9, 'ZTO', defaultPolicy)).toEqual({
      available: true,
      carrier: 'ZTO',
      carrierName: { zh: '中通快递', en: 'ZTO Express' },
      region: { zh: '广东', en: 'Guangdong' },
      zone: 'mainland',
      baseFee: 6,
      remoteSurcharge: 0,
      fee: 6,
      freeShipping: false,
      amountToFreeShipping: 0.1,
      deliveryDays: { min: 2, max: 4 },
    });
    expect(shippingQuote('广东', 99, 'YUNDA', defaultPolicy)).toMatchObject({
      fee: 0,
      freeShipping: true,
      amountToFreeShipping: 0,
    });
  });

  it('charges SF 12 from 99 up to 299, and ships SF free from 299', () => {
    expect(shippingQuote('上海市', 150, 'SF', defaultPolicy)).toMatchObject({
      fee: 12,
      freeShipping: false,
      amountToFreeShipping: 149,
      deliveryDays: { min: 1, max: 2 },
    });
    expect(shippingQuote('Shanghai', 299, 'SF', defaultPolicy)).toMatchObject({ fee: 0, freeShipping: true });
  });

  it('never ships free to a remote region, and adds the surcharge and extra days', () => {
    expect(shippingQuote('新疆维吾尔自治区', 1000, 'ZTO', defaultPolicy)).toEqual({
      available: true,
      carrier: 'ZTO',
      carrierName: { zh: '中通快递', en: 'ZTO Express' },
      region: { zh: '新疆', en: 'Xinjiang' },
      zone: 'remote',
      baseFee: 6,
      remoteSurcharge: 15,
      fee: 21,
      freeShipping: false,
      amountToFreeShipping: null,
      deliveryDays: { min: 4, max: 6 },
    });
    expect(shippingQuote('Tibet', 5000, 'SF', defaultPolicy)).toMatchObject({ zone: 'remote', fee: 27 });
    for (const region of ['西藏', '青海', '内蒙古自治区', '宁夏', '甘肃省', '海南省']) {
      expect(shippingQuote(region, 500, 'STO', defaultPolicy)).toMatchObject({ zone: 'remote', fee: 21 });
    }
  });
});

describe('shippingQuote outside the mainland', () => {
  it('ships to Hong Kong, Macau and Taiwan by SF for 30, never free', () => {
    for (const region of ['香港', 'Hong Kong SAR', '澳門', 'Macao', '台湾']) {
      expect(shippingQuote(region, 10_000, 'SF', defaultPolicy)).toMatchObject({
        available: true,
        zone: 'hk_macau_taiwan',
        fee: 30,
        freeShipping: false,
        amountToFreeShipping: null,
        deliveryDays: { min: 3, max: 5 },
      });
    }
  });

  it('points to SF when asked for another carrier to Hong Kong', () => {
    expect(shippingQuote('香港', 100, 'ZTO', defaultPolicy)).toEqual({
      available: false,
      carrier: 'ZTO',
      reason: 'carrier_not_serving_region',
      alternatives: ['SF'],
    });
  });

  it('does not ship abroad', () => {
    for (const place of ['美国', 'United States', 'Japan', '澳大利亚']) {
      expect(shippingQuote(place, 500, 'SF', defaultPolicy)).toMatchObject({
        available: false,
        reason: 'international_not_supported',
        alternatives: [],
      });
    }
  });

  it('says when it does not know the place', () => {
    expect(shippingQuote('Atlantis', 500, 'SF', defaultPolicy)).toMatchObject({
      available: false,
      reason: 'unknown_region',
    });
  });

  it('offers only enabled carriers', () => {
    const carriers = { ...defaultPolicy.carriers, STO: { ...defaultPolicy.carriers.STO, enabled: false } };
    const policy = parseShopPolicy({ ...defaultPolicy, carriers });
    expect(shippingQuote('浙江', 50, 'STO', policy)).toEqual({
      available: false,
      carrier: 'STO',
      reason: 'carrier_not_offered',
      alternatives: ['SF', 'ZTO', 'YTO', 'YUNDA'],
    });
  });
});

describe('findRegion', () => {
  it('reads province fields and English names', () => {
    expect(findRegion('内蒙古自治区')).toEqual({ zh: '内蒙古', en: 'Inner Mongolia', zone: 'mainland' });
    expect(findRegion('Inner Mongolia Autonomous Region')?.zh).toBe('内蒙古');
    expect(findRegion('Shaanxi')?.zh).toBe('陕西');
    expect(findRegion('shanxi province')?.zh).toBe('山西');
    expect(findRegion('黑龙江省哈尔滨市')?.zh).toBe('黑龙江');
    expect(findRegion('臺灣')).toEqual({ zh: '台湾', en: 'Taiwan', zone: 'hk_macau_taiwan' });
  });

  it('does not mistake Australia (澳大利亚) for Macau (澳门)', () => {
    expect(findRegion('澳大利亚')).toBeUndefined();
    expect(isForeignCountry('澳大利亚')).toBe(true);
    expect(isForeignCountry('广东')).toBe(false);
  });
});

describe('shipsSameDay', () => {
  it('ships orders paid before 16:00 Beijing time the same day', () => {
    expect(shipsSameDay(new Date('2023-11-22T15:59:00+08:00'), defaultPolicy)).toBe(true);
    expect(shipsSameDay(new Date('2023-11-22T16:00:00+08:00'), defaultPolicy)).toBe(false);
    // 07:30 UTC is 15:30 in Beijing.
    expect(shipsSameDay(new Date('2023-11-22T07:30:00Z'), defaultPolicy)).toBe(true);
  });
});
