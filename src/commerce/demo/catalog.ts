import type { Product, ProductVariant } from '../types';

/**
 * The demo shop's catalogue: enough sizes, colours and gaps in stock for exchanges to have something to
 * check ("L in navy is sold out; L in black or white?").
 */

export const DEMO_PRODUCT_IDS = {
  tshirt: 'tshirt-cotton',
  jeans: 'jeans-straight',
  runningShoes: 'shoes-running',
  earbuds: 'earbuds-wireless',
  faceCream: 'cream-moisturising',
  underwear: 'underwear-briefs',
} as const;

/** Variants of every size × colour, SKU `PREFIX-COLOR-SIZE`; `stock[color][size]`, missing means 0. */
function sizeColorGrid(
  prefix: string,
  sizes: readonly string[],
  stock: Readonly<Record<string, Readonly<Record<string, number>>>>,
): ProductVariant[] {
  return Object.keys(stock).flatMap((color) =>
    sizes.map((size) => ({
      sku: `${prefix}-${color.toUpperCase()}-${size}`,
      size,
      color,
      stock: stock[color][size] ?? 0,
    })),
  );
}

export function createDemoCatalog(): Product[] {
  return [
    {
      id: DEMO_PRODUCT_IDS.tshirt,
      name: { zh: '纯棉T恤', en: 'Cotton T-shirt' },
      category: 'apparel',
      price: 79,
      variants: sizeColorGrid('TSHIRT', ['S', 'M', 'L', 'XL', 'XXL'], {
        black: { S: 12, M: 25, L: 18, XL: 9, XXL: 4 },
        white: { S: 10, M: 30, L: 22, XL: 6, XXL: 0 },
        navy: { S: 5, M: 8, L: 0, XL: 3, XXL: 2 },
      }),
    },
    {
      id: DEMO_PRODUCT_IDS.jeans,
      name: { zh: '直筒牛仔裤', en: 'Straight-leg jeans' },
      category: 'apparel',
      price: 199,
      variants: sizeColorGrid('JEANS', ['28', '29', '30', '31', '32', '34', '36'], {
        blue: { '28': 6, '29': 0, '30': 14, '31': 11, '32': 9, '34': 5, '36': 2 },
        black: { '28': 4, '29': 7, '30': 10, '31': 0, '32': 8, '34': 3, '36': 0 },
      }),
    },
    {
      id: DEMO_PRODUCT_IDS.runningShoes,
      name: { zh: '轻量跑步鞋', en: 'Lightweight running shoes' },
      category: 'shoes',
      price: 399,
      variants: sizeColorGrid('SHOES', ['38', '39', '40', '41', '42', '43', '44'], {
        white: { '38': 5, '39': 8, '40': 12, '41': 10, '42': 7, '43': 3, '44': 0 },
        black: { '38': 2, '39': 6, '40': 9, '41': 11, '42': 0, '43': 4, '44': 2 },
      }),
    },
    {
      id: DEMO_PRODUCT_IDS.earbuds,
      name: { zh: '无线蓝牙耳机', en: 'Wireless earbuds' },
      category: 'electronics',
      price: 299,
      variants: [
        { sku: 'EARBUDS-WHITE', color: 'white', stock: 35 },
        { sku: 'EARBUDS-BLACK', color: 'black', stock: 12 },
      ],
    },
    {
      id: DEMO_PRODUCT_IDS.faceCream,
      name: { zh: '保湿面霜 50ml', en: 'Moisturising face cream 50 ml' },
      category: 'beauty',
      price: 168,
      variants: [{ sku: 'CREAM-50ML', stock: 80 }],
    },
    {
      id: DEMO_PRODUCT_IDS.underwear,
      name: { zh: '纯棉内裤（3条装）', en: 'Cotton briefs (3-pack)' },
      category: 'underwear',
      price: 59,
      variants: sizeColorGrid('BRIEFS', ['M', 'L', 'XL', 'XXL'], {
        grey: { M: 20, L: 25, XL: 15, XXL: 6 },
        black: { M: 18, L: 0, XL: 12, XXL: 5 },
      }),
    },
  ];
}
