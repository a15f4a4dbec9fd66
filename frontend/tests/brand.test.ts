// The city's brand colour on its site keeps text readable (WCAG AA, 4.5:1) wherever the site uses its
// primary colour: as a background under white text, and as text on white, grey and yellow surfaces.
import { describe, expect, test } from "vitest";
import { contrast, readableBrand } from "../src/public/brand";

const BACKGROUNDS = ["#FFFFFF", "#F3F4F7", "#FFF4D6"];

describe("the brand colour", () => {
  test("a dark colour is used as it is", () => {
    expect(readableBrand("#1D4F91")).toBe("#1D4F91");
    expect(readableBrand("#00576b")).toBe("#00576B");
  });

  test("a colour the API takes (4.5:1 on white) but too light for the grey surface is darkened just enough", () => {
    const borderline = "#767676"; // 4.54:1 on white, below 4.5:1 on the grey surface
    expect(contrast(borderline, "#FFFFFF")).toBeGreaterThanOrEqual(4.5);
    expect(contrast(borderline, "#F3F4F7")).toBeLessThan(4.5);
    const used = readableBrand(borderline)!;
    expect(used).not.toBe("#767676");
    for (const background of BACKGROUNDS) expect(contrast(used, background)).toBeGreaterThanOrEqual(4.5);
    // Darkened a little, not to black.
    expect(contrast(used, "#000000")).toBeGreaterThan(3);
  });

  test("a light colour comes out readable too", () => {
    const used = readableBrand("#FFD700")!;
    for (const background of BACKGROUNDS) expect(contrast(used, background)).toBeGreaterThanOrEqual(4.5);
  });

  test("no colour, or not one at all: the site keeps its own", () => {
    expect(readableBrand(null)).toBeNull();
    expect(readableBrand(undefined)).toBeNull();
    expect(readableBrand("red")).toBeNull();
    expect(readableBrand("#12345")).toBeNull();
  });
});
