import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formNames, readFormPost } from "./form-post.server";

describe("formNames", () => {
  const schema = z.object({ name: z.string(), skills: z.array(z.object({ code: z.string() })) });

  it("lists the fields, the intent and the extra names", () => {
    expect([...formNames(schema, {}, ["version"])].sort()).toEqual(["intent", "name", "skills", "version"]);
  });

  it("lists rows as name[i].field up to their maximum, and not the bare row name", () => {
    const names = formNames(schema, { skills: { fields: ["code", "level"], max: 2 } });
    expect([...names].sort()).toEqual(["intent", "name", "skills[0].code", "skills[0].level", "skills[1].code", "skills[1].level"]);
  });
});

describe("readFormPost", () => {
  const post = (body: string, type = "application/x-www-form-urlencoded") =>
    new Request("http://x/", { method: "POST", headers: { "Content-Type": type }, body });

  it("keeps only the form's names", async () => {
    const read = await readFormPost(post("a=1&b=2&skills%5B4294967294%5D.code=x"), new Set(["a"]));
    expect(read.ok && [...read.formData]).toEqual([["a", "1"]]);
  });

  it("refuses another encoding with 415 and a long body with 413", async () => {
    const json = await readFormPost(post("{}", "application/json"), new Set(["a"]));
    expect(!json.ok && json.response.status).toBe(415);
    const long = await readFormPost(post(`a=${"x".repeat(100)}`), new Set(["a"]), 50);
    expect(!long.ok && long.response.status).toBe(413);
  });
});
