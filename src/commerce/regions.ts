import type { LocalizedText } from './types';

/**
 * Province-level regions the shop can deliver to, and recognition of how shoppers and address forms write
 * them: 广东 / 广东省 / Guangdong / guangdong province. Anything else is abroad, or not understood.
 */

export type RegionZone = 'mainland' | 'hk_macau_taiwan';

export interface Region {
  /** Short Chinese name without 省/市/自治区, the form the policy uses (`新疆`). */
  zh: string;
  en: string;
  zone: RegionZone;
}

interface RegionEntry extends Region {
  /** Other spellings, already in matching form (see `englishKey`), and Traditional Chinese forms. */
  aliases?: readonly string[];
}

const REGIONS: readonly RegionEntry[] = [
  { zh: '北京', en: 'Beijing', zone: 'mainland' },
  { zh: '天津', en: 'Tianjin', zone: 'mainland' },
  { zh: '河北', en: 'Hebei', zone: 'mainland' },
  { zh: '山西', en: 'Shanxi', zone: 'mainland' },
  { zh: '内蒙古', en: 'Inner Mongolia', zone: 'mainland', aliases: ['内蒙', 'neimenggu', 'neimongol'] },
  { zh: '辽宁', en: 'Liaoning', zone: 'mainland' },
  { zh: '吉林', en: 'Jilin', zone: 'mainland' },
  { zh: '黑龙江', en: 'Heilongjiang', zone: 'mainland' },
  { zh: '上海', en: 'Shanghai', zone: 'mainland' },
  { zh: '江苏', en: 'Jiangsu', zone: 'mainland' },
  { zh: '浙江', en: 'Zhejiang', zone: 'mainland' },
  { zh: '安徽', en: 'Anhui', zone: 'mainland' },
  { zh: '福建', en: 'Fujian', zone: 'mainland' },
  { zh: '江西', en: 'Jiangxi', zone: 'mainland' },
  { zh: '山东', en: 'Shandong', zone: 'mainland' },
  { zh: '河南', en: 'Henan', zone: 'mainland' },
  { zh: '湖北', en: 'Hubei', zone: 'mainland' },
  { zh: '湖南', en: 'Hunan', zone: 'mainland' },
  { zh: '广东', en: 'Guangdong', zone: 'mainland', aliases: ['廣東'] },
  { zh: '广西', en: 'Guangxi', zone: 'mainland', aliases: ['廣西', 'guangxizhuang'] },
  { zh: '海南', en: 'Hainan', zone: 'mainland' },
  { zh: '重庆', en: 'Chongqing', zone: 'mainland' },
  { zh: '四川', en: 'Sichuan', zone: 'mainland' },
  { zh: '贵州', en: 'Guizhou', zone: 'mainland' },
  { zh: '云南', en: 'Yunnan', zone: 'mainland' },
  { zh: '西藏', en: 'Tibet', zone: 'mainland', aliases: ['xizang'] },
  { zh: '陕西', en: 'Shaanxi', zone: 'mainland' },
  { zh: '甘肃', en: 'Gansu', zone: 'mainland' },
  { zh: '青海', en: 'Qinghai', zone: 'mainland' },
  { zh: '宁夏', en: 'Ningxia', zone: 'mainland', aliases: ['ningxiahui'] },
  { zh: '新疆', en: 'Xinjiang', zone: 'mainland', aliases: ['xinjianguygur', 'xinjianguyghur'] },
  { zh: '香港', en: 'Hong Kong', zone: 'hk_macau_taiwan', aliases: ['hk'] },
  { zh: '澳门', en: 'Macau', zone: 'hk_macau_taiwan', aliases: ['澳門', 'macao'] },
  { zh: '台湾', en: 'Taiwan', zone: 'hk_macau_taiwan', aliases: ['台灣', '臺灣', '臺湾'] },
];

/** Countries shoppers commonly ask about, so that "ship to the US?" gets "we don't ship abroad", not "which province?". */
const FOREIGN_NAMES: readonly string[] = [
  '美国',
  '日本',
  '韩国',
  '新加坡',
  '马来西亚',
  '泰国',
  '澳大利亚',
  '加拿大',
  '英国',
  '德国',
  '法国',
  '新西兰',
  'usa',
  'us',
  'unitedstates',
  'america',
  'japan',
  'korea',
  'southkorea',
  'singapore',
  'malaysia',
  'thailand',
  'australia',
  'canada',
  'uk',
  'unitedkingdom',
  'england',
  'germany',
  'france',
  'newzealand',
];

const ENGLISH_SUFFIXES = /(province|municipality|city|specialadministrativeregion|sar|autonomousregion)$/;

/** Lower-case letters only, administrative suffix dropped: "Inner Mongolia Autonomous Region" → "innermongolia". */
function englishKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(ENGLISH_SUFFIXES, '');
}

function matchesChinese(text: string, entry: RegionEntry): boolean {
  // Prefix match covers 省/市/自治区 suffixes and a full address line ("新疆乌鲁木齐市…").
  return [entry.zh, ...(entry.aliases ?? [])].some(
    (name) => /\p{Script=Han}/u.test(name) && text.startsWith(name),
  );
}

function matchesEnglish(key: string, entry: RegionEntry): boolean {
  return key === englishKey(entry.en) || (entry.aliases ?? []).includes(key);
}

/** The region a province field or a shopper's words name, or undefined. */
export function findRegion(text: string): Region | undefined {
  const compact = text.replace(/\s+/g, '');
  const key = englishKey(text);
  const entry = REGIONS.find((region) => matchesChinese(compact, region) || matchesEnglish(key, region));
  return entry && { zh: entry.zh, en: entry.en, zone: entry.zone };
}

/** True for a country the shop is known not to serve (as opposed to text that names no place it knows). */
export function isForeignCountry(text: string): boolean {
  const compact = text.replace(/\s+/g, '');
  const key = englishKey(text);
  return FOREIGN_NAMES.some(
    (name) => name === key || (/\p{Script=Han}/u.test(name) && compact.startsWith(name)),
  );
}

/** The short Chinese names of all mainland provinces, for validating a policy's region lists. */
export const MAINLAND_REGION_NAMES: readonly string[] = REGIONS.filter(
  (region) => region.zone === 'mainland',
).map((region) => region.zh);

/** Both names of a region given its short Chinese name (as in the policy). */
export function regionName(zhName: string): LocalizedText {
  const entry = REGIONS.find((region) => region.zh === zhName);
  return { zh: zhName, en: entry?.en ?? zhName };
}
