/** What the headless commands share: a clear message and a non-zero exit on failure. */
export async function runCommand(main: () => Promise<void>): Promise<void> {
  try {
    await main();
    process.exit(0);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`error: ${message.replace(/^error:\s*/i, "")}`);
    process.exit(1);
  }
}

/** The value after `--flag`, or `--flag=value`. */
export function option(args: string[], flag: string): string | undefined {
  const index = args.indexOf(flag);
  if (index >= 0) return args[index + 1];
  return args.find((a) => a.startsWith(`${flag}=`))?.slice(flag.length + 1);
}
