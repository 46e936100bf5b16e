import type { OrderItem } from '../../src/commerce/types';
import { colourSynonyms, itemLabel } from '../../dialogs/shared/after-sales-dialog';

function item(sku: string, color: string | undefined, size = 'M'): OrderItem {
  return {
    sku,
    productId: sku,
    name: { zh: '纯棉T恤', en: 'Cotton T-shirt' },
    category: 'apparel',
    size,
    color,
    quantity: 1,
    unitPrice: 59,
  };
}

describe('item labels and the words that pick an item', () => {
  it('names the colour in the shopper’s language, with that language’s brackets', () => {
    expect(itemLabel(item('a', 'white'), 'zh')).toBe('纯棉T恤（白色 M）');
    expect(itemLabel(item('a', 'white'), 'en')).toBe('Cotton T-shirt (white M)');
    expect(itemLabel(item('a', undefined), 'zh')).toBe('纯棉T恤（M）');
  });

  it('lets a Chinese colour word pick an item only when no other item of the order shares the colour', () => {
    const white = item('a', 'white');
    const blue = item('b', 'blue');
    const otherWhite = item('c', 'white', 'L');
    expect(colourSynonyms(blue, [white, blue])).toEqual(['蓝色']);
    expect(colourSynonyms(white, [white, otherWhite])).toEqual([]);
    // A colour with no Chinese name would be the English word, which "bluetooth" and the like contain.
    const teal = item('d', 'teal');
    expect(colourSynonyms(teal, [white, teal])).toEqual([]);
  });
});
