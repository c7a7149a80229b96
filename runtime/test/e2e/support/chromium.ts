import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`): the tests never download a browser. */
export const CHROMIUM = process.env.LOOM_CHROMIUM ?? "/usr/bin/chromium";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Headless Chromium that talks to nothing but the addresses it is sent to. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}
