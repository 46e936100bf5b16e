import {
  defaultPolicy,
  parseShopPolicy,
  POLICY_TEMPLATE_KEYS,
  policyTemplateValues,
  shopPolicySchema,
} from '../../../src/commerce/policy';

describe('defaultPolicy', () => {
  it('holds the demo shop rules of DESIGN.md §7', () => {
    expect(defaultPolicy.returnWindowDays).toBe(7);
    expect(defaultPolicy.qualityReturnWindowDays).toBe(15);
    expect(defaultPolicy.exchangeWindowDays).toBe(15);
    expect(defaultPolicy.nonReturnableCategories).toEqual(['underwear', 'food', 'custom']);
    expect(defaultPolicy.returnShipping).toEqual({
      noReasonPaidBy: 'buyer',
      shopFaultPaidBy: 'shop',
      shippingInsuranceCoversNoReason: true,
    });
    expect(defaultPolicy.invoice).toEqual({
      types: ['normal', 'special'],
      specialForCompaniesOnly: true,
      companyRequiresTaxId: true,
      issueWithinWorkingDays: 3,
      delivery: 'email',
      reissuesAllowed: 1,
    });
    expect(defaultPolicy.carriers.SF).toMatchObject({
      tier: 'express',
      fee: 12,
      deliveryDays: { min: 1, max: 2 },
    });
    for (const code of ['ZTO', 'YTO', 'STO', 'YUNDA'] as const) {
      expect(defaultPolicy.carriers[code]).toMatchObject({
        tier: 'standard',
        fee: 6,
        deliveryDays: { min: 2, max: 4 },
      });
    }
    expect(defaultPolicy.freeShippingThreshold).toBe(99);
    expect(defaultPolicy.expressFreeShippingThreshold).toBe(299);
    expect(defaultPolicy.remoteRegions).toEqual(['新疆', '西藏', '青海', '内蒙古', '宁夏', '甘肃', '海南']);
    expect(defaultPolicy.remoteRegionSurcharge).toBe(15);
    expect(defaultPolicy.hongKongMacauTaiwan).toEqual({
      carrier: 'SF',
      fee: 30,
      deliveryDays: { min: 3, max: 5 },
    });
    expect(defaultPolicy.dispatchCutoff).toBe('16:00');
    expect(defaultPolicy.warrantyMonths).toBe(12);
    expect(defaultPolicy.unpaidOrderCancelMinutes).toBe(30);
  });

  it('is accepted by its own schema', () => {
    expect(shopPolicySchema.safeParse(defaultPolicy).success).toBe(true);
  });
});

describe('parseShopPolicy', () => {
  it('accepts an edited copy of the default', () => {
    const policy = parseShopPolicy({ ...defaultPolicy, returnWindowDays: 10, qualityReturnWindowDays: 30 });
    expect(policy.returnWindowDays).toBe(10);
    expect(policy.qualityReturnWindowDays).toBe(30);
  });

  it('names the field of each mistake', () => {
    const attempt = () =>
      parseShopPolicy({
        ...defaultPolicy,
        remoteRegions: ['新疆', 'Atlantis'],
        dispatchCutoff: '4pm',
        qualityReturnWindowDays: 3,
      });
    expect(attempt).toThrow(/Invalid shop policy/);
    expect(attempt).toThrow(/Atlantis[\s\S]*at remoteRegions/);
    expect(attempt).toThrow(/dispatchCutoff/);
    expect(attempt).toThrow(/qualityReturnWindowDays/);
  });

  it('refuses Hong Kong, Macau and Taiwan shipping through a disabled carrier', () => {
    const carriers = { ...defaultPolicy.carriers, SF: { ...defaultPolicy.carriers.SF, enabled: false } };
    expect(() => parseShopPolicy({ ...defaultPolicy, carriers })).toThrow(/hongKongMacauTaiwan/);
  });
});

describe('policyTemplateValues', () => {
  it.each(['zh', 'en'] as const)(
    'gives every FAQ placeholder a non-empty value in %s, and nothing else',
    (language) => {
      const values = policyTemplateValues(defaultPolicy, language);
      expect(Object.keys(values).sort()).toEqual([...POLICY_TEMPLATE_KEYS].sort());
      for (const key of POLICY_TEMPLATE_KEYS) {
        expect(typeof values[key]).toBe('string');
        expect(values[key].trim()).not.toBe('');
      }
    },
  );

  it('has exactly the keys the FAQ answers use', () => {
    expect([...POLICY_TEMPLATE_KEYS].sort()).toEqual(
      [
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
      ].sort(),
    );
  });

  it('renders the default policy in Chinese', () => {
    expect(policyTemplateValues(defaultPolicy, 'zh')).toEqual({
      returnWindowDays: '7',
      qualityReturnWindowDays: '15',
      exchangeWindowDays: '15',
      freeShippingThreshold: '99',
      standardShippingFee: '6',
      sfShippingFee: '12',
      sfFreeThreshold: '299',
      remoteRegions: '新疆、西藏、青海、内蒙古、宁夏、甘肃、海南',
      remoteRegionSurcharge: '15',
      hkMacauTaiwanFee: '30',
      hkMacauTaiwanDays: '3–5',
      standardDeliveryDays: '2–4',
      sfDeliveryDays: '1–2',
      dispatchCutoff: '16:00',
      serviceHours: '09:00–22:00',
      warrantyMonths: '12',
      pointsPerYuan: '1',
      refundProcessingDays: '1–3',
      unpaidOrderCancelMinutes: '30',
    });
  });

  it('translates the remote regions for English answers', () => {
    const values = policyTemplateValues(defaultPolicy, 'en');
    expect(values.remoteRegions).toBe('Xinjiang, Tibet, Qinghai, Inner Mongolia, Ningxia, Gansu, Hainan');
    expect(values.sfShippingFee).toBe('12');
    expect(values.serviceHours).toBe('09:00–22:00');
  });

  it('follows an edited policy, showing a fee range when standard carriers differ', () => {
    const carriers = {
      ...defaultPolicy.carriers,
      YUNDA: { ...defaultPolicy.carriers.YUNDA, fee: 8, deliveryDays: { min: 3, max: 5 } },
    };
    const policy = parseShopPolicy({
      ...defaultPolicy,
      carriers,
      returnWindowDays: 10,
      remoteRegions: ['西藏'],
    });
    const values = policyTemplateValues(policy, 'en');
    expect(values.standardShippingFee).toBe('6–8');
    expect(values.standardDeliveryDays).toBe('2–5');
    expect(values.returnWindowDays).toBe('10');
    expect(values.remoteRegions).toBe('Tibet');
  });
});
