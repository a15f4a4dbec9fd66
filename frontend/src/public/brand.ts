// A city's own look on its pages: its brand colour as the site's primary colour, and its logo.
// The API only takes colours white text can be read on (4.5:1); the site also puts the colour as
// text on its light grey and light yellow surfaces, so a colour too light for those is darkened just
// enough — text contrast stays AA everywhere the primary colour is used.
import { useEffect } from "react";
import { apiUrl } from "../api/client";
import { useLoading } from "../api/loading";
import { loadOrganization, type Organization } from "./organizations";

const HEX = /^#([0-9a-fA-F]{6})$/;

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of "#RRGGBB". */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16));
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** The lightest backgrounds the primary colour sits on as text (styles.css): white, the surface, the warning box. */
const BACKGROUNDS = ["#ffffff", "#f3f4f7", "#fff4d6"];
const AA = 4.5;

/**
 * The brand colour as the site uses it: unchanged when text in it reads at 4.5:1 on every light
 * background (and white text on it), otherwise darkened in small steps until it does. Null for a
 * missing or malformed colour: the site keeps its own.
 */
export function readableBrand(color: string | null | undefined): string | null {
  if (!color || !HEX.test(color)) return null;
  let [r, g, b] = [1, 3, 5].map((at) => parseInt(color.slice(at, at + 2), 16));
  const hex = () => `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`.toUpperCase();
  for (let step = 0; step < 40 && BACKGROUNDS.some((background) => contrast(hex(), background) < AA); step++) {
    [r, g, b] = [r, g, b].map((v) => v * 0.95);
  }
  return hex();
}

const NOT_A_CITY = new Set(["", "manage", "staff"]);

/** The city whose pages are shown (the first part of the address), or null on the city list and manage pages. */
export function useCurrentCity(pathname: string): Organization | null {
  const slug = decodeURIComponent(pathname.split("/")[1] ?? "");
  const city = useLoading(() => (NOT_A_CITY.has(slug) ? Promise.resolve(null) : loadOrganization(slug).catch(() => null)), [slug]);
  return city.state === "ready" ? city.data : null;
}

/** Sets the site's primary colour to the city's while its pages are shown; back to the site's own after. */
export function useBrandColour(city: Organization | null): string | null {
  const colour = readableBrand(city?.brand_color);
  useEffect(() => {
    if (!colour) return;
    const root = document.documentElement;
    root.style.setProperty("--color-primary", colour);
    return () => {
      root.style.removeProperty("--color-primary");
    };
  }, [colour]);
  return colour;
}

export function logoAddress(city: Organization): string | null {
  return city.logo_url ? apiUrl(city.logo_url) : null;
}
