import { readFileSync } from 'node:fs';
import path from 'node:path';
import { colorName } from '../commerce/colors';
import type { Product } from '../commerce/types';
import { packageRoot } from '../paths';

/** The folder with the page's static files; they ship in the package next to dist/. */
export function webDir(): string {
  return path.join(packageRoot(), 'src', 'web');
}

/** botframework-webchat's full bundle, resolved like any dependency so a hoisted install is found too. */
export function webChatBundlePath(): string {
  // The package exports only its entry points; the bundle sits beside them in dist/.
  return path.join(path.dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/** A text node that the page's language switch fills in from data-zh / data-en. */
function bilingual(tag: string, className: string, zh: string, en: string): string {
  return `<${tag} class="${className}" data-zh="${escapeHtml(zh)}" data-en="${escapeHtml(en)}">${escapeHtml(zh)}</${tag}>`;
}

function productCard(product: Product): string {
  const stock = product.variants.reduce((sum, variant) => sum + variant.stock, 0);
  const colors = [...new Set(product.variants.flatMap((variant) => (variant.color ? [variant.color] : [])))];
  const colorsZh = colors.map((color) => colorName(color, 'zh')).join('、');
  const colorsEn = colors.map((color) => colorName(color, 'en')).join(', ');
  return [
    `<li class="product" data-product-id="${escapeHtml(product.id)}">`,
    bilingual('p', 'product-name', product.name.zh, product.name.en),
    `<p class="product-price">¥${product.price.toFixed(2)}</p>`,
    colors.length > 0 ? bilingual('p', 'product-colors', `颜色：${colorsZh}`, `Colours: ${colorsEn}`) : '',
    stock > 0
      ? bilingual('p', 'product-stock', `库存 ${stock} 件`, `${stock} in stock`)
      : bilingual('p', 'product-stock', '暂时缺货', 'Out of stock'),
    '</li>',
  ].join('');
}

/** The demo shop page: the template with the catalogue's products filled in. */
export function renderDemoPage(products: Product[]): string {
  const template = readFileSync(path.join(webDir(), 'index.html'), 'utf8');
  return template.replace('<!--PRODUCTS-->', products.map(productCard).join('\n'));
}
