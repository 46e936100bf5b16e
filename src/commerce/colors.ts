import type { Language } from './types';

/**
 * Variant colours are stored as English names (what the NLU's colour entity reports), so a shopper's
 * "藏青色" and "navy" find the same stock; this turns them back into words for a Chinese reply.
 */
const CHINESE_COLOR_NAMES: Readonly<Record<string, string>> = {
  black: '黑色',
  white: '白色',
  red: '红色',
  blue: '蓝色',
  green: '绿色',
  yellow: '黄色',
  grey: '灰色',
  pink: '粉色',
  purple: '紫色',
  orange: '橙色',
  brown: '棕色',
  beige: '米色',
  khaki: '卡其色',
  navy: '藏青色',
  burgundy: '酒红色',
  silver: '银色',
  gold: '金色',
};

/** The colour as a shopper reads it; an unknown colour is shown as stored. */
export function colorName(color: string, language: Language): string {
  if (language === 'en') return color;
  return CHINESE_COLOR_NAMES[color.toLowerCase()] ?? color;
}
