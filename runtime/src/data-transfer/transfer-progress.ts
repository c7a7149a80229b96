import cliProgress from "cli-progress";

/** How an import or export shows its progress on the command line. */
export interface TransferProgress {
  /** `value` in the unit of the total (bytes of the file read), `status` in words */
  update(value: number, status: string): void;
  /** a line for the reader (a refused row): on the terminal above the bar, else on stdout */
  log(line: string): void;
  stop(): void;
}

/** At most one plain progress line this often, when stderr is no terminal. */
const PLAIN_EVERY_MS = 2000;

/**
 * A progress bar on stderr when it is a terminal (as step-progress.ts shows migrations), a plain
 * line every few seconds otherwise (CI logs, pipes). With `total` the bar fills as the file is
 * read; without, it only counts.
 */
export function transferProgress(
  label: string,
  total?: number,
  stream: NodeJS.WriteStream = process.stderr,
): TransferProgress {
  if (!stream.isTTY) {
    let last = Date.now();
    return {
      update(_value, status) {
        if (Date.now() - last < PLAIN_EVERY_MS) return;
        last = Date.now();
        stream.write(`${label}: ${status}\n`);
      },
      log: (line) => process.stdout.write(`${line}\n`),
      stop() {},
    };
  }
  const bars = new cliProgress.MultiBar(
    {
      stream,
      format: total === undefined ? `${label} {status}` : `${label} [{bar}] {percentage}% {status}`,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  const bar = bars.create(total ?? 0, 0, { status: "" });
  // the lines share the terminal with the bar only when stdout is that terminal too
  const together = process.stdout.isTTY;
  return {
    update: (value, status) => bar.update(value, { status }),
    log: (line) => (together ? bars.log(`${line}\n`) : process.stdout.write(`${line}\n`)),
    stop: () => bars.stop(),
  };
}
