// Place names that repeat: two 桥西区 (石家庄, 张家口), two 新华区 (石家庄, 沧州), 威县 and 魏县 (both
// "Wei County"), two Jizhou Districts (蓟州, 冀州). Wherever a place is picked or listed it carries
// its prefecture, in both languages; and Beijing's and Tianjin's "市辖区" placeholder is never shown
// as if it were a prefecture ("市辖区 朝阳区" → "北京市 朝阳区").
//
// The English names of these counties already carry the prefecture in regions.json; the Chinese
// official names do not (they are the GB/T 2260 names), so the suffix is added here.

/** Counties whose Chinese or English name repeats in Beijing, Tianjin and Hebei → their prefecture. Kept equal to regions.json by reference.test.ts. */
export const REPEATED_PLACE_NAMES: Readonly<Record<string, { zh: string; en: string }>> = {
  "120119": { zh: "天津市", en: "Tianjin" },
  "130104": { zh: "石家庄市", en: "Shijiazhuang" },
  "130105": { zh: "石家庄市", en: "Shijiazhuang" },
  "130434": { zh: "邯郸市", en: "Handan" },
  "130533": { zh: "邢台市", en: "Xingtai" },
  "130703": { zh: "张家口市", en: "Zhangjiakou" },
  "130902": { zh: "沧州市", en: "Cangzhou" },
  "131103": { zh: "衡水市", en: "Hengshui" },
};

const MUNICIPALITIES: Readonly<Record<string, { zh: string; en: string }>> = {
  "11": { zh: "北京市", en: "Beijing" },
  "12": { zh: "天津市", en: "Tianjin" },
};

type Place = { code?: string | null; name: string; nameEn?: string | null };

/** A place's name in the reader's language, with its prefecture where the name alone is ambiguous. */
export function placeName(r: Place, lang: string): string {
  const en = lang === "en";
  // The "市辖区" placeholder under a municipality is named after the city.
  if (r.name === "市辖区" && r.code && MUNICIPALITIES[r.code.slice(0, 2)]) return MUNICIPALITIES[r.code.slice(0, 2)][en ? "en" : "zh"];
  if (en) return r.nameEn || r.name;
  const repeated = r.code ? REPEATED_PLACE_NAMES[r.code] : undefined;
  return repeated ? `${r.name}（${repeated.zh}）` : r.name;
}
