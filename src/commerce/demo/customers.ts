import type { Address } from '../types';

/** The demo shop's two customers; a third party can prove nothing but may still ask about an order. */

export interface DemoCustomer {
  customerId: string;
  phone: string;
  address: Address;
}

export const DEMO_CUSTOMERS: Readonly<Record<'alice' | 'bob', DemoCustomer>> = {
  alice: {
    customerId: 'demo-alice',
    phone: '13812345678',
    address: {
      name: '王丽',
      phone: '13812345678',
      province: '上海市',
      city: '上海市',
      district: '浦东新区',
      street: '世纪大道100号 8楼',
      postalCode: '200120',
    },
  },
  bob: {
    customerId: 'demo-bob',
    phone: '13998765432',
    address: {
      name: '陈伟',
      phone: '13998765432',
      province: '新疆维吾尔自治区',
      city: '乌鲁木齐市',
      district: '天山区',
      street: '解放北路88号 2单元 501',
      postalCode: '830000',
    },
  },
};
