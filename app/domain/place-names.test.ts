import { describe, expect, it } from "vitest";
import { placeName } from "./place-names";

describe("place names that repeat carry their prefecture, in both languages", () => {
  it("two 桥西区, two 新华区, 威县/魏县", () => {
    expect(placeName({ code: "130104", name: "桥西区", nameEn: "Qiaoxi District (Shijiazhuang)" }, "zh-CN")).toBe("桥西区（石家庄市）");
    expect(placeName({ code: "130703", name: "桥西区", nameEn: "Qiaoxi District (Zhangjiakou)" }, "zh-CN")).toBe("桥西区（张家口市）");
    expect(placeName({ code: "130902", name: "新华区", nameEn: "Xinhua District (Cangzhou)" }, "zh-CN")).toBe("新华区（沧州市）");
    expect(placeName({ code: "130533", name: "威县", nameEn: "Wei County (Xingtai)" }, "en")).toBe("Wei County (Xingtai)");
    expect(placeName({ code: "130434", name: "魏县", nameEn: "Wei County (Handan)" }, "zh-CN")).toBe("魏县（邯郸市）");
  });
  it("a name that does not repeat is left alone", () => {
    expect(placeName({ code: "130624", name: "阜平县", nameEn: "Fuping County" }, "zh-CN")).toBe("阜平县");
    expect(placeName({ code: "110105", name: "朝阳区", nameEn: "Chaoyang District" }, "en")).toBe("Chaoyang District");
  });
  it("the municipalities' 市辖区 placeholder is named after the city", () => {
    expect(placeName({ code: "110100", name: "市辖区", nameEn: "Beijing districts" }, "zh-CN")).toBe("北京市");
    expect(placeName({ code: "120100", name: "市辖区", nameEn: "Tianjin districts" }, "en")).toBe("Tianjin");
  });
});
