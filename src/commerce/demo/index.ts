export { createDemoCatalog, DEMO_PRODUCT_IDS } from './catalog';
export { DEMO_CUSTOMERS, type DemoCustomer } from './customers';
export { DemoOrderService, type DemoOrderServiceOptions } from './demo-order-service';
export { createDemoOrders, DEMO_ORDER_IDS } from './orders';
