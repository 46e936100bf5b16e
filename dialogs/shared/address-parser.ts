import { findRegion, isForeignCountry, type Region } from '../../src/commerce/regions';
import type { Address } from '../../src/commerce/types';
import { normalize } from '../../src/nlu/normalize';

/**
 * Reads the address a shopper types in one message — "张三 浙江省杭州市西湖区文三路100号" or
 * "Li Wei, 100 Wensan Rd, Xihu District, Hangzhou, Zhejiang" — into the shop's `Address` fields.
 * It knows the provinces (through `findRegion`) but no gazetteer of cities, so it relies on the suffixes
 * Chinese addresses carry (市/区/县 …) and on the comma order of English ones; when it cannot tell, it says
 * which part it missed so the dialog can ask precisely.
 */

/** An address as typed: the phone is optional because shoppers often send it separately. */
export type ParsedAddress = Omit<Address, 'phone'> & { phone?: string };

export type AddressProblem =
  /** Nothing that looks like an address at all. */
  | 'empty'
  | 'name'
  /** No province the shop knows. */
  | 'region'
  /** A foreign country: the shop does not ship abroad. */
  | 'foreign'
  | 'city'
  | 'district'
  | 'street';

export type AddressParseResult =
  { ok: true; address: ParsedAddress } | { ok: false; problem: AddressProblem };

// Optional +86, then 1[3-9]x xxxx xxxx, with the spaces or dashes people put in.
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d)[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/;

/** The mainland mobile number in `text` (11 digits, 1[3-9]…), digits only, or undefined. */
export function parseMainlandMobile(text: string): string | undefined {
  const match = MOBILE.exec(normalize(text).text);
  return match ? match.slice(1, 4).join('') : undefined;
}

const MUNICIPALITIES = new Set(['北京', '天津', '上海', '重庆']);
const SPECIAL_REGIONS = new Set(['香港', '澳门']);

const HAN = /\p{Script=Han}/u;
/** Characters that mark a place, never a person's name. */
const PLACE_CHARACTERS = /[省市区县镇乡村路街巷弄号楼栋幢室层]|单元|小区|大厦|广场|花园/u;
const NAME = /^[\p{Script=Han}A-Za-z·.' -]{1,50}$/u;

function looksLikeName(text: string): boolean {
  return NAME.test(text) && !PLACE_CHARACTERS.test(text) && /\p{L}/u.test(text);
}

const CHINESE_LABELS =
  /(收件人|收货人|联系人|姓名|名字|详细地址|收货地址|所在地区|地址|联系电话|手机号码|手机号|手机|电话)\s*[:：]?/g;
const ENGLISH_LABELS = /\b(name|recipient|address|addr|phone|mobile|tel|post ?code|postal code|zip)\s*:/gi;
const POSTAL_CODE = /(?:邮编|邮政编码)\s*[:：]?\s*(\d{6})(?!\d)|(?<=^|[\s,])(\d{6})(?=$|[\s,])/;

export function parseAddress(raw: string): AddressParseResult {
  // Lines of a pasted address separate its parts just as commas do; normalize() would fold them into spaces.
  let text = normalize(raw.replace(/\s*[\r\n]+\s*/g, ', ')).text;
  const phone = parseMainlandMobile(text);
  text = text.replace(MOBILE, ' ');
  const postal = POSTAL_CODE.exec(text);
  const postalCode = postal?.[1] ?? postal?.[2];
  if (postal) text = text.replace(postal[0], ' ');
  text = text.replace(CHINESE_LABELS, ' ').replace(ENGLISH_LABELS, ',').trim();
  if (!/\p{L}/u.test(text)) return { ok: false, problem: 'empty' };

  let result = HAN.test(text) ? parseChinese(text) : parseEnglish(text);
  // A Chinese name on an English address ("张三, 100 Wensan Rd, …") is still an English address.
  if (!result.ok && result.problem === 'region' && HAN.test(text)) {
    const english = parseEnglish(text);
    if (english.ok || english.problem !== 'region') result = english;
  }
  if (!result.ok) return result;
  return {
    ok: true,
    address: {
      ...result.address,
      ...(phone !== undefined && { phone }),
      ...(postalCode !== undefined && { postalCode }),
    },
  };
}

// ---- Chinese: 收件人 省 市 区 街道, in any spacing, the name before or after ----

const PROVINCE_SUFFIX = /^(省|市|维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区)/;
const CITY = /^([^\s\d区县路街道号]{1,8}?(?:市|自治州|地区|盟))/u;
/** "杭州西湖区": a two-character city written without 市, recognised by the district after it. */
const BARE_CITY = /^(\p{Script=Han}{2})(?=[^\s\d路街道号区县]{1,6}[区县旗])/u;
const DISTRICT = /^([^\s\d路街道号]{1,8}?(?:新区|区|县|市|旗))/u;
/** Cities without districts (东莞, 中山) go straight to towns and 街道. */
const TOWN = /^([^\s\d路街道号]{1,8}?(?:镇|乡|街道))/u;
/** A name written straight after the house number: "文三路100号张三". */
const TRAILING_NAME = /(?<=[号室楼栋幢座])(\p{Script=Han}{2,4})$/u;

interface RegionStart {
  /** Index of the segment the region starts in. */
  segment: number;
  /** Characters before the region inside that segment (a name written without a space). */
  offset: number;
}

function findRegionStart(segments: string[]): RegionStart | undefined {
  const whole = segments.findIndex((segment) => HAN.test(segment) && findRegion(segment) !== undefined);
  if (whole >= 0) return { segment: whole, offset: 0 };
  // "张三浙江省杭州市…": only trust a region inside a word when its suffix (省/市/自治区) follows,
  // so a name such as 张吉林 is not read as a province.
  for (const [index, segment] of segments.entries()) {
    for (let offset = 1; offset < segment.length - 2; offset++) {
      const tail = segment.slice(offset);
      const region = findRegion(tail);
      if (region && tail.startsWith(region.zh) && PROVINCE_SUFFIX.test(tail.slice(region.zh.length))) {
        return { segment: index, offset };
      }
    }
  }
  return undefined;
}

/** The province as written ("浙江省", "内蒙古自治区", "浙江"), or undefined when `text` does not start with it. */
function provinceAsWritten(text: string, region: Region): string | undefined {
  // The short names also cover the one short alias with Han characters (内蒙 for 内蒙古).
  const name = [region.zh, region.zh.slice(0, 2)].find((candidate) => text.startsWith(candidate));
  if (name === undefined) return undefined;
  return name + (PROVINCE_SUFFIX.exec(text.slice(name.length))?.[1] ?? '');
}

function parseChinese(text: string): AddressParseResult {
  const segments = text.split(/[\s,;]+/).filter(Boolean);
  const start = findRegionStart(segments);
  if (!start) {
    return {
      ok: false,
      problem: segments.some((segment) => isForeignCountry(segment)) ? 'foreign' : 'region',
    };
  }
  const before = segments.slice(0, start.segment);
  const inSegment = segments[start.segment].slice(0, start.offset);
  if (inSegment) before.push(inSegment);
  const after = [segments[start.segment].slice(start.offset), ...segments.slice(start.segment + 1)];

  let name = before.join(' ').trim();
  if (!name && after.length > 1 && looksLikeName(after[after.length - 1])) name = after.pop() ?? '';
  let rest = after.join(' ');
  if (!name) {
    const trailing = TRAILING_NAME.exec(rest);
    if (trailing) {
      name = trailing[1];
      rest = rest.slice(0, trailing.index);
    }
  }

  const region = findRegion(rest) as Region;
  const province = provinceAsWritten(rest, region);
  if (province === undefined) return { ok: false, problem: 'region' };
  rest = rest.slice(province.length).trimStart();

  let city: string;
  let district: string | undefined;
  if (MUNICIPALITIES.has(region.zh) || SPECIAL_REGIONS.has(region.zh)) {
    // 上海市(上海市)浦东新区…: the city is the municipality itself, sometimes written twice.
    city = MUNICIPALITIES.has(region.zh) ? `${region.zh}市` : region.zh;
    for (const repeat of [`${region.zh}市`, '市辖区']) {
      if (rest.startsWith(repeat)) rest = rest.slice(repeat.length).trimStart();
    }
    // Hong Kong and Macau addresses often name no district at all; the territory stands in for it.
    district =
      (DISTRICT.exec(rest) ?? TOWN.exec(rest))?.[1] ?? (SPECIAL_REGIONS.has(region.zh) ? city : undefined);
  } else {
    const cityMatch = CITY.exec(rest) ?? BARE_CITY.exec(rest);
    if (!cityMatch) return { ok: false, problem: 'city' };
    city = cityMatch[1];
    rest = rest.slice(city.length).trimStart();
    district = (DISTRICT.exec(rest) ?? TOWN.exec(rest))?.[1];
  }
  if (district === undefined) return { ok: false, problem: 'district' };
  if (rest.startsWith(district)) rest = rest.slice(district.length);
  const street = rest.trim();

  if (!looksLikeName(name)) return { ok: false, problem: 'name' };
  if (street.length < 2 || street.length > 120) return { ok: false, problem: 'street' };
  return { ok: true, address: { name, province, city, district, street } };
}

// ---- English: name, street…, district, city, province[, China] ----

const COUNTRY_CHINA =
  /^(china|mainland china|p\.?\s?r\.?\s?c\.?|p\.?\s?r\.?\s?china|people'?s republic of china|cn)$/i;
const DISTRICT_WORDS = /\b(district|county|new area|qu)\b/i;

function parseEnglish(text: string): AddressParseResult {
  const parts = text
    .split(/\s*[,;\n]\s*/)
    .map((part) => part.trim())
    .filter(Boolean);
  while (parts.length > 0 && COUNTRY_CHINA.test(parts[parts.length - 1])) parts.pop();
  const provincePart = parts.pop();
  if (provincePart === undefined) return { ok: false, problem: 'empty' };
  const region = findRegion(provincePart);
  if (!region) {
    const foreign = [provincePart, ...parts].some((part) => isForeignCountry(part));
    return { ok: false, problem: foreign ? 'foreign' : 'region' };
  }

  let city = provincePart;
  if (MUNICIPALITIES.has(region.zh) || SPECIAL_REGIONS.has(region.zh)) {
    // "…, Shanghai, Shanghai": the municipality written as both city and province.
    const previous = parts[parts.length - 1];
    if (previous !== undefined && findRegion(previous)?.zh === region.zh) city = parts.pop() ?? city;
  } else {
    const cityPart = parts.pop();
    if (cityPart === undefined) return { ok: false, problem: 'city' };
    city = cityPart;
  }
  // What is left: name, street (possibly several parts), district.
  if (parts.length < 3) {
    if (parts.length === 2 && DISTRICT_WORDS.test(parts[1])) return { ok: false, problem: 'street' };
    return { ok: false, problem: parts.length === 2 ? 'district' : 'street' };
  }
  const district = parts.pop() as string;
  const [name, ...streetParts] = parts;
  const street = streetParts.join(', ');
  if (!looksLikeName(name)) return { ok: false, problem: 'name' };
  if (street.length < 2 || street.length > 120) return { ok: false, problem: 'street' };
  return { ok: true, address: { name, province: provincePart, city, district, street } };
}

// ---- showing an address back ----

/** Province and city written the same way ("上海市 上海市", "Beijing, Beijing") are shown once. */
function sameRegion(a: string, b: string): boolean {
  const key = (text: string) => text.replace(/[省市\s]/g, '').toLowerCase();
  return key(a) === key(b);
}

/**
 * One line as the shopper would write it: Chinese order for a Chinese address, English order otherwise.
 * `phone` replaces the stored number (e.g. masked) when given.
 */
export function formatAddress(address: ParsedAddress, phone = address.phone): string {
  const city = sameRegion(address.province, address.city) ? '' : address.city;
  // A Hong Kong address may use the territory as its district: do not say it twice.
  const district = sameRegion(address.district, address.city) ? '' : address.district;
  if (HAN.test(`${address.province}${address.city}${address.district}`)) {
    const place = `${address.province}${city}${district}${address.street}`;
    return [address.name, phone, place].filter(Boolean).join(' ');
  }
  return [address.name, phone, address.street, district, city, address.province].filter(Boolean).join(', ');
}
